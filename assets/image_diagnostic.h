#pragma once
// Diagnostic codes for image inputs and spritesheets, and a helper that builds a whole-file diagnostic.

#include <string>
#include <string_view>

#include "base/diagnostic.h"

namespace rbxpipe::assets {

/// Stable diagnostic codes for images (ASSET0001..ASSET0019) and spritesheets (ASSET0020..ASSET0029).
namespace image_codes {
inline constexpr std::string_view k_unsupported_format = "ASSET0001";  ///< a known format Roblox does not accept
inline constexpr std::string_view k_empty_file = "ASSET0002";          ///< zero bytes
inline constexpr std::string_view k_unknown_format = "ASSET0003";      ///< bytes that are no image we know
inline constexpr std::string_view k_corrupt_header = "ASSET0004";      ///< truncated or malformed header/structure
inline constexpr std::string_view k_bad_chunk_crc = "ASSET0005";       ///< a PNG chunk whose CRC does not match
inline constexpr std::string_view k_too_large = "ASSET0006";           ///< a side of 8000 px or more: refused
inline constexpr std::string_view k_above_maximum = "ASSET0007";       ///< above the configured maximum side
inline constexpr std::string_view k_tiny = "ASSET0008";                ///< a side of 8 px or less
inline constexpr std::string_view k_decode_failed = "ASSET0009";       ///< header fine, pixel data unreadable
inline constexpr std::string_view k_zero_size = "ASSET0010";           ///< a width or height of zero
inline constexpr std::string_view k_sprite_too_large = "ASSET0020";    ///< an image that does not fit on a sheet
inline constexpr std::string_view k_sprite_duplicate = "ASSET0021";    ///< two sprites with the same key
}  // namespace image_codes

/// A diagnostic about the whole file `path` (binary files have no line:col; byte offsets go in the message).
base::Diagnostic image_diagnostic(base::Severity severity, std::string_view code, std::string_view path,
                                  std::string message, std::string help = {});

}  // namespace rbxpipe::assets
