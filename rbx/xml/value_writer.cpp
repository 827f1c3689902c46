#include "rbx/xml/value_writer.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "base/base64.h"
#include "base/sha256.h"
#include "rbx/types/attributes.h"
#include "rbx/xml/scalars.h"

namespace rbxpipe::rbx::xml {

using types::VariantType;

namespace {

constexpr std::array<const char*, 12> k_cframe_fields = {"X",   "Y",   "Z",   "R00", "R01", "R02",
                                                         "R10", "R11", "R12", "R20", "R21", "R22"};

void append_hex(std::string& out, std::uint64_t value, int digits) {
  std::array<char, 16> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, 16);
  (void)error;  // 16 digits hold any 64-bit value
  auto length = static_cast<int>(end - buffer.data());
  out.append(static_cast<std::size_t>(digits > length ? digits - length : 0), '0');
  out.append(buffer.data(), end);
}

// Appends the elements of one property value. Simple values go on the line of their tag; compound values put each
// component on its own line one level deeper, as Studio does.
class ValueWriter {
 public:
  ValueWriter(std::string& out, std::size_t depth, std::string_view tag, std::string_view name, WriteContext& context)
      : m_out(out), m_depth(depth), m_tag(tag), m_name(name), m_context(context) {}

  base::Result<void> operator()(const std::string& v) { return string(v, false); }
  base::Result<void> operator()(const types::ProtectedString& v) { return string(v.text, true); }
  base::Result<void> operator()(const types::BinaryString& v) { return binary(v.bytes); }
  base::Result<void> operator()(const types::ContentId& v) {
    if (v.uri.empty()) return simple("<null></null>");
    open();
    m_out += "<url>";
    if (!append_escaped_text(m_out, v.uri)) return nul_error();
    m_out += "</url>";
    return close_simple();
  }
  base::Result<void> operator()(bool v) { return simple(v ? "true" : "false"); }
  base::Result<void> operator()(std::int32_t v) { return integer(v); }
  base::Result<void> operator()(std::int64_t v) { return integer(v); }
  base::Result<void> operator()(float v) {
    open();
    append_float(m_out, v);
    return close_simple();
  }
  base::Result<void> operator()(double v) {
    open();
    append_double(m_out, v);
    return close_simple();
  }
  base::Result<void> operator()(const types::UDim& v) {
    return compound([&] { udim(v, "S", "O"); });
  }
  base::Result<void> operator()(const types::UDim2& v) {
    return compound([&] {
      udim(v.x, "XS", "XO");
      udim(v.y, "YS", "YO");
    });
  }
  base::Result<void> operator()(const types::Ray& v) {
    return compound([&] {
      vector3_group("origin", v.origin);
      vector3_group("direction", v.direction);
    });
  }
  base::Result<void> operator()(const types::Faces& v) {
    return compound([&] { integer_field("faces", v.bits); });
  }
  base::Result<void> operator()(const types::Axes& v) {
    return compound([&] { integer_field("axes", v.bits); });
  }
  base::Result<void> operator()(const types::BrickColor& v) { return integer(v.number); }
  base::Result<void> operator()(const types::Color3& v) {
    return compound([&] {
      float_field("R", v.r);
      float_field("G", v.g);
      float_field("B", v.b);
    });
  }
  base::Result<void> operator()(const types::Color3uint8& v) {
    // Studio's 0xAARRGGBB with an opaque alpha byte.
    return integer(0xFF000000U | (std::uint32_t{v.r} << 16) | (std::uint32_t{v.g} << 8) | std::uint32_t{v.b});
  }
  base::Result<void> operator()(const types::Vector2& v) {
    return compound([&] { vector2_fields(v); });
  }
  base::Result<void> operator()(const types::Vector2int16& v) {
    return compound([&] {
      integer_field("X", v.x);
      integer_field("Y", v.y);
    });
  }
  base::Result<void> operator()(const types::Vector3& v) {
    return compound([&] { vector3_fields(v); });
  }
  base::Result<void> operator()(const types::Vector3int16& v) {
    return compound([&] {
      integer_field("X", v.x);
      integer_field("Y", v.y);
      integer_field("Z", v.z);
    });
  }
  base::Result<void> operator()(const types::CFrame& v) {
    return compound([&] { cframe_fields(v); });
  }
  base::Result<void> operator()(const types::OptionalCFrame& v) {
    if (!v.value) return simple("");
    return compound([&] {
      group("CFrame", [&] { cframe_fields(*v.value); });
    });
  }
  base::Result<void> operator()(const types::Enum& v) { return integer(v.value); }
  base::Result<void> operator()(const types::EnumItem&) {
    return base::Error(base::ErrorCode::invalid_input,
                       "property '" + std::string(m_name) + "': an EnumItem can only be an attribute value");
  }
  base::Result<void> operator()(const types::Ref& v) { return simple(m_context.referent_of(v.target)); }
  base::Result<void> operator()(const types::NumberSequence& v) {
    open();
    for (const auto& k : v.keypoints) numbers({k.time, k.value, k.envelope});
    return close_simple();
  }
  base::Result<void> operator()(const types::ColorSequence& v) {
    open();
    for (const auto& k : v.keypoints) numbers({k.time, k.color.r, k.color.g, k.color.b, k.envelope});
    return close_simple();
  }
  base::Result<void> operator()(const types::NumberRange& v) {
    open();
    numbers({v.min, v.max});
    return close_simple();
  }
  base::Result<void> operator()(const types::Rect& v) {
    return compound([&] {
      group("min", [&] { vector2_fields(v.min); });
      group("max", [&] { vector2_fields(v.max); });
    });
  }
  base::Result<void> operator()(const types::PhysicalProperties& v) {
    return compound([&] {
      field_line("CustomPhysics", v.custom ? "true" : "false");
      if (!v.custom) return;
      float_field("Density", v.density);
      float_field("Friction", v.friction);
      float_field("Elasticity", v.elasticity);
      float_field("FrictionWeight", v.friction_weight);
      float_field("ElasticityWeight", v.elasticity_weight);
      if (v.acoustic_absorption) float_field("AcousticAbsorption", *v.acoustic_absorption);
    });
  }
  base::Result<void> operator()(const types::SharedString& v) { return simple(m_context.add_shared_string(v.bytes)); }
  base::Result<void> operator()(const types::UniqueId& v) {
    open();
    // random (16 hex digits), time (8), index (8), lower case as Studio writes them.
    append_hex(m_out, static_cast<std::uint64_t>(v.random), 16);
    append_hex(m_out, v.time, 8);
    append_hex(m_out, v.index, 8);
    return close_simple();
  }
  base::Result<void> operator()(const types::Font& v);
  base::Result<void> operator()(const types::SecurityCapabilities& v) { return integer(v.bits); }
  base::Result<void> operator()(const types::Content& v);
  base::Result<void> operator()(const types::Tags& v) { return binary(types::encode_tags(v)); }
  base::Result<void> operator()(const types::Attributes& v) {
    auto blob = types::encode_attributes(v);
    if (!blob) return std::move(blob).error().with_context("property '" + std::string(m_name) + "'");
    return binary(*blob);
  }
  base::Result<void> operator()(const types::MaterialColors& v) { return binary(types::encode_material_colors(v)); }
  base::Result<void> operator()(const types::Bytecode& v) { return binary(v.bytes); }

