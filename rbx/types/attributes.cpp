#include "rbx/types/attributes.h"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "rbx/types/byte_reader.h"
#include "rbx/types/byte_writer.h"
#include "rbx/types/cframe_rotation.h"

namespace rbxpipe::rbx::types {

namespace {

using base::Error;
using base::ErrorCode;

// Attribute type ids. They are not the binary format's property type ids, although the value types overlap.
constexpr std::uint8_t k_string = 0x02;
constexpr std::uint8_t k_bool = 0x03;
constexpr std::uint8_t k_int32 = 0x04;
constexpr std::uint8_t k_float32 = 0x05;
constexpr std::uint8_t k_float64 = 0x06;
constexpr std::uint8_t k_udim = 0x09;
constexpr std::uint8_t k_udim2 = 0x0A;
constexpr std::uint8_t k_brick_color = 0x0E;
constexpr std::uint8_t k_color3 = 0x0F;
constexpr std::uint8_t k_vector2 = 0x10;
constexpr std::uint8_t k_vector3 = 0x11;
constexpr std::uint8_t k_cframe = 0x14;
constexpr std::uint8_t k_enum_item = 0x15;
constexpr std::uint8_t k_number_sequence = 0x17;
constexpr std::uint8_t k_color_sequence = 0x19;
constexpr std::uint8_t k_number_range = 0x1B;
constexpr std::uint8_t k_rect = 0x1C;
constexpr std::uint8_t k_font = 0x21;

// Name length (4) + type id (1) + the smallest value (a Bool, 1): the least an attribute can occupy.
constexpr std::size_t k_min_attribute_size = 6;
constexpr std::size_t k_number_keypoint_size = 3 * 4;
constexpr std::size_t k_color_keypoint_size = 5 * 4;

std::string hex_byte(std::uint8_t value) {
  constexpr char k_digits[] = "0123456789ABCDEF";
  return std::string{'0', 'x', k_digits[value >> 4], k_digits[value & 0xF]};
}

// Names come from untrusted files and end up in terminal output, so control and non-ASCII bytes are escaped.
std::string quoted(std::string_view name) {
  std::string out = "'";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '\\' || c == '\'') {
      out += "\\x";
      out += hex_byte(byte).substr(2);
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string attribute_label(std::string_view name) { return "attribute " + quoted(name); }

// Braced initialisers below rely on left-to-right evaluation, which list-initialisation guarantees.
UDim read_udim(ByteReader& reader) { return UDim{reader.read_f32(), reader.read_i32()}; }
Vector2 read_vector2(ByteReader& reader) { return Vector2{reader.read_f32(), reader.read_f32()}; }
Vector3 read_vector3(ByteReader& reader) { return Vector3{reader.read_f32(), reader.read_f32(), reader.read_f32()}; }
Color3 read_color3(ByteReader& reader) { return Color3{reader.read_f32(), reader.read_f32(), reader.read_f32()}; }

CFrame read_cframe(ByteReader& reader) {
  CFrame cframe;
  cframe.position = read_vector3(reader);
  const std::uint8_t id = reader.read_u8();
  if (id == 0) {
    for (float& cell : cframe.rotation) cell = reader.read_f32();
  } else if (auto rotation = rotation_of_id(id)) {
    cframe.rotation = *rotation;
  } else if (reader.ok()) {
    reader.fail("invalid CFrame rotation id " + hex_byte(id) + " at offset " + std::to_string(reader.offset() - 1));
  }
  return cframe;
}

NumberSequence read_number_sequence(ByteReader& reader) {
  NumberSequence sequence;
  const std::uint32_t count = reader.read_count(k_number_keypoint_size);
  sequence.keypoints.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    NumberKeypoint keypoint;
    keypoint.envelope = reader.read_f32();
    keypoint.time = reader.read_f32();
    keypoint.value = reader.read_f32();
    sequence.keypoints.push_back(keypoint);
  }
  return sequence;
}

ColorSequence read_color_sequence(ByteReader& reader) {
  ColorSequence sequence;
  const std::uint32_t count = reader.read_count(k_color_keypoint_size);
  sequence.keypoints.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    ColorKeypoint keypoint;
    keypoint.envelope = reader.read_f32();
    keypoint.time = reader.read_f32();
    keypoint.color = read_color3(reader);
    sequence.keypoints.push_back(keypoint);
  }
  return sequence;
}

Font read_font(ByteReader& reader) {
  Font font;
  font.weight = reader.read_u16();
  font.style = reader.read_u8();
  font.family = reader.read_string();
  font.cached_face_id = reader.read_string();
  return font;
}

template <typename T>
Variant make(T value) {
  // Naming the alternative avoids std::variant's converting constructor picking a neighbour (int32 vs int64).
  return Variant(std::in_place_type<T>, std::move(value));
}

// The value of an attribute of `type_id`, or nullopt when the id is unknown. Read failures stay in `reader`.
std::optional<Variant> read_value(ByteReader& reader, std::uint8_t type_id) {
  switch (type_id) {
    case k_string: return make(reader.read_string());
    case k_bool: return make(reader.read_u8() != 0);  // Studio treats any non-zero byte as true
    case k_int32: return make(reader.read_i32());
    case k_float32: return make(reader.read_f32());
    case k_float64: return make(reader.read_f64());
    case k_udim: return make(read_udim(reader));
    case k_udim2: return make(UDim2{read_udim(reader), read_udim(reader)});
    case k_brick_color: return make(BrickColor{reader.read_u32()});
    case k_color3: return make(read_color3(reader));
    case k_vector2: return make(read_vector2(reader));
    case k_vector3: return make(read_vector3(reader));
    case k_cframe: return make(read_cframe(reader));
    case k_enum_item: return make(EnumItem{reader.read_string(), reader.read_u32()});
    case k_number_sequence: return make(read_number_sequence(reader));
    case k_color_sequence: return make(read_color_sequence(reader));
    case k_number_range: return make(NumberRange{reader.read_f32(), reader.read_f32()});
    case k_rect: return make(Rect{read_vector2(reader), read_vector2(reader)});
    case k_font: return make(read_font(reader));
    default: return std::nullopt;
  }
}

void write_udim(ByteWriter& writer, const UDim& value) {
  writer.write_f32(value.scale);
  writer.write_i32(value.offset);
}

void write_vector2(ByteWriter& writer, const Vector2& value) {
  writer.write_f32(value.x);
  writer.write_f32(value.y);
}

void write_vector3(ByteWriter& writer, const Vector3& value) {
  writer.write_f32(value.x);
  writer.write_f32(value.y);
  writer.write_f32(value.z);
}

void write_color3(ByteWriter& writer, const Color3& value) {
  writer.write_f32(value.r);
  writer.write_f32(value.g);
  writer.write_f32(value.b);
}

void write_cframe(ByteWriter& writer, const CFrame& value) {
  write_vector3(writer, value.position);
  // The compact id is only used when it reproduces the matrix exactly; everything else keeps all nine numbers.
  if (const auto id = rotation_id_of(value.rotation)) {
    writer.write_u8(*id);
    return;
  }
  writer.write_u8(0);
  for (const float cell : value.rotation) writer.write_f32(cell);
}

// Fails when a string or list is too long for the format's u32 lengths.
Error too_long(std::string_view what) {
  return Error(ErrorCode::invalid_input, std::string(what) + " is longer than 4 GiB and cannot be encoded");
}

bool fits_u32(std::size_t size) { return size <= std::numeric_limits<std::uint32_t>::max(); }

// Writes the type id and value of one attribute; invalid_input for types attributes cannot hold.
base::Result<void> write_value(ByteWriter& writer, const Variant& value) {
  return std::visit(
      [&writer, &value](const auto& v) -> base::Result<void> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          writer.write_u8(k_string);
          if (!writer.write_string(v)) return too_long("string value");
        } else if constexpr (std::is_same_v<T, bool>) {
          writer.write_u8(k_bool);
          writer.write_u8(v ? 1 : 0);
        } else if constexpr (std::is_same_v<T, std::int32_t>) {
          writer.write_u8(k_int32);
          writer.write_i32(v);
        } else if constexpr (std::is_same_v<T, float>) {
          writer.write_u8(k_float32);
          writer.write_f32(v);
        } else if constexpr (std::is_same_v<T, double>) {
          writer.write_u8(k_float64);
          writer.write_f64(v);
        } else if constexpr (std::is_same_v<T, UDim>) {
          writer.write_u8(k_udim);
          write_udim(writer, v);
        } else if constexpr (std::is_same_v<T, UDim2>) {
          writer.write_u8(k_udim2);
          write_udim(writer, v.x);
          write_udim(writer, v.y);
        } else if constexpr (std::is_same_v<T, BrickColor>) {
          writer.write_u8(k_brick_color);
          writer.write_u32(v.number);
        } else if constexpr (std::is_same_v<T, Color3>) {
          writer.write_u8(k_color3);
          write_color3(writer, v);
        } else if constexpr (std::is_same_v<T, Vector2>) {
          writer.write_u8(k_vector2);
          write_vector2(writer, v);
        } else if constexpr (std::is_same_v<T, Vector3>) {
          writer.write_u8(k_vector3);
          write_vector3(writer, v);
        } else if constexpr (std::is_same_v<T, CFrame>) {
          writer.write_u8(k_cframe);
          write_cframe(writer, v);
        } else if constexpr (std::is_same_v<T, EnumItem>) {
          writer.write_u8(k_enum_item);
          if (!writer.write_string(v.enum_name)) return too_long("enum name");
          writer.write_u32(v.value);
        } else if constexpr (std::is_same_v<T, NumberSequence>) {
          if (!fits_u32(v.keypoints.size())) return too_long("keypoint list");
          writer.write_u8(k_number_sequence);
          writer.write_u32(static_cast<std::uint32_t>(v.keypoints.size()));
          for (const NumberKeypoint& keypoint : v.keypoints) {
            writer.write_f32(keypoint.envelope);
            writer.write_f32(keypoint.time);
            writer.write_f32(keypoint.value);
          }
        } else if constexpr (std::is_same_v<T, ColorSequence>) {
          if (!fits_u32(v.keypoints.size())) return too_long("keypoint list");
          writer.write_u8(k_color_sequence);
          writer.write_u32(static_cast<std::uint32_t>(v.keypoints.size()));
          for (const ColorKeypoint& keypoint : v.keypoints) {
            writer.write_f32(keypoint.envelope);
            writer.write_f32(keypoint.time);
            write_color3(writer, keypoint.color);
          }
        } else if constexpr (std::is_same_v<T, NumberRange>) {
          writer.write_u8(k_number_range);
          writer.write_f32(v.min);
          writer.write_f32(v.max);
        } else if constexpr (std::is_same_v<T, Rect>) {
          writer.write_u8(k_rect);
          write_vector2(writer, v.min);
          write_vector2(writer, v.max);
        } else if constexpr (std::is_same_v<T, Font>) {
          writer.write_u8(k_font);
          writer.write_u16(v.weight);
          writer.write_u8(v.style);
          if (!writer.write_string(v.family)) return too_long("font family");
          if (!writer.write_string(v.cached_face_id)) return too_long("font cached face id");
        } else {
          return Error(ErrorCode::invalid_input, "an attribute cannot hold a " +
                                                     std::string(variant_type_name(type_of(value))) + " value");
        }
        return base::ok();
      },
      value);
}

}  // namespace

