// Readers of the property tags whose content is made of child elements or lists of numbers.
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "rbx/xml/value_reader.h"

namespace rbxpipe::rbx::xml {

using types::Variant;

namespace {

constexpr std::array<const char*, 12> k_cframe_fields = {"X",   "Y",   "Z",   "R00", "R01", "R02",
                                                         "R10", "R11", "R12", "R20", "R21", "R22"};

#define RBXPIPE_XML_GET(name, expr)              \
  auto name##_result = (expr);                   \
  if (!name##_result) return std::move(name##_result).error(); \
  auto& name = *name##_result

types::CFrame cframe_from(const std::array<float, 12>& f) {
  return types::CFrame{{f[0], f[1], f[2]}, {f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]}};
}

base::Result<Variant> read_vector2(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(f, float_fields<2>(element, {"X", "Y"}, context));
  return Variant(types::Vector2{f[0], f[1]});
}

base::Result<Variant> read_vector3(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(f, float_fields<3>(element, {"X", "Y", "Z"}, context));
  return Variant(types::Vector3{f[0], f[1], f[2]});
}

base::Result<std::int16_t> int16_field(pugi::xml_node parent, const char* name, const ValueContext& context) {
  RBXPIPE_XML_GET(child, field(parent, name, context));
  return integer_of<std::int16_t>(child, "int16", context);
}

base::Result<Variant> read_vector2int16(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(x, int16_field(element, "X", context));
  RBXPIPE_XML_GET(y, int16_field(element, "Y", context));
  return Variant(types::Vector2int16{x, y});
}

base::Result<Variant> read_vector3int16(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(x, int16_field(element, "X", context));
  RBXPIPE_XML_GET(y, int16_field(element, "Y", context));
  RBXPIPE_XML_GET(z, int16_field(element, "Z", context));
  return Variant(types::Vector3int16{x, y, z});
}

base::Result<Variant> read_color3(pugi::xml_node element, const ValueContext& context) {
  if (!element.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; })) {
    // Very old files store a Color3 as one 0xAARRGGBB number, like Color3uint8.
    auto packed = integer_of<std::uint32_t>(element, "Color3", context);
    if (!packed) return std::move(packed).error();
    auto channel = [&](int shift) { return static_cast<float>((*packed >> shift) & 0xFFU) / 255.0F; };
    return Variant(types::Color3{channel(16), channel(8), channel(0)});
  }
  RBXPIPE_XML_GET(f, float_fields<3>(element, {"R", "G", "B"}, context));
  return Variant(types::Color3{f[0], f[1], f[2]});
}

base::Result<Variant> read_cframe(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(f, float_fields<12>(element, k_cframe_fields, context));
  return Variant(cframe_from(f));
}

base::Result<Variant> read_optional_cframe(pugi::xml_node element, const ValueContext& context) {
  pugi::xml_node cframe = element.child("CFrame");
  if (!cframe) return Variant(types::OptionalCFrame{});
  RBXPIPE_XML_GET(f, float_fields<12>(cframe, k_cframe_fields, context));
  return Variant(types::OptionalCFrame{cframe_from(f)});
}

base::Result<types::UDim> udim_fields(pugi::xml_node element, const char* scale, const char* offset,
                                      const ValueContext& context) {
  RBXPIPE_XML_GET(scale_node, field(element, scale, context));
  RBXPIPE_XML_GET(offset_node, field(element, offset, context));
  RBXPIPE_XML_GET(s, float_of(scale_node, context));
  RBXPIPE_XML_GET(o, integer_of<std::int32_t>(offset_node, "int", context));
  return types::UDim{s, o};
}

base::Result<Variant> read_udim(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(udim, udim_fields(element, "S", "O", context));
  return Variant(udim);
}

base::Result<Variant> read_udim2(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(x, udim_fields(element, "XS", "XO", context));
  RBXPIPE_XML_GET(y, udim_fields(element, "YS", "YO", context));
  return Variant(types::UDim2{x, y});
}

base::Result<Variant> read_rect(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(min_node, field(element, "min", context));
  RBXPIPE_XML_GET(max_node, field(element, "max", context));
  RBXPIPE_XML_GET(min, float_fields<2>(min_node, {"X", "Y"}, context));
  RBXPIPE_XML_GET(max, float_fields<2>(max_node, {"X", "Y"}, context));
  return Variant(types::Rect{{min[0], min[1]}, {max[0], max[1]}});
}