 private:
  void open() {
    append_indent(m_out, m_depth);
    m_out += '<';
    m_out += m_tag;
    m_out += " name=\"";
    append_escaped_attribute(m_out, m_name);  // the caller has checked the name for NUL bytes
    m_out += "\">";
  }
  base::Result<void> close_simple() {
    m_out += "</";
    m_out += m_tag;
    m_out += ">\n";
    return {};
  }
  base::Result<void> simple(std::string_view text) {
    open();
    m_out += text;
    return close_simple();
  }
  template <typename T>
  base::Result<void> integer(T value) {
    open();
    append_integer(m_out, value);
    return close_simple();
  }
  base::Result<void> nul_error() const {
    return base::Error(base::ErrorCode::invalid_input,
                       "property '" + std::string(m_name) + "' holds a NUL character, which XML cannot carry");
  }
  base::Result<void> string(std::string_view text, bool exact) {
    open();
    // Script source, and any string whose ends are whitespace, goes into CDATA so that no tool trims it.
    bool padded = !text.empty() && (is_xml_space(text.front()) || is_xml_space(text.back()));
    if ((exact || padded) && fits_cdata(text)) {
      append_cdata(m_out, text);
    } else if (!append_escaped_text(m_out, text)) {
      return nul_error();
    }
    return close_simple();
  }
  base::Result<void> binary(std::string_view bytes) { return simple(base::base64_encode(bytes)); }

