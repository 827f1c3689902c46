// Decoding values in rbxpipe's reflection format (encoding is in value_json_encode.cpp). Shapes are the shortest
// that stay unambiguous once the property's type is known (a Vector3 is [x, y, z]); the typed form exists for values
// whose property is unknown or of another type. Decoders return nullopt on a wrong shape and never throw.
#include "rbx/reflection/value_json.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "base/base64.h"

namespace rbxpipe::rbx::reflection {

namespace {

using nlohmann::json;
using namespace types;

std::optional<double> to_double(const json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "inf" || s == "INF") return std::numeric_limits<double>::infinity();
    if (s == "-inf" || s == "-INF") return -std::numeric_limits<double>::infinity();
    if (s == "nan" || s == "NAN") return std::numeric_limits<double>::quiet_NaN();
  }
  return std::nullopt;
}

bool read_floats(const json& j, float* out, std::size_t count) {
  if (!j.is_array() || j.size() != count) return false;
  for (std::size_t i = 0; i < count; ++i) {
    auto d = to_double(j[i]);
    if (!d) return false;
    out[i] = static_cast<float>(*d);
  }
  return true;
}

bool read_vec2(const json& j, Vector2& v) {
  float f[2];
  if (!read_floats(j, f, 2)) return false;
  v = {f[0], f[1]};
  return true;
}

bool read_vec3(const json& j, Vector3& v) {
  float f[3];
  if (!read_floats(j, f, 3)) return false;
  v = {f[0], f[1], f[2]};
  return true;
}