base::Result<Variant> read_ray(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(origin_node, field(element, "origin", context));
  RBXPIPE_XML_GET(direction_node, field(element, "direction", context));
  RBXPIPE_XML_GET(o, float_fields<3>(origin_node, {"X", "Y", "Z"}, context));
  RBXPIPE_XML_GET(d, float_fields<3>(direction_node, {"X", "Y", "Z"}, context));
  return Variant(types::Ray{{o[0], o[1], o[2]}, {d[0], d[1], d[2]}});
}

// The space-separated numbers of NumberRange, NumberSequence and ColorSequence ("0 1 0 1 1 0 ").
base::Result<std::vector<float>> number_list(pugi::xml_node element, std::string_view type, std::size_t group,
                                             const ValueContext& context) {
  RBXPIPE_XML_GET(text, text_of(element, context));
  std::vector<float> numbers;
  std::string_view rest = text;
  while (true) {
    while (!rest.empty() && is_xml_space(rest.front())) rest.remove_prefix(1);
    if (rest.empty()) break;
    std::size_t end = 0;
    while (end < rest.size() && !is_xml_space(rest[end])) ++end;
    auto number = parse_float(rest.substr(0, end));
    if (!number) return context.fail(element, malformed(type, rest.substr(0, end)));
    numbers.push_back(*number);
    rest.remove_prefix(end);
  }
  if (numbers.size() % group != 0) {
    return context.fail(element, std::string(type) + " needs groups of " + std::to_string(group) + " numbers, got " +
                                     std::to_string(numbers.size()));
  }
  return numbers;
}

base::Result<Variant> read_number_range(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(n, number_list(element, "NumberRange", 2, context));
  if (n.size() != 2) return context.fail(element, "NumberRange needs 2 numbers, got " + std::to_string(n.size()));
  return Variant(types::NumberRange{n[0], n[1]});
}

base::Result<Variant> read_number_sequence(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(n, number_list(element, "NumberSequence", 3, context));
  types::NumberSequence sequence;
  sequence.keypoints.reserve(n.size() / 3);
  for (std::size_t i = 0; i < n.size(); i += 3) sequence.keypoints.push_back({n[i], n[i + 1], n[i + 2]});
  return Variant(std::move(sequence));
}

base::Result<Variant> read_color_sequence(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(n, number_list(element, "ColorSequence", 5, context));
  types::ColorSequence sequence;
  sequence.keypoints.reserve(n.size() / 5);
  for (std::size_t i = 0; i < n.size(); i += 5) {
    sequence.keypoints.push_back({n[i], {n[i + 1], n[i + 2], n[i + 3]}, n[i + 4]});
  }
  return Variant(std::move(sequence));
}

base::Result<std::uint8_t> bits_field(pugi::xml_node element, const char* name, unsigned max,
                                      const ValueContext& context) {
  RBXPIPE_XML_GET(child, field(element, name, context));
  RBXPIPE_XML_GET(bits, integer_of<std::uint8_t>(child, name, context));
  if (bits > max) return context.fail(child, std::string(name) + " must be 0.." + std::to_string(max));
  return bits;
}

base::Result<Variant> read_faces(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(bits, bits_field(element, "faces", 63, context));
  return Variant(types::Faces{bits});
}

base::Result<Variant> read_axes(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(bits, bits_field(element, "axes", 7, context));
  return Variant(types::Axes{bits});
}

base::Result<Variant> read_physical_properties(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(custom_node, field(element, "CustomPhysics", context));
  RBXPIPE_XML_GET(custom_text, text_of(custom_node, context));
  auto custom = parse_bool(custom_text);
  if (!custom) return context.fail(custom_node, malformed("bool", custom_text));
  types::PhysicalProperties value;
  if (!*custom) return Variant(value);
  RBXPIPE_XML_GET(f, float_fields<5>(element, {"Density", "Friction", "Elasticity", "FrictionWeight",
                                               "ElasticityWeight"}, context));
  value.custom = true;
  value.density = f[0];
  value.friction = f[1];
  value.elasticity = f[2];
  value.friction_weight = f[3];
  value.elasticity_weight = f[4];
  if (pugi::xml_node acoustic = element.child("AcousticAbsorption")) {
    RBXPIPE_XML_GET(absorption, float_of(acoustic, context));
    value.acoustic_absorption = absorption;
  }
  return Variant(value);
}

