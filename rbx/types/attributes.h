#pragma once
// The binary blobs some properties hold: attributes (AttributesSerialize), tags, and terrain material colours.

#include <string>
#include <string_view>

#include "base/result.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::types {

/// Decodes an attribute blob (u32 count, then name + type id + value each). invalid_input on truncated or
/// malformed data or an unknown attribute type id; never reads past the end.
base::Result<Attributes> decode_attributes(std::string_view blob);

/// Encodes attributes, sorted by name; invalid_input for a value type attributes cannot hold.
base::Result<std::string> encode_attributes(const Attributes& attributes);

/// Splits a tags blob (names joined by NUL bytes).
Tags decode_tags(std::string_view blob);
/// Joins tags with NUL bytes.
std::string encode_tags(const Tags& tags);

/// Decodes a 69-byte MaterialColors blob; invalid_input for any other size.
base::Result<MaterialColors> decode_material_colors(std::string_view blob);
/// Encodes MaterialColors (two reserved zero triples, then the 21 colours).
std::string encode_material_colors(const MaterialColors& colors);

}  // namespace rbxpipe::rbx::types