  template <typename Body>
  base::Result<void> compound(Body body) {
    open();
    m_out += '\n';
    ++m_depth;
    body();
    --m_depth;
    append_indent(m_out, m_depth);
    return close_simple();
  }
  template <typename Body>
  void group(const char* tag, Body body) {
    append_indent(m_out, m_depth);
    m_out += '<';
    m_out += tag;
    m_out += ">\n";
    ++m_depth;
    body();
    --m_depth;
    append_indent(m_out, m_depth);
    m_out += "</";
    m_out += tag;
    m_out += ">\n";
  }
  void field_line(const char* tag, std::string_view text) {
    append_indent(m_out, m_depth);
    m_out += '<';
    m_out += tag;
    m_out += '>';
    m_out += text;
    m_out += "</";
    m_out += tag;
    m_out += ">\n";
  }
  void float_field(const char* tag, float value) {
    std::string text;
    append_float(text, value);
    field_line(tag, text);
  }
  template <typename T>
  void integer_field(const char* tag, T value) {
    std::string text;
    append_integer(text, value);
    field_line(tag, text);
  }
  void udim(const types::UDim& v, const char* scale, const char* offset) {
    float_field(scale, v.scale);
    integer_field(offset, v.offset);
  }
  void vector2_fields(const types::Vector2& v) {
    float_field("X", v.x);
    float_field("Y", v.y);
  }
  void vector3_fields(const types::Vector3& v) {
    float_field("X", v.x);
    float_field("Y", v.y);
    float_field("Z", v.z);
  }
  void vector3_group(const char* tag, const types::Vector3& v) {
    group(tag, [&] { vector3_fields(v); });
  }
  void cframe_fields(const types::CFrame& v) {
    std::array<float, 12> values = {v.position.x, v.position.y, v.position.z};
    for (std::size_t i = 0; i < 9; ++i) values[3 + i] = v.rotation[i];
    for (std::size_t i = 0; i < 12; ++i) float_field(k_cframe_fields[i], values[i]);
  }
  // Space-separated, each followed by a space, as Studio writes sequences and ranges.
  void numbers(std::initializer_list<float> values) {
    for (float value : values) {
      append_float(m_out, value);
      m_out += ' ';
    }
  }

  std::string& m_out;
  std::size_t m_depth;
  std::string_view m_tag;
  std::string_view m_name;
  WriteContext& m_context;
};

base::Result<void> ValueWriter::operator()(const types::Font& v) {
  if (v.style > 1) {
    return base::Error(base::ErrorCode::invalid_input,
                       "property '" + std::string(m_name) + "': font style " + std::to_string(v.style) +
                           " is neither Normal (0) nor Italic (1)");
  }
  std::string family = "<url>";
  std::string cached = "<url>";
  if (!append_escaped_text(family, v.family) || !append_escaped_text(cached, v.cached_face_id)) return nul_error();
  family += "</url>";
  cached += "</url>";
  return compound([&] {
    field_line("Family", family);
    integer_field("Weight", v.weight);
    field_line("Style", v.style == 0 ? "Normal" : "Italic");
    if (!v.cached_face_id.empty()) field_line("CachedFaceId", cached);
  });
}

base::Result<void> ValueWriter::operator()(const types::Content& v) {
  switch (v.kind) {
    case types::Content::Kind::none:
      return simple("<null></null>");
    case types::Content::Kind::uri: {
      std::string uri = "<uri>";
      if (!append_escaped_text(uri, v.uri)) return nul_error();
      uri += "</uri>";
      return simple(uri);
    }
    case types::Content::Kind::object:
      return simple("<Ref>" + std::string(m_context.referent_of(v.object)) + "</Ref>");
  }
  return simple("<null></null>");
}

}  // namespace

void append_indent(std::string& out, std::size_t depth) { out.append(std::min(depth, k_max_indent), '\t'); }

std::string_view WriteContext::referent_of(types::InstanceId id) const {
  auto found = m_referents.find(id);
  return found == m_referents.end() ? std::string_view("null") : std::string_view(found->second);
}

std::string WriteContext::add_shared_string(const std::string& bytes) {
  base::Sha256 hash;
  hash.update(bytes);
  base::Sha256Digest digest = hash.finish();
  // A content hash keeps the key independent of where the string first appears, so output stays deterministic.
  std::string key = base::base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), 16));
  m_shared_strings.try_emplace(key, bytes);
  return key;
}

std::string_view tag_of(VariantType type) {
  switch (type) {
    case VariantType::String: return "string";
    case VariantType::BinaryString: return "BinaryString";
    case VariantType::ProtectedString: return "ProtectedString";
    case VariantType::ContentId: return "ContentId";
    case VariantType::Bool: return "bool";
    case VariantType::Int32: return "int";
    case VariantType::Int64: return "int64";
    case VariantType::Float32: return "float";
    case VariantType::Float64: return "double";
    case VariantType::CFrame: return "CoordinateFrame";
    case VariantType::OptionalCFrame: return "OptionalCoordinateFrame";
    case VariantType::Enum: return "token";
    case VariantType::Rect: return "Rect2D";
    case VariantType::Tags:
    case VariantType::Attributes:
    case VariantType::MaterialColors:
    case VariantType::Bytecode: return "BinaryString";
    case VariantType::EnumItem: return {};
    default: return types::variant_type_name(type);  // the type's own name is its tag
  }
}

base::Result<void> write_value(std::string& out, std::size_t depth, std::string_view name,
                               const types::Variant& value, WriteContext& context) {
  std::string checked;
  if (!append_escaped_attribute(checked, name)) {
    return base::Error(base::ErrorCode::invalid_input, "a property name holds a NUL character");
  }
  ValueWriter writer(out, depth, tag_of(types::type_of(value)), name, context);
  return std::visit(writer, value);
}

}  // namespace rbxpipe::rbx::xml