// Integers must be whole and in range: a default of 1.5 for an Int32 is a data error, not something to truncate.
std::optional<std::int64_t> integer(const json& j, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  if (j.is_number_unsigned()) {
    auto u = j.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    value = static_cast<std::int64_t>(u);
  } else if (j.is_number_integer()) {
    value = j.get<std::int64_t>();
  } else if (j.is_number_float()) {
    double d = j.get<double>();
    if (d != std::floor(d) || d < -9.2e18 || d > 9.2e18) return std::nullopt;
    value = static_cast<std::int64_t>(d);
  } else {
    return std::nullopt;
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<std::array<std::int16_t, 3>> int16s(const json& j, std::size_t count) {
  if (!j.is_array() || j.size() != count) return std::nullopt;
  std::array<std::int16_t, 3> out{};
  for (std::size_t i = 0; i < count; ++i) {
    auto v = integer(j[i], INT16_MIN, INT16_MAX);
    if (!v) return std::nullopt;
    out[i] = static_cast<std::int16_t>(*v);
  }
  return out;
}

std::optional<Color3uint8> color3uint8(const json& j) {
  if (!j.is_array() || j.size() != 3) return std::nullopt;
  std::uint8_t c[3];
  for (std::size_t i = 0; i < 3; ++i) {
    auto v = integer(j[i], 0, 255);
    if (!v) return std::nullopt;
    c[i] = static_cast<std::uint8_t>(*v);
  }
  return Color3uint8{c[0], c[1], c[2]};
}

std::optional<std::string> base64(const json& j) {
  if (!j.is_string()) return std::nullopt;
  auto bytes = base::base64_decode(j.get_ref<const std::string&>());
  if (!bytes) return std::nullopt;
  return std::move(*bytes);
}

std::optional<UDim> decode_udim(const json& j) {
  if (!j.is_array() || j.size() != 2) return std::nullopt;
  auto scale = to_double(j[0]);
  auto offset = integer(j[1], INT32_MIN, INT32_MAX);
  if (!scale || !offset) return std::nullopt;
  return UDim{static_cast<float>(*scale), static_cast<std::int32_t>(*offset)};
}

template <std::size_t N>
std::optional<std::uint8_t> bits_from_names(const json& j, const std::array<std::string_view, N>& names) {
  if (j.is_number()) {
    auto v = integer(j, 0, (1 << N) - 1);
    if (v) return static_cast<std::uint8_t>(*v);
    return std::nullopt;
  }
  if (!j.is_array()) return std::nullopt;
  std::uint8_t bits = 0;
  for (const auto& name : j) {
    if (!name.is_string()) return std::nullopt;
    std::size_t i = 0;
    while (i < N && names[i] != name.get_ref<const std::string&>()) ++i;
    if (i == N) return std::nullopt;
    bits = static_cast<std::uint8_t>(bits | (1U << i));
  }
  return bits;
}

std::optional<PhysicalProperties> decode_physical(const json& j) {
  if (j.is_null()) return PhysicalProperties{};
  if (!j.is_object()) return std::nullopt;
  PhysicalProperties p;
  p.custom = j.value("custom", true);
  const std::pair<const char*, float*> fields[] = {{"density", &p.density}, {"friction", &p.friction},
                                                   {"elasticity", &p.elasticity},
                                                   {"friction_weight", &p.friction_weight},
                                                   {"elasticity_weight", &p.elasticity_weight}};
  for (const auto& [key, target] : fields) {
    auto d = j.contains(key) ? to_double(j[key]) : std::nullopt;
    if (!d) return std::nullopt;
    *target = static_cast<float>(*d);
  }
  if (j.contains("acoustic_absorption")) {
    auto d = to_double(j["acoustic_absorption"]);
    if (!d) return std::nullopt;
    p.acoustic_absorption = static_cast<float>(*d);
  }
  return p;
}

std::optional<Font> decode_font(const json& j) {
  if (!j.is_object() || !j.contains("family") || !j["family"].is_string()) return std::nullopt;
  Font f;
  f.family = j["family"].get<std::string>();
  if (j.contains("weight")) {
    const auto& w = j["weight"];
    std::optional<std::uint16_t> weight;
    if (w.is_string()) weight = font_weight_from_name(w.get_ref<const std::string&>());
    else if (auto v = integer(w, 0, UINT16_MAX)) weight = static_cast<std::uint16_t>(*v);
    if (!weight) return std::nullopt;
    f.weight = *weight;
  }
  if (j.contains("style")) {
    const auto& s = j["style"];
    if (s == "Normal") f.style = 0;
    else if (s == "Italic") f.style = 1;
    else if (auto v = integer(s, 0, UINT8_MAX)) f.style = static_cast<std::uint8_t>(*v);
    else return std::nullopt;
  }
  if (j.contains("cached_face_id")) {
    if (!j["cached_face_id"].is_string()) return std::nullopt;
    f.cached_face_id = j["cached_face_id"].get<std::string>();
  }
  return f;
}

std::optional<CFrame> decode_cframe(const json& j) {
  std::array<float, 12> f{};
  if (!read_floats(j, f.data(), f.size())) return std::nullopt;
  CFrame c;
  c.position = {f[0], f[1], f[2]};
  for (std::size_t i = 0; i < 9; ++i) c.rotation[i] = f[3 + i];
  return c;
}

std::optional<std::uint64_t> parse_hex(std::string_view text) {
  std::uint64_t value = 0;
  for (char c : text) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return std::nullopt;
    value = value << 4 | static_cast<std::uint64_t>(digit);
  }
  return value;
}

std::optional<Variant> decode_bare(const json& j, VariantType type, const EnumDescriptor* enum_descriptor);

std::optional<Variant> decode_typed(const json& j) {
  auto type = variant_type_from_name(j.at("type").get<std::string>());
  if (!type) return std::nullopt;
  return decode_bare(j.at("value"), *type, nullptr);
}

bool is_typed(const json& j) {
  return j.is_object() && j.size() == 2 && j.contains("type") && j["type"].is_string() && j.contains("value");
}

std::optional<Variant> decode_bare(const json& j, VariantType type, const EnumDescriptor* enum_descriptor) {
  switch (type) {
    case VariantType::String: if (j.is_string()) return j.get<std::string>(); break;
    case VariantType::ProtectedString: if (j.is_string()) return ProtectedString{j.get<std::string>()}; break;
    case VariantType::ContentId: if (j.is_string()) return ContentId{j.get<std::string>()}; break;
    case VariantType::BinaryString: if (auto b = base64(j)) return BinaryString{*b}; break;
    case VariantType::SharedString: if (auto b = base64(j)) return SharedString{*b}; break;
    case VariantType::Bytecode: if (auto b = base64(j)) return Bytecode{*b}; break;
    case VariantType::Bool: if (j.is_boolean()) return j.get<bool>(); break;
    case VariantType::Int32: if (auto i = integer(j, INT32_MIN, INT32_MAX)) return static_cast<std::int32_t>(*i); break;
    case VariantType::Int64: if (auto i = integer(j, INT64_MIN, INT64_MAX)) return *i; break;
    case VariantType::Float32: if (auto f = to_double(j)) return static_cast<float>(*f); break;
    case VariantType::Float64: if (auto f = to_double(j)) return *f; break;
    case VariantType::UDim: if (auto u = decode_udim(j)) return *u; break;
    case VariantType::UDim2: {
      if (!j.is_array() || j.size() != 2) break;
      auto x = decode_udim(j[0]), y = decode_udim(j[1]);
      if (x && y) return UDim2{*x, *y};
      break;
    }
    case VariantType::Ray: {
      Vector3 o, d;
      if (j.is_object() && j.contains("origin") && j.contains("direction") && read_vec3(j["origin"], o) &&
          read_vec3(j["direction"], d)) {
        return Ray{o, d};
      }
      break;
    }
    case VariantType::Faces: if (auto b = bits_from_names(j, k_face_names)) return Faces{*b}; break;
    case VariantType::Axes: if (auto b = bits_from_names(j, k_axis_names)) return Axes{*b}; break;
    case VariantType::BrickColor: if (auto i = integer(j, 0, UINT32_MAX)) return BrickColor{static_cast<std::uint32_t>(*i)}; break;
    case VariantType::Color3: {
      float f[3];
      if (read_floats(j, f, 3)) return Color3{f[0], f[1], f[2]};
      break;
    }
    case VariantType::Color3uint8: if (auto c = color3uint8(j)) return *c; break;
    case VariantType::Vector2: {
      Vector2 v;
      if (read_vec2(j, v)) return v;
      break;
    }
    case VariantType::Vector2int16: {
      auto v = int16s(j, 2);
      if (v) return Vector2int16{(*v)[0], (*v)[1]};
      break;
    }
    case VariantType::Vector3: {
      Vector3 v;
      if (read_vec3(j, v)) return v;
      break;
    }
    case VariantType::Vector3int16: {
      auto v = int16s(j, 3);
      if (v) return Vector3int16{(*v)[0], (*v)[1], (*v)[2]};
      break;
    }
    case VariantType::CFrame: if (auto c = decode_cframe(j)) return *c; break;
    case VariantType::OptionalCFrame: {
      if (j.is_null()) return OptionalCFrame{};
      if (auto c = decode_cframe(j)) return OptionalCFrame{*c};
      break;
    }
    case VariantType::Enum: {
      if (auto i = integer(j, 0, UINT32_MAX)) return Enum{static_cast<std::uint32_t>(*i)};
      if (j.is_string() && enum_descriptor != nullptr) {
        if (auto v = enum_descriptor->item_value(j.get<std::string>())) return Enum{*v};
      }
      break;
    }
    case VariantType::EnumItem: {
      if (!j.is_object() || !j.contains("enum") || !j["enum"].is_string()) break;
      auto v = integer(j.value("value", json()), 0, UINT32_MAX);
      if (v) return EnumItem{j["enum"].get<std::string>(), static_cast<std::uint32_t>(*v)};
      break;
    }
    case VariantType::Ref: if (j.is_null()) return Ref{}; break;
    case VariantType::NumberSequence: {
      if (!j.is_array()) break;
      NumberSequence s;
      for (const auto& k : j) {
        float f[3];
        if (!read_floats(k, f, 3)) return std::nullopt;
        s.keypoints.push_back({f[0], f[1], f[2]});
      }
      return s;
    }
    case VariantType::ColorSequence: {
      if (!j.is_array()) break;
      ColorSequence s;
      for (const auto& k : j) {
        float f[5];
        if (!read_floats(k, f, 5)) return std::nullopt;
        s.keypoints.push_back({f[0], Color3{f[1], f[2], f[3]}, f[4]});
      }
      return s;
    }
    case VariantType::NumberRange: {
      float f[2];
      if (read_floats(j, f, 2)) return NumberRange{f[0], f[1]};
      break;
    }
    case VariantType::Rect: {
      Vector2 a, b;
      if (j.is_array() && j.size() == 2 && read_vec2(j[0], a) && read_vec2(j[1], b)) return Rect{a, b};
      break;
    }
    case VariantType::PhysicalProperties: if (auto p = decode_physical(j)) return *p; break;
    case VariantType::UniqueId: {
      if (!j.is_string() || j.get<std::string>().size() != 32) break;
      std::string text = j.get<std::string>();
      auto random = parse_hex(std::string_view(text).substr(0, 16));
      auto time = parse_hex(std::string_view(text).substr(16, 8));
      auto index = parse_hex(std::string_view(text).substr(24, 8));
      if (random && time && index) {
        return UniqueId{static_cast<std::uint32_t>(*index), static_cast<std::uint32_t>(*time),
                        static_cast<std::int64_t>(*random)};
      }
      break;
    }
    case VariantType::Font: if (auto f = decode_font(j)) return *f; break;
    case VariantType::SecurityCapabilities: {
      if (j.is_number_unsigned()) return SecurityCapabilities{j.get<std::uint64_t>()};
      if (auto i = integer(j, 0, INT64_MAX)) return SecurityCapabilities{static_cast<std::uint64_t>(*i)};
      break;
    }
    case VariantType::Content: {
      if (j.is_null()) return Content{};
      if (j.is_string()) return Content{Content::Kind::uri, j.get<std::string>(), k_null_instance};
      if (j.is_object() && j.contains("object")) {
        if (auto i = integer(j["object"], 0, UINT32_MAX)) {
          return Content{Content::Kind::object, {}, static_cast<InstanceId>(*i)};
        }
      }
      break;
    }
    case VariantType::Tags: {
      if (!j.is_array()) break;
      Tags tags;
      for (const auto& name : j) {
        if (!name.is_string()) return std::nullopt;
        tags.names.push_back(name.get<std::string>());
      }
      return tags;
    }
    case VariantType::Attributes: {
      if (!j.is_object()) break;
      Attributes attributes;
      for (const auto& [name, entry] : j.items()) {
        if (!is_typed(entry)) return std::nullopt;
        auto v = decode_typed(entry);
        if (!v) return std::nullopt;
        attributes.entries.push_back({name, std::move(*v)});
      }
      return attributes;
    }
    case VariantType::MaterialColors: {
      MaterialColors colors;
      if (!j.is_array() || j.size() != colors.colors.size()) break;
      for (std::size_t i = 0; i < colors.colors.size(); ++i) {
        auto c = color3uint8(j[i]);
        if (!c) return std::nullopt;
        colors.colors[i] = *c;
      }
      return colors;
    }
  }
  return std::nullopt;
}

}  // namespace

base::Result<Variant> decode_value(std::string_view text, std::optional<VariantType> type,
                                   const EnumDescriptor* enum_descriptor) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return base::Error(base::ErrorCode::invalid_input, "malformed JSON value");
  if (is_typed(j)) {
    if (auto v = decode_typed(j)) return std::move(*v);
    return base::Error(base::ErrorCode::invalid_input,
                       "typed value of type '" + j["type"].get<std::string>() + "' has an unknown type or a bad shape");
  }
  if (!type) return base::Error(base::ErrorCode::invalid_input, "value has no type; write {\"type\": T, \"value\": V}");
  if (auto v = decode_bare(j, *type, enum_descriptor)) return std::move(*v);
  std::string message = "expected a " + std::string(variant_type_name(*type)) + " value, got " + j.dump();
  if (*type == VariantType::Enum && j.is_string()) message += " (not an item of the enum)";
  return base::Error(base::ErrorCode::invalid_input, std::move(message));
}

}  // namespace rbxpipe::rbx::reflection
