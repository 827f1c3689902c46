// Decoding of PROP value arrays. Every array is length-checked against the remaining bytes before anything is
// allocated for it, so a lying count fails fast instead of reserving memory for values that are not there.
#include <bit>
#include <cstdio>

#include "rbx/binary/arrays.h"
#include "rbx/binary/values.h"
#include "rbx/types/cframe_rotation.h"

namespace rbxpipe::rbx::binary {

namespace {

using types::Variant;

base::Error invalid(std::string message) { return base::Error(base::ErrorCode::invalid_input, std::move(message)); }

base::Error truncated(const ByteReader& reader) {
  return invalid("value data is truncated at offset " + std::to_string(reader.offset()) + " of the chunk data");
}

std::string hex_byte(std::uint8_t byte) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(byte));
  return text;
}

// The fewest bytes one value of each type can occupy; a count larger than remaining / minimum cannot be honest.
std::size_t minimum_size(TypeId type) {
  switch (type) {
    case TypeId::boolean: case TypeId::faces: case TypeId::axes: case TypeId::physical_properties: return 1;
    case TypeId::color3uint8: return 3;
    case TypeId::vector3int16: return 6;
    case TypeId::float64: case TypeId::udim: case TypeId::vector2: case TypeId::number_range: return 8;
    case TypeId::int64: case TypeId::security_capabilities: return 8;
    case TypeId::font: return 11;
    case TypeId::color3: case TypeId::vector3: return 12;
    case TypeId::cframe: return 13;
    case TypeId::optional_cframe: return 14;
    case TypeId::udim2: case TypeId::rect: case TypeId::unique_id: return 16;
    case TypeId::ray: return 24;
    default: return 4;
  }
}

base::Result<std::vector<types::CFrame>> decode_cframes(ByteReader& reader, std::size_t count) {
  std::vector<types::CFrame> frames(count);
  for (types::CFrame& frame : frames) {
    std::uint8_t id = reader.read_u8();
    if (!reader.ok()) return truncated(reader);
    if (id == 0) {
      for (float& cell : frame.rotation) cell = reader.read_f32();
    } else if (auto rotation = types::rotation_of_id(id)) {
      frame.rotation = *rotation;
    } else {
      return invalid("invalid CFrame rotation id " + hex_byte(id) + " at offset " +
                     std::to_string(reader.offset() - 1) + " of the chunk data");
    }
  }
  auto x = read_f32_array(reader, count);
  auto y = read_f32_array(reader, count);
  auto z = read_f32_array(reader, count);
  if (!reader.ok()) return truncated(reader);
  for (std::size_t i = 0; i < count; ++i) frames[i].position = {x[i], y[i], z[i]};
  return frames;
}

base::Result<std::vector<Variant>> decode_content(ByteReader& reader, std::size_t count) {
  auto kinds = read_i32_array(reader, count);
  std::uint32_t uri_count = reader.read_u32();
  std::vector<std::string> uris;
  if (reader.has(uri_count, 4)) {
    uris.reserve(uri_count);
    for (std::uint32_t i = 0; i < uri_count && reader.ok(); ++i) uris.push_back(reader.read_string());
  }
  std::uint32_t object_count = reader.read_u32();
  auto objects = read_referents(reader, object_count);
  std::uint32_t external_count = reader.read_u32();
  // External entries are internal to Roblox; they are skipped, not kept.
  if (reader.has(external_count, 4)) reader.read_bytes(std::size_t{external_count} * 4);
  if (!reader.ok()) return truncated(reader);

  std::vector<Variant> values;
  values.reserve(count);
  std::size_t next_uri = 0;
  std::size_t next_object = 0;
  for (std::int32_t kind : kinds) {
    types::Content content;
    if (kind == 1 && next_uri < uris.size()) {
      content.kind = types::Content::Kind::uri;
      content.uri = std::move(uris[next_uri++]);
    } else if (kind == 2 && next_object < objects.size()) {
      content.kind = types::Content::Kind::object;
      content.object = referent_slot(objects[next_object++]);
    } else if (kind != 0) {
      return invalid("Content source type " + std::to_string(kind) + " has no matching entry");
    }
    values.emplace_back(std::move(content));
  }
  if (next_uri != uris.size() || next_object != objects.size()) {
    return invalid("Content lists hold more URIs or objects than the values use");
  }
  return values;
}

}  // namespace

types::InstanceId referent_slot(std::int32_t referent) {
  return referent < 0 ? types::k_null_instance : static_cast<types::InstanceId>(referent) + 1;
}

