// Encoding values in rbxpipe's reflection format (decoding is in value_json.cpp), plus the FontWeight names both
// directions use. Non-finite floats become the strings "inf", "-inf" and "nan" because JSON numbers cannot hold them
// and shipped defaults need infinity.
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "base/base64.h"
#include "rbx/reflection/value_json.h"

namespace rbxpipe::rbx::reflection {

namespace {

using nlohmann::json;
using namespace types;

constexpr std::array<std::pair<std::string_view, std::uint16_t>, 9> k_font_weights = {{
    {"Thin", 100}, {"ExtraLight", 200}, {"Light", 300}, {"Regular", 400}, {"Medium", 500},
    {"SemiBold", 600}, {"Bold", 700}, {"ExtraBold", 800}, {"Heavy", 900},
}};

json number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

// Goes through the shortest decimal that reads back as the same float, so 0.1f is written "0.1" and not
// "0.10000000149011612"; the double parsed from that decimal narrows back to the same float.
json number(float value) {
  if (!std::isfinite(value)) return number(static_cast<double>(value));
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return static_cast<double>(value);
  return std::strtod(std::string(buffer, end).c_str(), nullptr);
}

json vec2(const Vector2& v) { return json::array({number(v.x), number(v.y)}); }
json vec3(const Vector3& v) { return json::array({number(v.x), number(v.y), number(v.z)}); }
json encode_udim(const UDim& u) { return json::array({number(u.scale), u.offset}); }

template <std::size_t N>
json bit_names(std::uint8_t bits, const std::array<std::string_view, N>& names) {
  json out = json::array();
  for (std::size_t i = 0; i < N; ++i) {
    if ((bits >> i) & 1U) out.push_back(names[i]);
  }
  return out;
}

json encode_physical(const PhysicalProperties& p) {
  // Non-custom properties with all-zero fields are the common case and read back as null; anything else keeps
  // every field so the round trip is exact.
  if (!p.custom && p == PhysicalProperties{}) return nullptr;
  json out{{"density", number(p.density)}, {"friction", number(p.friction)}, {"elasticity", number(p.elasticity)},
           {"friction_weight", number(p.friction_weight)}, {"elasticity_weight", number(p.elasticity_weight)}};
  if (p.acoustic_absorption) out["acoustic_absorption"] = number(*p.acoustic_absorption);
  if (!p.custom) out["custom"] = false;
  return out;
}

json encode_cframe(const CFrame& c) {
  json out = json::array({number(c.position.x), number(c.position.y), number(c.position.z)});
  for (float r : c.rotation) out.push_back(number(r));
  return out;
}

std::string hex(std::uint64_t value, int digits) {
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = "0123456789abcdef"[value & 15];
  return out;
}

json encode_json(const Variant& value);

json encode_attributes(const Attributes& attributes) {
  json out = json::object();
  for (const auto& entry : attributes.entries) out[entry.name] = json::parse(encode_typed_value(entry.value));
  return out;
}

json encode_json(const Variant& value) {
  switch (type_of(value)) {
    case VariantType::String: return std::get<std::string>(value);
    case VariantType::BinaryString: return base::base64_encode(std::get<BinaryString>(value).bytes);
    case VariantType::ProtectedString: return std::get<ProtectedString>(value).text;
    case VariantType::ContentId: return std::get<ContentId>(value).uri;
    case VariantType::Bool: return std::get<bool>(value);
    case VariantType::Int32: return std::get<std::int32_t>(value);
    case VariantType::Int64: return std::get<std::int64_t>(value);
    case VariantType::Float32: return number(std::get<float>(value));
    case VariantType::Float64: return number(std::get<double>(value));
    case VariantType::UDim: return encode_udim(std::get<UDim>(value));
    case VariantType::UDim2: {
      const auto& u = std::get<UDim2>(value);
      return json::array({encode_udim(u.x), encode_udim(u.y)});
    }
    case VariantType::Ray: {
      const auto& r = std::get<Ray>(value);
      return json{{"origin", vec3(r.origin)}, {"direction", vec3(r.direction)}};
    }
    case VariantType::Faces: return bit_names(std::get<Faces>(value).bits, k_face_names);
    case VariantType::Axes: return bit_names(std::get<Axes>(value).bits, k_axis_names);
    case VariantType::BrickColor: return std::get<BrickColor>(value).number;
    case VariantType::Color3: {
      const auto& c = std::get<Color3>(value);
      return json::array({number(c.r), number(c.g), number(c.b)});
    }
    case VariantType::Color3uint8: {
      const auto& c = std::get<Color3uint8>(value);
      return json::array({c.r, c.g, c.b});
    }
    case VariantType::Vector2: return vec2(std::get<Vector2>(value));
    case VariantType::Vector2int16: {
      const auto& v = std::get<Vector2int16>(value);
      return json::array({v.x, v.y});
    }
    case VariantType::Vector3: return vec3(std::get<Vector3>(value));
    case VariantType::Vector3int16: {
      const auto& v = std::get<Vector3int16>(value);
      return json::array({v.x, v.y, v.z});
    }
    case VariantType::CFrame: return encode_cframe(std::get<CFrame>(value));
    case VariantType::OptionalCFrame: {
      const auto& o = std::get<OptionalCFrame>(value);
      return o.value ? encode_cframe(*o.value) : json(nullptr);
    }
    case VariantType::Enum: return std::get<Enum>(value).value;
    case VariantType::EnumItem: {
      const auto& e = std::get<EnumItem>(value);
      return json{{"enum", e.enum_name}, {"value", e.value}};
    }
    case VariantType::Ref: return nullptr;
    case VariantType::NumberSequence: {
      json out = json::array();
      for (const auto& k : std::get<NumberSequence>(value).keypoints) {
        out.push_back(json::array({number(k.time), number(k.value), number(k.envelope)}));
      }
      return out;
    }
    case VariantType::ColorSequence: {
      json out = json::array();
      for (const auto& k : std::get<ColorSequence>(value).keypoints) {
        out.push_back(json::array(
            {number(k.time), number(k.color.r), number(k.color.g), number(k.color.b), number(k.envelope)}));
      }
      return out;
    }
    case VariantType::NumberRange: {
      const auto& r = std::get<NumberRange>(value);
      return json::array({number(r.min), number(r.max)});
    }
    case VariantType::Rect: {
      const auto& r = std::get<Rect>(value);
      return json::array({vec2(r.min), vec2(r.max)});
    }
    case VariantType::PhysicalProperties: return encode_physical(std::get<PhysicalProperties>(value));
    case VariantType::SharedString: return base::base64_encode(std::get<SharedString>(value).bytes);
    case VariantType::UniqueId: {
      const auto& u = std::get<UniqueId>(value);
      return hex(static_cast<std::uint64_t>(u.random), 16) + hex(u.time, 8) + hex(u.index, 8);
    }
    case VariantType::Font: {
      const auto& f = std::get<Font>(value);
      json out{{"family", f.family}, {"weight", f.weight}};
      out["style"] = f.style == 0 ? json("Normal") : f.style == 1 ? json("Italic") : json(f.style);
      if (!f.cached_face_id.empty()) out["cached_face_id"] = f.cached_face_id;
      return out;
    }
    case VariantType::SecurityCapabilities: return std::get<SecurityCapabilities>(value).bits;
    case VariantType::Content: {
      const auto& c = std::get<Content>(value);
      if (c.kind == Content::Kind::uri) return c.uri;
      if (c.kind == Content::Kind::object) return json{{"object", c.object}};
      return nullptr;
    }
    case VariantType::Tags: return std::get<Tags>(value).names;
    case VariantType::Attributes: return encode_attributes(std::get<Attributes>(value));
    case VariantType::MaterialColors: {
      json out = json::array();
      for (const auto& c : std::get<MaterialColors>(value).colors) out.push_back(json::array({c.r, c.g, c.b}));
      return out;
    }
    case VariantType::Bytecode: return base::base64_encode(std::get<Bytecode>(value).bytes);
  }
  return nullptr;
}


}  // namespace

std::optional<std::uint16_t> font_weight_from_name(std::string_view name) {
  for (const auto& [item, value] : k_font_weights) {
    if (item == name) return value;
  }
  return std::nullopt;
}

std::string encode_value(const Variant& value) { return encode_json(value).dump(); }

std::string encode_typed_value(const Variant& value) {
  return json{{"type", std::string(variant_type_name(type_of(value)))}, {"value", encode_json(value)}}.dump();
}

}  // namespace rbxpipe::rbx::reflection
