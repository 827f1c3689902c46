// Explicit values whose bodies are objects or tagged strings, in rbx-dom's serde shapes: CFrame, OptionalCFrame,
// Ray, NumberSequence, ColorSequence, PhysicalProperties, Font, MaterialColors, Content, EnumItem, UniqueId, Ref
// and Attributes (whose entries value_attributes.cpp decodes). Object members beyond the ones read are ignored, as serde ignores them.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "rojo/value_json.h"

namespace rbxpipe::rojo::detail {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
using namespace rbx::types;

constexpr std::string_view k_cframe_shape =
    "{\"position\": [x, y, z], \"orientation\": [[R00, R01, R02], [R10, R11, R12], [R20, R21, R22]]}";

// FontWeight items by weight / 100 - 1, as rbx-dom names them.
constexpr std::array<std::string_view, 9> k_font_weights = {"Thin",     "ExtraLight", "Light",     "Regular", "Medium",
                                                            "SemiBold", "Bold",       "ExtraBold", "Heavy"};

// Terrain materials in MaterialColors' fixed order, each with the colour rbx-dom gives a material that a value
// leaves out (rbx_types material_colors.rs).
struct TerrainMaterial {
  std::string_view name;
  Color3uint8 default_color;
};
constexpr std::array<TerrainMaterial, 21> k_terrain_materials = {{
    {"Grass", {106, 127, 63}},   {"Slate", {63, 127, 107}},     {"Concrete", {127, 102, 63}},
    {"Brick", {138, 86, 62}},    {"Sand", {143, 126, 95}},      {"WoodPlanks", {139, 109, 79}},
    {"Rock", {102, 108, 111}},   {"Glacier", {101, 176, 234}},  {"Snow", {195, 199, 218}},
    {"Sandstone", {137, 90, 71}}, {"Mud", {58, 46, 36}},         {"Basalt", {30, 30, 37}},
    {"Ground", {102, 92, 59}},   {"CrackedLava", {232, 156, 74}}, {"Asphalt", {115, 123, 107}},
    {"Cobblestone", {132, 123, 90}}, {"Ice", {129, 194, 224}},  {"LeafyGrass", {115, 132, 74}},
    {"Salt", {198, 189, 181}},   {"Limestone", {206, 173, 148}}, {"Pavement", {148, 148, 140}},
}};

std::optional<CFrame> read_cframe(const Json& body, const std::string& at, std::string& got) {
  const Json* position = read_field(body, "position", at, got);
  if (position == nullptr) return std::nullopt;
  CFrame cframe;
  auto p = read_vector3(*position, at_key(at, "position"), got);
  if (!p) return std::nullopt;
  cframe.position = *p;
  const Json* orientation = read_field(body, "orientation", at, got);
  if (orientation == nullptr) return std::nullopt;
  const std::string rows_at = at_key(at, "orientation");
  if (!orientation->is_array() || orientation->size() != 3) {
    got = located(describe(*orientation), rows_at);
    return std::nullopt;
  }
  // rbx-dom's Matrix3 rows are the rows of the rotation matrix, which is how CFrame stores them too.
  for (std::size_t row = 0; row < 3; ++row) {
    if (!read_floats((*orientation)[row], cframe.rotation.data() + row * 3, 3, at_index(rows_at, row), got)) {
      return std::nullopt;
    }
  }
  return cframe;
}

std::optional<float> read_f32_field(const Json& object, std::string_view key, const std::string& at,
                                    std::string& got) {
  const Json* field = read_field(object, key, at, got);
  if (field == nullptr) return std::nullopt;
  auto number = read_number(*field, at_key(at, key), got);
  if (!number) return std::nullopt;
  return f32_from(*number);
}

// The keypoints array of a sequence, with its path for messages.
const Json* read_keypoints(const Json& body, std::string& got) {
  const Json* keypoints = read_field(body, "keypoints", "", got);
  if (keypoints == nullptr) return nullptr;
  if (!keypoints->is_array()) {
    got = located(describe(*keypoints), "keypoints");
    return nullptr;
  }
  return keypoints;
}

Result<Variant> decode_number_sequence(const Json& body) {
  const Expect expect{"NumberSequence", "{\"keypoints\": [{\"time\": t, \"value\": v, \"envelope\": e}, ...]}"};
  std::string got;
  const Json* keypoints = read_keypoints(body, got);
  if (keypoints == nullptr) return expect.fail(got);
  NumberSequence sequence;
  for (std::size_t i = 0; i < keypoints->size(); ++i) {
    const std::string at = at_index("keypoints", i);
    const Json& keypoint = (*keypoints)[i];
    auto time = read_f32_field(keypoint, "time", at, got);
    auto value = time ? read_f32_field(keypoint, "value", at, got) : std::nullopt;
    auto envelope = value ? read_f32_field(keypoint, "envelope", at, got) : std::nullopt;
    if (!envelope) return expect.fail(got);
    sequence.keypoints.push_back(NumberKeypoint{*time, *value, *envelope});
  }
  return Variant(std::move(sequence));
}

Result<Variant> decode_color_sequence(const Json& body) {
  const Expect expect{"ColorSequence", "{\"keypoints\": [{\"time\": t, \"color\": [r, g, b]}, ...]}"};
  std::string got;
  const Json* keypoints = read_keypoints(body, got);
  if (keypoints == nullptr) return expect.fail(got);
  ColorSequence sequence;
  for (std::size_t i = 0; i < keypoints->size(); ++i) {
    const std::string at = at_index("keypoints", i);
    const Json& keypoint = (*keypoints)[i];
    auto time = read_f32_field(keypoint, "time", at, got);
    if (!time) return expect.fail(got);
    const Json* color = read_field(keypoint, "color", at, got);
    std::array<float, 3> rgb{};
    if (color == nullptr || !read_floats(*color, rgb.data(), 3, at_key(at, "color"), got)) return expect.fail(got);
    // Keypoint envelopes are not part of rbx-dom's shape; one given is kept, else it is 0.
    float envelope = 0;
    if (keypoint.contains("envelope")) {
      auto given = read_f32_field(keypoint, "envelope", at, got);
      if (!given) return expect.fail(got);
      envelope = *given;
    }
    sequence.keypoints.push_back(ColorKeypoint{*time, Color3{rgb[0], rgb[1], rgb[2]}, envelope});
  }
  return Variant(std::move(sequence));
}

Result<Variant> decode_physical_properties(const Json& body) {
  const Expect expect{"PhysicalProperties",
                      "\"Default\" or {\"density\", \"friction\", \"elasticity\", \"frictionWeight\", "
                      "\"elasticityWeight\"} numbers (and optionally \"acousticAbsorption\")"};
  if (body.is_string() && body.get_ref<const std::string&>() == "Default") return Variant(PhysicalProperties{});
  if (!body.is_object()) return expect.fail(body.is_string() ? "the string \"" + body.get<std::string>() + "\""
                                                             : describe(body));
  std::string got;
  PhysicalProperties properties;
  properties.custom = true;
  const std::array<std::pair<std::string_view, float*>, 5> fields = {{{"density", &properties.density},
                                                                      {"friction", &properties.friction},
                                                                      {"elasticity", &properties.elasticity},
                                                                      {"frictionWeight", &properties.friction_weight},
                                                                      {"elasticityWeight",
                                                                       &properties.elasticity_weight}}};
  for (const auto& [key, out] : fields) {
    auto value = read_f32_field(body, key, "", got);
    if (!value) return expect.fail(got);
    *out = *value;
  }
  // Older Rojo versions wrote no acousticAbsorption; absent, it stays absent, as in older files.
  if (body.contains("acousticAbsorption")) {
    auto value = read_f32_field(body, "acousticAbsorption", "", got);
    if (!value) return expect.fail(got);
    properties.acoustic_absorption = *value;
  }
  return Variant(properties);
}

Result<Variant> decode_font(const Json& body) {
  const Expect expect{"Font",
                      "{\"family\": \"rbxasset://fonts/families/....json\", \"weight\": a FontWeight name, "
                      "\"style\": \"Normal\" or \"Italic\"}"};
  std::string got;
  const Json* family = read_field(body, "family", "", got);
  const Json* weight = family != nullptr ? read_field(body, "weight", "", got) : nullptr;
  const Json* style = weight != nullptr ? read_field(body, "style", "", got) : nullptr;
  if (style == nullptr) return expect.fail(got);
  if (!family->is_string()) return expect.fail(located(describe(*family), "family"));
  if (!weight->is_string()) return expect.fail(located(describe(*weight), "weight"));
  if (!style->is_string()) return expect.fail(located(describe(*style), "style"));
  Font font;
  font.family = family->get<std::string>();
  const auto& weight_name = weight->get_ref<const std::string&>();
  auto found = std::find(k_font_weights.begin(), k_font_weights.end(), weight_name);
  if (found == k_font_weights.end()) {
    return Error(ErrorCode::invalid_input, "Font has no weight '" + weight_name +
                                               "'; weights: Thin, ExtraLight, Light, Regular, Medium, SemiBold, "
                                               "Bold, ExtraBold, Heavy");
  }
  font.weight = static_cast<std::uint16_t>(100 * (found - k_font_weights.begin() + 1));
  const auto& style_name = style->get_ref<const std::string&>();
  if (style_name != "Normal" && style_name != "Italic") {
    return Error(ErrorCode::invalid_input, "Font has no style '" + style_name + "'; styles: Normal, Italic");
  }
  font.style = style_name == "Italic" ? 1 : 0;
  auto cached = body.find("cachedFaceId");
  if (cached != body.end() && !cached->is_null()) {
    if (!cached->is_string()) return expect.fail(located(describe(*cached), "cachedFaceId"));
    font.cached_face_id = cached->get<std::string>();
  }
  return Variant(std::move(font));
}

Result<Variant> decode_material_colors(const Json& body) {
  const Expect expect{"MaterialColors", "an object of terrain material names to [r, g, b] whole numbers 0 to 255"};
  if (!body.is_object()) return expect.fail(describe(body));
  MaterialColors colors;
  for (std::size_t i = 0; i < k_terrain_materials.size(); ++i) colors.colors[i] = k_terrain_materials[i].default_color;
  for (const auto& [name, value] : body.items()) {
    auto found = std::find_if(k_terrain_materials.begin(), k_terrain_materials.end(),
                              [&name = name](const TerrainMaterial& m) { return m.name == name; });
    if (found == k_terrain_materials.end()) {
      std::string names;
      for (const TerrainMaterial& material : k_terrain_materials) {
        names += (names.empty() ? "" : ", ") + std::string(material.name);
      }
      return Error(ErrorCode::invalid_input, "MaterialColors has no material '" + name + "'; materials: " + names);
    }
    std::string got;
    std::array<std::int64_t, 3> rgb{};
    for (std::size_t c = 0; c < 3; ++c) {
      if (!value.is_array() || value.size() != 3) return expect.fail(located(describe(value), name));
      auto channel = read_whole(value[c], 0, 255, at_index(name, c), got);
      if (!channel) return expect.fail(got);
      rgb[c] = *channel;
    }
    colors.colors[static_cast<std::size_t>(found - k_terrain_materials.begin())] =
        Color3uint8{static_cast<std::uint8_t>(rgb[0]), static_cast<std::uint8_t>(rgb[1]),
                    static_cast<std::uint8_t>(rgb[2])};
  }
  return Variant(colors);
}

Result<Variant> decode_content(const Json& body) {
  const Expect expect{"Content", "\"None\" or {\"Uri\": \"rbxassetid://...\"}"};
  if (body.is_string() && body.get_ref<const std::string&>() == "None") return Variant(Content{});
  if (body.is_object() && body.size() == 1 && body.contains("Uri")) {
    const Json& uri = body["Uri"];
    if (!uri.is_string()) return expect.fail(located(describe(uri), "Uri"));
    return Variant(Content{Content::Kind::uri, uri.get<std::string>(), k_null_instance});
  }
  if (body.is_object() && body.size() == 1 && body.contains("Object")) {
    return Error(ErrorCode::invalid_input,
                 "Content {\"Object\": ...} refers to an instance by referent, which a file cannot do; use "
                 "\"None\" or {\"Uri\": ...}");
  }
  return expect.fail(body.is_string() ? "the string \"" + body.get<std::string>() + "\"" : describe(body));
}

Result<Variant> decode_enum_item(const Json& body) {
  const Expect expect{"EnumItem", "{\"type\": an enum name, \"value\": the item's whole-number value}"};
  std::string got;
  const Json* type = read_field(body, "type", "", got);
  const Json* value = type != nullptr ? read_field(body, "value", "", got) : nullptr;
  if (value == nullptr) return expect.fail(got);
  if (!type->is_string()) return expect.fail(located(describe(*type), "type"));
  auto number = read_whole(*value, 0, std::numeric_limits<std::uint32_t>::max(), "value", got);
  if (!number) return expect.fail(got);
  return Variant(EnumItem{type->get<std::string>(), static_cast<std::uint32_t>(*number)});
}

std::optional<unsigned> hex_digit(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return std::nullopt;
}

std::optional<std::uint64_t> hex_value(std::string_view digits) {
  if (digits.empty() || digits.size() > 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : digits) {
    auto digit = hex_digit(c);
    if (!digit) return std::nullopt;
    value = value * 16 + *digit;
  }
  return value;
}

// rbx-dom's text form: random (16 hex digits, at most 7fffffffffffffff), time (8), index (8).
Result<Variant> decode_unique_id(const Json& body) {
  const Expect expect{"UniqueId", "32 hexadecimal digits (random, time, index)"};
  if (!body.is_string()) return expect.fail(describe(body));
  const std::string& text = body.get_ref<const std::string&>();
  std::string_view view = text;
  auto random = view.size() == 32 ? hex_value(view.substr(0, 16)) : std::nullopt;
  auto time = view.size() == 32 ? hex_value(view.substr(16, 8)) : std::nullopt;
  auto index = view.size() == 32 ? hex_value(view.substr(24, 8)) : std::nullopt;
  if (!random || !time || !index || *random > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return expect.fail("\"" + text + "\"");
  }
  return Variant(UniqueId{static_cast<std::uint32_t>(*index), static_cast<std::uint32_t>(*time),
                          static_cast<std::int64_t>(*random)});
}

// A referent names an instance of the tree it was saved from; in a file only the null referent means anything.
Result<Variant> decode_ref(const Json& body) {
  const Expect expect{"Ref", "a referent in hexadecimal"};
  if (!body.is_string()) return expect.fail(describe(body));
  const std::string& text = body.get_ref<const std::string&>();
  const bool hex = !text.empty() && text.size() <= 32 &&
                   std::all_of(text.begin(), text.end(), [](char c) { return hex_digit(c).has_value(); });
  if (!hex) return expect.fail("\"" + text + "\"");
  if (std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; })) return Variant(Ref{});
  return Error(ErrorCode::invalid_input,
               "a Ref value cannot point at an instance; give the target a Rojo_Id attribute and this instance an "
               "attribute named Rojo_Target_<property> holding that id");
}

}  // namespace