base::Result<std::vector<Variant>> decode_values(TypeId type, ByteReader& reader, std::size_t count,
                                                 std::span<const std::string> shared_strings) {
  if (!reader.has(count, minimum_size(type))) return truncated(reader);
  std::vector<Variant> values;
  values.reserve(count);
  auto repeat = [&](auto read_one) {
    for (std::size_t i = 0; i < count && reader.ok(); ++i) values.emplace_back(read_one());
  };
  switch (type) {
    case TypeId::string: repeat([&] { return reader.read_string(); }); break;
    case TypeId::bytecode: repeat([&] { return types::Bytecode{reader.read_string()}; }); break;
    case TypeId::boolean: repeat([&] { return reader.read_u8() != 0; }); break;
    case TypeId::faces: repeat([&] { return types::Faces{reader.read_u8()}; }); break;
    case TypeId::axes: repeat([&] { return types::Axes{reader.read_u8()}; }); break;
    case TypeId::float64: repeat([&] { return reader.read_f64(); }); break;
    case TypeId::int32: for (auto v : read_i32_array(reader, count)) values.emplace_back(v); break;
    case TypeId::float32: for (auto v : read_f32_array(reader, count)) values.emplace_back(v); break;
    case TypeId::int64: for (auto v : read_i64_array(reader, count)) values.emplace_back(v); break;
    case TypeId::brick_color:
      for (auto v : read_u32_array(reader, count)) values.emplace_back(types::BrickColor{v});
      break;
    case TypeId::enumeration:
      for (auto v : read_u32_array(reader, count)) values.emplace_back(types::Enum{v});
      break;
    case TypeId::security_capabilities:
      for (auto v : read_i64_array(reader, count)) {
        values.emplace_back(types::SecurityCapabilities{static_cast<std::uint64_t>(v)});
      }
      break;
    case TypeId::ref:
      for (auto v : read_referents(reader, count)) values.emplace_back(types::Ref{referent_slot(v)});
      break;
    case TypeId::udim: {
      auto scale = read_f32_array(reader, count);
      auto offset = read_i32_array(reader, count);
      for (std::size_t i = 0; i < scale.size() && i < offset.size(); ++i) {
        values.emplace_back(types::UDim{scale[i], offset[i]});
      }
      break;
    }
    case TypeId::udim2: {
      auto xs = read_f32_array(reader, count);
      auto ys = read_f32_array(reader, count);
      auto xo = read_i32_array(reader, count);
      auto yo = read_i32_array(reader, count);
      if (!reader.ok()) break;
      for (std::size_t i = 0; i < count; ++i) values.emplace_back(types::UDim2{{xs[i], xo[i]}, {ys[i], yo[i]}});
      break;
    }
    case TypeId::ray:
      repeat([&] {
        types::Ray ray;
        ray.origin = {reader.read_f32(), reader.read_f32(), reader.read_f32()};
        ray.direction = {reader.read_f32(), reader.read_f32(), reader.read_f32()};
        return ray;
      });
      break;
    case TypeId::color3: case TypeId::vector3: {
      auto a = read_f32_array(reader, count);
      auto b = read_f32_array(reader, count);
      auto c = read_f32_array(reader, count);
      if (!reader.ok()) break;
      for (std::size_t i = 0; i < count; ++i) {
        if (type == TypeId::color3) values.emplace_back(types::Color3{a[i], b[i], c[i]});
        else values.emplace_back(types::Vector3{a[i], b[i], c[i]});
      }
      break;
    }
    case TypeId::vector2: {
      auto x = read_f32_array(reader, count);
      auto y = read_f32_array(reader, count);
      if (!reader.ok()) break;
      for (std::size_t i = 0; i < count; ++i) values.emplace_back(types::Vector2{x[i], y[i]});
      break;
    }
    case TypeId::rect: {
      auto x0 = read_f32_array(reader, count);
      auto y0 = read_f32_array(reader, count);
      auto x1 = read_f32_array(reader, count);
      auto y1 = read_f32_array(reader, count);
      if (!reader.ok()) break;
      for (std::size_t i = 0; i < count; ++i) values.emplace_back(types::Rect{{x0[i], y0[i]}, {x1[i], y1[i]}});
      break;
    }
    case TypeId::cframe: {
      auto frames = decode_cframes(reader, count);
      if (!frames) return std::move(frames).error();
      for (auto& frame : *frames) values.emplace_back(frame);
      break;
    }
    case TypeId::optional_cframe: {
      std::uint8_t marker = reader.read_u8();
      if (reader.ok() && marker != static_cast<std::uint8_t>(TypeId::cframe)) {
        return invalid("OptionalCFrame: expected CFrame marker 0x10, found " + hex_byte(marker));
      }
      auto frames = decode_cframes(reader, count);
      if (!frames) return std::move(frames).error();
      marker = reader.read_u8();
      if (reader.ok() && marker != static_cast<std::uint8_t>(TypeId::boolean)) {
        return invalid("OptionalCFrame: expected Bool marker 0x02, found " + hex_byte(marker));
      }
      std::string_view present = reader.read_bytes(count);
      if (!reader.ok()) break;
      for (std::size_t i = 0; i < count; ++i) {
        types::OptionalCFrame value;
        if (present[i] != 0) value.value = (*frames)[i];
        values.emplace_back(value);
      }
      break;
    }
    case TypeId::vector3int16:
      repeat([&] { return types::Vector3int16{reader.read_i16(), reader.read_i16(), reader.read_i16()}; });
      break;
    case TypeId::number_sequence:
      repeat([&] {
        types::NumberSequence sequence;
        std::uint32_t points = reader.read_u32();
        if (!reader.has(points, 12)) return sequence;
        sequence.keypoints.resize(points);
        for (auto& point : sequence.keypoints) point = {reader.read_f32(), reader.read_f32(), reader.read_f32()};
        return sequence;
      });
      break;
    case TypeId::color_sequence:
      repeat([&] {
        types::ColorSequence sequence;
        std::uint32_t points = reader.read_u32();
        if (!reader.has(points, 20)) return sequence;
        sequence.keypoints.resize(points);
        for (auto& point : sequence.keypoints) {
          point.time = reader.read_f32();
          point.color = {reader.read_f32(), reader.read_f32(), reader.read_f32()};
          point.envelope = reader.read_f32();
        }
        return sequence;
      });
      break;
    case TypeId::number_range:
      repeat([&] { return types::NumberRange{reader.read_f32(), reader.read_f32()}; });
      break;
    case TypeId::physical_properties:
      repeat([&] {
        types::PhysicalProperties value;
        std::uint8_t flags = reader.read_u8();
        value.custom = (flags & 1) != 0;
        if (value.custom) {
          value.density = reader.read_f32();
          value.friction = reader.read_f32();
          value.elasticity = reader.read_f32();
          value.friction_weight = reader.read_f32();
          value.elasticity_weight = reader.read_f32();
          if ((flags & 2) != 0) value.acoustic_absorption = reader.read_f32();
        }
        return value;
      });
      break;
    case TypeId::color3uint8: {
      std::string_view r = reader.read_bytes(count);
      std::string_view g = reader.read_bytes(count);
      std::string_view b = reader.read_bytes(count);
      if (!reader.ok()) break;
      for (std::size_t i = 0; i < count; ++i) {
        values.emplace_back(types::Color3uint8{static_cast<std::uint8_t>(r[i]), static_cast<std::uint8_t>(g[i]),
                                               static_cast<std::uint8_t>(b[i])});
      }
      break;
    }
    case TypeId::shared_string:
      for (auto index : read_u32_array(reader, count)) {
        if (index >= shared_strings.size()) {
          return invalid("SharedString index " + std::to_string(index) + " is out of range (SSTR holds " +
                         std::to_string(shared_strings.size()) + ")");
        }
        values.emplace_back(types::SharedString{shared_strings[index]});
      }
      break;
    case TypeId::unique_id: {
      std::string records = deinterleave(reader.read_bytes(count * 16), 16);
      if (!reader.ok()) break;
      ByteReader record(records);
      repeat([&] {
        types::UniqueId id;
        id.index = record.read_u32_be();
        id.time = record.read_u32_be();
        // Files store the random part rotated left by one bit relative to the XML form we keep.
        id.random = static_cast<std::int64_t>(std::rotr(record.read_u64_be(), 1));
        return id;
      });
      break;
    }
    case TypeId::font:
      repeat([&] {
        types::Font font;
        font.family = reader.read_string();
        font.weight = reader.read_u16();
        font.style = reader.read_u8();
        font.cached_face_id = reader.read_string();
        return font;
      });
      break;
    case TypeId::content: {
      auto contents = decode_content(reader, count);
      if (!contents) return std::move(contents).error();
      values = std::move(*contents);
      break;
    }
  }
  if (!reader.ok() || values.size() != count) return truncated(reader);
  return values;
}

}  // namespace rbxpipe::rbx::binary
