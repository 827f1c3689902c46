#pragma once
// Paths inside a release bundle: relative, '/'-separated and unable to name anything outside the bundle's folder.

#include <string>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::bundle {

/// The name of the manifest entry every bundle carries.
inline constexpr std::string_view k_manifest_path = "release.json";

/// Longest accepted bundle path, in bytes.
inline constexpr std::size_t k_max_path_bytes = 1024;

/// Longest accepted path component, in bytes (the common file-system limit).
inline constexpr std::size_t k_max_component_bytes = 255;

/// invalid_input (saying why) unless `path` is a safe bundle path: non-empty valid UTF-8, relative, '/'-separated,
/// without empty, '.' or '..' components, backslashes, colons (drive letters, streams) or control characters.
base::Result<void> check_bundle_path(std::string_view path);

/// `text` quoted for a message, with control characters and invalid UTF-8 bytes escaped as `\xNN`.
std::string quoted_entry(std::string_view text);

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

/// True when `text` is `length` lower-case hexadecimal digits.
bool is_lower_hex(std::string_view text, std::size_t length);

}  // namespace rbxpipe::bundle