base::Result<Attributes> decode_attributes(std::string_view blob) {
  // Files store an empty AttributesSerialize for "no attributes" rather than a zero count.
  if (blob.empty()) return Attributes{};
  ByteReader reader(blob);
  const std::uint32_t count = reader.read_count(k_min_attribute_size);
  Attributes attributes;
  for (std::uint32_t i = 0; i < count && reader.ok(); ++i) {
    std::string name = reader.read_string();
    const std::size_t type_offset = reader.offset();
    const std::uint8_t type_id = reader.read_u8();
    if (!reader.ok()) break;
    std::optional<Variant> value = read_value(reader, type_id);
    if (!value) {
      return Error(ErrorCode::invalid_input, attribute_label(name) + " has unknown type id " + hex_byte(type_id) +
                                                 " at offset " + std::to_string(type_offset));
    }
    if (!reader.ok()) return reader.error().with_context(attribute_label(name));
    attributes.entries.push_back(AttributeEntry{std::move(name), std::move(*value)});
  }
  if (!reader.ok()) return reader.error().with_context("attributes");
  if (reader.remaining() != 0) {
    return Error(ErrorCode::invalid_input, "attributes: " + std::to_string(reader.remaining()) +
                                               " unexpected bytes after the last attribute");
  }
  // Keep the documented sorted order. A repeated name keeps its last value, as a map-backed reader would.
  auto& entries = attributes.entries;
  std::stable_sort(entries.begin(), entries.end(),
                   [](const AttributeEntry& a, const AttributeEntry& b) { return a.name < b.name; });
  auto last_of_each = std::unique(entries.rbegin(), entries.rend(),
                                  [](const AttributeEntry& a, const AttributeEntry& b) { return a.name == b.name; });
  entries.erase(entries.begin(), last_of_each.base());
  return attributes;
}

base::Result<std::string> encode_attributes(const Attributes& attributes) {
  std::vector<const AttributeEntry*> sorted;
  sorted.reserve(attributes.entries.size());
  for (const AttributeEntry& entry : attributes.entries) sorted.push_back(&entry);
  // std::string compares through char_traits<char>, which orders bytes as unsigned: the byte order readers expect.
  std::sort(sorted.begin(), sorted.end(),
            [](const AttributeEntry* a, const AttributeEntry* b) { return a->name < b->name; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i]->name == sorted[i - 1]->name) {
      return Error(ErrorCode::invalid_input, "attribute name " + quoted(sorted[i]->name) + " appears twice");
    }
  }
  if (!fits_u32(sorted.size())) return too_long("attribute list");

  ByteWriter writer;
  writer.write_u32(static_cast<std::uint32_t>(sorted.size()));
  for (const AttributeEntry* entry : sorted) {
    if (!writer.write_string(entry->name)) return too_long("attribute name");
    auto written = write_value(writer, entry->value);
    if (!written) return std::move(written).error().with_context(attribute_label(entry->name));
  }
  return writer.take();
}

}  // namespace rbxpipe::rbx::types
