#pragma once
// Base64url without padding (RFC 4648 §5, RFC 7515 §2), decoded strictly: JWTs and API tokens only ever use the
// canonical form, so anything else is refused instead of being read leniently.

#include <string>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::platform::auth {

/// Encodes bytes as unpadded base64url.
std::string base64url_encode(std::string_view bytes);

/// Decodes unpadded base64url; invalid_input for padding, whitespace, characters outside the alphabet, a length
/// of 1 mod 4, or non-zero unused bits in the last character (a second spelling of the same bytes).
base::Result<std::string> base64url_decode(std::string_view text);

/// True when every character of `text` is in the base64url alphabet (no padding).
bool is_base64url_alphabet(std::string_view text);

}  // namespace rbxpipe::platform::auth