std::optional<Result<Variant>> decode_structured_body(std::string_view type, const Json& body,
                                                      const rbx::reflection::Database& database) {
  std::string got;
  if (type == "CFrame") {
    auto cframe = read_cframe(body, "", got);
    if (!cframe) return Expect{"CFrame", k_cframe_shape}.fail(got);
    return Variant(*cframe);
  }
  if (type == "OptionalCFrame") {
    if (body.is_null()) return Variant(OptionalCFrame{});
    auto cframe = read_cframe(body, "", got);
    if (!cframe) return Expect{"OptionalCFrame", "null or a CFrame object"}.fail(got);
    return Variant(OptionalCFrame{*cframe});
  }
  if (type == "Ray") {
    const Expect expect{"Ray", "{\"origin\": [x, y, z], \"direction\": [x, y, z]}"};
    const Json* origin = read_field(body, "origin", "", got);
    auto o = origin != nullptr ? read_vector3(*origin, "origin", got) : std::nullopt;
    const Json* direction = o ? read_field(body, "direction", "", got) : nullptr;
    auto d = direction != nullptr ? read_vector3(*direction, "direction", got) : std::nullopt;
    if (!d) return expect.fail(got);
    return Variant(Ray{*o, *d});
  }
  if (type == "NumberSequence") return decode_number_sequence(body);
  if (type == "ColorSequence") return decode_color_sequence(body);
  if (type == "PhysicalProperties") return decode_physical_properties(body);
  if (type == "Font") return decode_font(body);
  if (type == "MaterialColors") return decode_material_colors(body);
  if (type == "Content") return decode_content(body);
  if (type == "EnumItem") return decode_enum_item(body);
  if (type == "UniqueId") return decode_unique_id(body);
  if (type == "Ref") return decode_ref(body);
  if (type == "Attributes") {
    auto attributes = decode_attribute_object(body, database);
    if (!attributes) return std::move(attributes).error();
    return Variant(std::move(*attributes));
  }
  return std::nullopt;
}

}  // namespace rbxpipe::rojo::detail