// A legacy content URL: <url>..</url>, <null></null>, the long-gone <binary>/<hash> forms (read as empty), or,
// from hand-written files, plain text.
base::Result<std::string> url_of(pugi::xml_node element, const ValueContext& context) {
  pugi::xml_node child = element.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
  if (!child) {
    RBXPIPE_XML_GET(text, text_of(element, context));
    return std::string(trim(text));
  }
  std::string_view name = child.name();
  if (name == "url") return text_of(child, context);
  if (name == "null" || name == "binary" || name == "hash") return std::string();
  return context.fail(child, "unexpected element <" + std::string(name) + "> in a content URL");
}

base::Result<Variant> read_content_id(pugi::xml_node element, const ValueContext& context) {
  RBXPIPE_XML_GET(uri, url_of(element, context));
  return Variant(types::ContentId{std::move(uri)});
}

base::Result<Variant> read_content(pugi::xml_node element, const ValueContext& context) {
  // The tag "Content" meant a ContentId (<url>) before the Content type existed; the child's name tells them apart.
  // <null> is read as the new type's "none": both mean "no content", and reflection converts to the property's type.
  pugi::xml_node child = element.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
  std::string_view name = child ? child.name() : "";
  if (name == "null") return Variant(types::Content{});
  if (!child) {
    RBXPIPE_XML_GET(text, text_of(element, context));
    if (trim(text).empty()) return Variant(types::Content{});
    return Variant(types::ContentId{std::string(trim(text))});
  }
  if (name == "uri") {
    RBXPIPE_XML_GET(uri, text_of(child, context));
    return Variant(types::Content{types::Content::Kind::uri, std::move(uri), types::k_null_instance});
  }
  if (name == "Ref") {
    RBXPIPE_XML_GET(text, text_of(child, context));
    auto found = context.referents.find(std::string(trim(text)));
    types::InstanceId target = found == context.referents.end() ? types::k_null_instance : found->second;
    return Variant(types::Content{types::Content::Kind::object, {}, target});
  }
  return read_content_id(element, context);
}

base::Result<Variant> read_font(pugi::xml_node element, const ValueContext& context) {
  types::Font font;
  RBXPIPE_XML_GET(family, field(element, "Family", context));
  RBXPIPE_XML_GET(family_url, url_of(family, context));
  font.family = std::move(family_url);
  if (pugi::xml_node weight = element.child("Weight")) {
    RBXPIPE_XML_GET(value, integer_of<std::uint16_t>(weight, "font weight", context));
    font.weight = value;
  }
  if (pugi::xml_node style = element.child("Style")) {
    RBXPIPE_XML_GET(text, text_of(style, context));
    std::string_view name = trim(text);
    if (name == "Normal") {
      font.style = 0;
    } else if (name == "Italic") {
      font.style = 1;
    } else {
      return context.fail(style, malformed("font style (Normal or Italic)", text));
    }
  }
  if (pugi::xml_node cached = element.child("CachedFaceId")) {
    RBXPIPE_XML_GET(url, url_of(cached, context));
    font.cached_face_id = std::move(url);
  }
  return Variant(std::move(font));
}

#undef RBXPIPE_XML_GET

}  // namespace

ValueReader compound_reader(std::string_view tag) {
  static const std::unordered_map<std::string_view, ValueReader> readers = {
      {"Vector2", read_vector2},
      {"Vector3", read_vector3},
      {"Vector2int16", read_vector2int16},
      {"Vector3int16", read_vector3int16},
      {"Color3", read_color3},
      {"CoordinateFrame", read_cframe},
      {"CFrame", read_cframe},
      {"OptionalCoordinateFrame", read_optional_cframe},
      {"UDim", read_udim},
      {"UDim2", read_udim2},
      {"Rect2D", read_rect},
      {"Ray", read_ray},
      {"NumberRange", read_number_range},
      {"NumberSequence", read_number_sequence},
      {"ColorSequence", read_color_sequence},
      {"Faces", read_faces},
      {"Axes", read_axes},
      {"PhysicalProperties", read_physical_properties},
      {"Content", read_content},
      {"ContentId", read_content_id},
      {"Font", read_font},
  };
  auto found = readers.find(tag);
  return found == readers.end() ? nullptr : found->second;
}

}  // namespace rbxpipe::rbx::xml
