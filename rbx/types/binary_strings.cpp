#include "rbx/types/attributes.h"

// The two plain binary-string layouts of attributes.h: NUL-joined tags and terrain material colours.

namespace rbxpipe::rbx::types {

namespace {

// Terrain colours: two reserved triples come first, then one triple per material.
constexpr std::size_t k_reserved_color_bytes = 2 * 3;
constexpr std::size_t k_material_colors_size = k_reserved_color_bytes + 21 * 3;

}  // namespace

Tags decode_tags(std::string_view blob) {
  Tags tags;
  std::size_t start = 0;
  while (start <= blob.size()) {
    std::size_t end = blob.find('\0', start);
    if (end == std::string_view::npos) end = blob.size();
    // Empty segments (leading, trailing or doubled NULs) carry no tag: a tag name is never empty.
    if (end > start) tags.names.emplace_back(blob.substr(start, end - start));
    start = end + 1;
  }
  return tags;
}

std::string encode_tags(const Tags& tags) {
  std::string blob;
  for (const std::string& name : tags.names) {
    // An empty name cannot be represented (it would read back as nothing), so it is left out.
    if (name.empty()) continue;
    if (!blob.empty()) blob += '\0';
    blob += name;
  }
  return blob;
}

base::Result<MaterialColors> decode_material_colors(std::string_view blob) {
  if (blob.size() != k_material_colors_size) {
    return base::Error(base::ErrorCode::invalid_input, "MaterialColors must be " +
                                                           std::to_string(k_material_colors_size) + " bytes, got " +
                                                           std::to_string(blob.size()));
  }
  MaterialColors colors;
  // The reserved leading triples have no material; whatever they hold is ignored.
  std::size_t at = k_reserved_color_bytes;
  for (Color3uint8& color : colors.colors) {
    color.r = static_cast<std::uint8_t>(blob[at]);
    color.g = static_cast<std::uint8_t>(blob[at + 1]);
    color.b = static_cast<std::uint8_t>(blob[at + 2]);
    at += 3;
  }
  return colors;
}

std::string encode_material_colors(const MaterialColors& colors) {
  std::string blob(k_reserved_color_bytes, '\0');
  blob.reserve(k_material_colors_size);
  for (const Color3uint8& color : colors.colors) {
    blob += static_cast<char>(color.r);
    blob += static_cast<char>(color.g);
    blob += static_cast<char>(color.b);
  }
  return blob;
}

}  // namespace rbxpipe::rbx::types
