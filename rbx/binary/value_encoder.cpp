// Encoding of PROP value arrays: the mirror image of value_decoder.cpp.
#include <bit>
#include <climits>

#include "rbx/binary/arrays.h"
#include "rbx/binary/values.h"
#include "rbx/types/attributes.h"
#include "rbx/types/cframe_rotation.h"

namespace rbxpipe::rbx::binary {

namespace {

using types::Variant;

// Collects one field of every value into a column, the shape the interleaved arrays are written in.
template <typename T, typename Field>
auto column(std::span<const Variant> values, Field field) {
  std::vector<std::decay_t<decltype(field(std::declval<const T&>()))>> out;
  out.reserve(values.size());
  for (const Variant& value : values) out.push_back(field(std::get<T>(value)));
  return out;
}

void write_cframes(ByteWriter& writer, const std::vector<types::CFrame>& frames) {
  for (const types::CFrame& frame : frames) {
    if (auto id = types::rotation_id_of(frame.rotation)) {
      writer.write_u8(*id);
    } else {
      writer.write_u8(0);
      for (float cell : frame.rotation) writer.write_f32(cell);
    }
  }
  std::vector<float> x, y, z;
  for (const types::CFrame& frame : frames) {
    x.push_back(frame.position.x);
    y.push_back(frame.position.y);
    z.push_back(frame.position.z);
  }
  write_f32_array(writer, x);
  write_f32_array(writer, y);
  write_f32_array(writer, z);
}

base::Result<void> write_strings(ByteWriter& writer, std::span<const Variant> values, TypeId type) {
  for (const Variant& value : values) {
    auto bytes = type == TypeId::bytecode ? base::Result<std::string>(std::get<types::Bytecode>(value).bytes)
                                          : string_bytes(value);
    if (!bytes) return std::move(bytes).error();
    if (bytes->size() > UINT32_MAX) return base::Error(base::ErrorCode::too_large, "a string exceeds 4 GiB");
    writer.write_string(*bytes);
  }
  return {};
}

void write_content(ByteWriter& writer, std::span<const Variant> values, const EncodeContext& context) {
  std::vector<std::int32_t> kinds;
  std::vector<std::string_view> uris;
  std::vector<std::int32_t> objects;
  for (const Variant& value : values) {
    const auto& content = std::get<types::Content>(value);
    std::int32_t referent = content.kind == types::Content::Kind::object ? context.referent_of(content.object) : -1;
    if (content.kind == types::Content::Kind::uri) {
      kinds.push_back(1);
      uris.push_back(content.uri);
    } else if (referent >= 0) {
      kinds.push_back(2);
      objects.push_back(referent);
    } else {
      // Objects outside the written subtrees are written as "no content", like a null Ref.
      kinds.push_back(0);
    }
  }
  write_i32_array(writer, kinds);
  writer.write_u32(static_cast<std::uint32_t>(uris.size()));
  for (std::string_view uri : uris) writer.write_string(uri);
  writer.write_u32(static_cast<std::uint32_t>(objects.size()));
  write_referents(writer, objects);
  writer.write_u32(0);
}

}  // namespace

base::Result<std::string> string_bytes(const Variant& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* binary = std::get_if<types::BinaryString>(&value)) return binary->bytes;
  if (const auto* source = std::get_if<types::ProtectedString>(&value)) return source->text;
  if (const auto* content = std::get_if<types::ContentId>(&value)) return content->uri;
  if (const auto* tags = std::get_if<types::Tags>(&value)) return types::encode_tags(*tags);
  if (const auto* attributes = std::get_if<types::Attributes>(&value)) return types::encode_attributes(*attributes);
  if (const auto* colors = std::get_if<types::MaterialColors>(&value)) return types::encode_material_colors(*colors);
  return base::Error(base::ErrorCode::internal,
                     std::string(types::variant_type_name(types::type_of(value))) + " is not string-like");
}

