#pragma once
// Internal to cloud/emulator/: a strict but forgiving multipart/form-data reader (RFC 7578): quoted or bare
// boundaries, CRLF or bare LF line ends, case-insensitive part headers, quoted names with escapes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::cloud::emulator {

/// One form field.
struct MultipartPart {
  std::string name;                     ///< the field name
  std::optional<std::string> filename;  ///< set for file parts
  std::string content_type;             ///< the part's Content-Type ("" when absent)
  std::string body;                     ///< the bytes
};

/// The boundary parameter of a multipart Content-Type, or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);

/// Splits a multipart body; invalid_input when the boundary never appears, a part has no name, or the final
/// delimiter is missing.
base::Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary);

/// The first part called `name`, or nullptr.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace rbxpipe::cloud::emulator
