#pragma once
// Base64 (RFC 4648 alphabet, padded), as XML model files and HTTP APIs use it.

#include <string>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::base {

/// Encodes bytes as padded base64 on one line.
std::string base64_encode(std::string_view bytes);

/// Decodes base64, ignoring ASCII whitespace anywhere (RFC 2045 line breaks); invalid_input for other characters,
/// bad padding or a length that is not a whole number of quanta after whitespace is removed.
Result<std::string> base64_decode(std::string_view text);

}  // namespace rbxpipe::base