base::Result<void> encode_values(TypeId type, std::span<const Variant> values, const EncodeContext& context,
                                 ByteWriter& writer) {
  for (const Variant& value : values) {
    if (type_id_for(types::type_of(value)) != type) {
      return base::Error(base::ErrorCode::internal, "a " + std::string(types::variant_type_name(types::type_of(value))) +
                                                        " value in a " + type_id_name(type) + " column");
    }
  }
  using namespace types;  // NOLINT(google-build-using-namespace): the cases below name many value types
  switch (type) {
    case TypeId::string: case TypeId::bytecode: return write_strings(writer, values, type);
    case TypeId::boolean:
      for (const Variant& value : values) writer.write_u8(std::get<bool>(value) ? 1 : 0);
      break;
    case TypeId::faces:
      for (const Variant& value : values) writer.write_u8(std::get<Faces>(value).bits);
      break;
    case TypeId::axes:
      for (const Variant& value : values) writer.write_u8(std::get<Axes>(value).bits);
      break;
    case TypeId::float64:
      for (const Variant& value : values) writer.write_f64(std::get<double>(value));
      break;
    case TypeId::int32: write_i32_array(writer, column<std::int32_t>(values, [](auto v) { return v; })); break;
    case TypeId::float32: write_f32_array(writer, column<float>(values, [](auto v) { return v; })); break;
    case TypeId::int64: write_i64_array(writer, column<std::int64_t>(values, [](auto v) { return v; })); break;
    case TypeId::brick_color:
      write_u32_array(writer, column<BrickColor>(values, [](const auto& v) { return v.number; }));
      break;
    case TypeId::enumeration:
      write_u32_array(writer, column<Enum>(values, [](const auto& v) { return v.value; }));
      break;
    case TypeId::security_capabilities:
      write_i64_array(writer, column<SecurityCapabilities>(
                                  values, [](const auto& v) { return static_cast<std::int64_t>(v.bits); }));
      break;
    case TypeId::ref:
      write_referents(writer, column<Ref>(values, [&](const auto& v) { return context.referent_of(v.target); }));
      break;
    case TypeId::udim:
      write_f32_array(writer, column<UDim>(values, [](const auto& v) { return v.scale; }));
      write_i32_array(writer, column<UDim>(values, [](const auto& v) { return v.offset; }));
      break;
    case TypeId::udim2:
      write_f32_array(writer, column<UDim2>(values, [](const auto& v) { return v.x.scale; }));
      write_f32_array(writer, column<UDim2>(values, [](const auto& v) { return v.y.scale; }));
      write_i32_array(writer, column<UDim2>(values, [](const auto& v) { return v.x.offset; }));
      write_i32_array(writer, column<UDim2>(values, [](const auto& v) { return v.y.offset; }));
      break;
    case TypeId::ray:
      for (const Variant& value : values) {
        const auto& ray = std::get<Ray>(value);
        for (float f : {ray.origin.x, ray.origin.y, ray.origin.z, ray.direction.x, ray.direction.y, ray.direction.z}) {
          writer.write_f32(f);
        }
      }
      break;
    case TypeId::color3:
      write_f32_array(writer, column<Color3>(values, [](const auto& v) { return v.r; }));
      write_f32_array(writer, column<Color3>(values, [](const auto& v) { return v.g; }));
      write_f32_array(writer, column<Color3>(values, [](const auto& v) { return v.b; }));
      break;
    case TypeId::vector3:
      write_f32_array(writer, column<Vector3>(values, [](const auto& v) { return v.x; }));
      write_f32_array(writer, column<Vector3>(values, [](const auto& v) { return v.y; }));
      write_f32_array(writer, column<Vector3>(values, [](const auto& v) { return v.z; }));
      break;
    case TypeId::vector2:
      write_f32_array(writer, column<Vector2>(values, [](const auto& v) { return v.x; }));
      write_f32_array(writer, column<Vector2>(values, [](const auto& v) { return v.y; }));
      break;
    case TypeId::rect:
      write_f32_array(writer, column<Rect>(values, [](const auto& v) { return v.min.x; }));
      write_f32_array(writer, column<Rect>(values, [](const auto& v) { return v.min.y; }));
      write_f32_array(writer, column<Rect>(values, [](const auto& v) { return v.max.x; }));
      write_f32_array(writer, column<Rect>(values, [](const auto& v) { return v.max.y; }));
      break;
    case TypeId::cframe: write_cframes(writer, column<CFrame>(values, [](const auto& v) { return v; })); break;
    case TypeId::optional_cframe:
      writer.write_u8(static_cast<std::uint8_t>(TypeId::cframe));
      write_cframes(writer, column<OptionalCFrame>(values, [](const auto& v) { return v.value.value_or(CFrame{}); }));
      writer.write_u8(static_cast<std::uint8_t>(TypeId::boolean));
      for (const Variant& value : values) writer.write_u8(std::get<OptionalCFrame>(value).value ? 1 : 0);
      break;
    case TypeId::vector3int16:
      for (const Variant& value : values) {
        const auto& vector = std::get<Vector3int16>(value);
        writer.write_i16(vector.x);
        writer.write_i16(vector.y);
        writer.write_i16(vector.z);
      }
      break;
    case TypeId::number_sequence:
      for (const Variant& value : values) {
        const auto& points = std::get<NumberSequence>(value).keypoints;
        writer.write_u32(static_cast<std::uint32_t>(points.size()));
        for (const auto& point : points) {
          writer.write_f32(point.time);
          writer.write_f32(point.value);
          writer.write_f32(point.envelope);
        }
      }
      break;
    case TypeId::color_sequence:
      for (const Variant& value : values) {
        const auto& points = std::get<ColorSequence>(value).keypoints;
        writer.write_u32(static_cast<std::uint32_t>(points.size()));
        for (const auto& point : points) {
          for (float f : {point.time, point.color.r, point.color.g, point.color.b, point.envelope}) writer.write_f32(f);
        }
      }
      break;
    case TypeId::number_range:
      for (const Variant& value : values) {
        writer.write_f32(std::get<NumberRange>(value).min);
        writer.write_f32(std::get<NumberRange>(value).max);
      }
      break;
    case TypeId::physical_properties:
      for (const Variant& value : values) {
        const auto& physics = std::get<PhysicalProperties>(value);
        if (!physics.custom) {
          writer.write_u8(0);
          continue;
        }
        writer.write_u8(physics.acoustic_absorption ? 3 : 1);
        for (float f : {physics.density, physics.friction, physics.elasticity, physics.friction_weight,
                        physics.elasticity_weight}) {
          writer.write_f32(f);
        }
        if (physics.acoustic_absorption) writer.write_f32(*physics.acoustic_absorption);
      }
      break;
    case TypeId::color3uint8:
      for (const Variant& value : values) writer.write_u8(std::get<Color3uint8>(value).r);
      for (const Variant& value : values) writer.write_u8(std::get<Color3uint8>(value).g);
      for (const Variant& value : values) writer.write_u8(std::get<Color3uint8>(value).b);
      break;
    case TypeId::shared_string:
      write_u32_array(writer, column<SharedString>(
                                  values, [&](const auto& v) { return context.shared_string_index(v.bytes); }));
      break;
    case TypeId::unique_id: {
      ByteWriter records;
      for (const Variant& value : values) {
        const auto& id = std::get<UniqueId>(value);
        records.write_u32_be(id.index);
        records.write_u32_be(id.time);
        records.write_u64_be(std::rotl(static_cast<std::uint64_t>(id.random), 1));
      }
      writer.write_bytes(interleave(records.bytes(), 16));
      break;
    }
    case TypeId::font:
      for (const Variant& value : values) {
        const auto& font = std::get<Font>(value);
        writer.write_string(font.family);
        writer.write_u16(font.weight);
        writer.write_u8(font.style);
        writer.write_string(font.cached_face_id);
      }
      break;
    case TypeId::content: write_content(writer, values, context); break;
  }
  return {};
}

}  // namespace rbxpipe::rbx::binary
