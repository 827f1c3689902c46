// Explicit values as rbx-dom's serde writes them, externally tagged by type name (`{"Vector3": [1, 2, 3]}`): the
// scalar and array-shaped types, the dispatcher, and the readers every shape shares. Object-shaped types are in
// value_explicit_objects.cpp. Integers must be whole and in range (serde refuses 1.5 for an i32); floats are cast
// as Rust's `as f32` does.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "base/base64.h"
#include "rojo/value_json.h"

namespace rbxpipe::rojo::detail {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
using namespace rbx::types;

// Every type name rbx-dom's Variant serializes under. Region3 and Region3int16 are recognised only to say that
// rbxpipe cannot hold them.
constexpr std::array<std::string_view, 40> k_type_names = {
    "Attributes",  "Axes",         "BinaryString", "Bool",      "BrickColor",         "CFrame",     "Color3",
    "Color3uint8", "ColorSequence", "Content",     "ContentId", "Enum",               "EnumItem",   "Faces",
    "Float32",     "Float64",       "Font",        "Int32",     "Int64",              "MaterialColors",
    "NumberRange", "NumberSequence", "OptionalCFrame", "PhysicalProperties", "Ray",    "Rect",       "Ref",
    "Region3",     "Region3int16",  "SecurityCapabilities", "SharedString", "String", "Tags",       "UDim",
    "UDim2",       "UniqueId",      "Vector2",     "Vector2int16", "Vector3",         "Vector3int16"};

constexpr std::int64_t k_i16_min = std::numeric_limits<std::int16_t>::min();
constexpr std::int64_t k_i16_max = std::numeric_limits<std::int16_t>::max();
constexpr std::int64_t k_i32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t k_i32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t k_u32_max = std::numeric_limits<std::uint32_t>::max();

constexpr std::array<std::string_view, 6> k_face_names = {"Right", "Top", "Back", "Left", "Bottom", "Front"};
constexpr std::array<std::string_view, 3> k_axis_names = {"X", "Y", "Z"};

// The plural noun for an array whose items are all of one JSON kind, or "values" for a mix.
std::string_view item_kind(const Json& array) {
  const auto kind_of = [](const Json& item) -> std::string_view {
    if (item.is_number()) return "numbers";
    if (item.is_string()) return "strings";
    if (item.is_boolean()) return "bools";
    if (item.is_array()) return "arrays";
    if (item.is_object()) return "objects";
    return "values";
  };
  std::string_view kind = kind_of(array.front());
  for (const Json& item : array) {
    if (kind_of(item) != kind) return "values";
  }
  return kind;
}

// Reads `count` whole numbers of [min, max] from an array.
template <typename Int, std::size_t N>
bool read_wholes(const Json& value, std::array<Int, N>& out, std::int64_t min, std::int64_t max,
                 const std::string& at, std::string& got) {
  if (!value.is_array() || value.size() != N) {
    got = located(describe(value), at);
    return false;
  }
  for (std::size_t i = 0; i < N; ++i) {
    auto whole = read_whole(value[i], min, max, at_index(at, i), got);
    if (!whole) return false;
    out[i] = static_cast<Int>(*whole);
  }
  return true;
}

std::optional<UDim> read_udim(const Json& value, const std::string& at, std::string& got) {
  if (!value.is_array() || value.size() != 2) {
    got = located(describe(value), at);
    return std::nullopt;
  }
  auto scale = read_number(value[0], at_index(at, 0), got);
  if (!scale) return std::nullopt;
  auto offset = read_whole(value[1], k_i32_min, k_i32_max, at_index(at, 1), got);
  if (!offset) return std::nullopt;
  return UDim{f32_from(*scale), static_cast<std::int32_t>(*offset)};
}

// A list of names that set bits, as Faces and Axes are written (["Right", "Top"]); repeats are harmless.
template <std::size_t N>
Result<std::uint8_t> read_flags(const Json& body, const std::array<std::string_view, N>& names, const Expect& expect,
                                std::string_view noun) {
  if (!body.is_array()) return expect.fail(describe(body));
  std::uint8_t bits = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (!body[i].is_string()) return expect.fail(located(describe(body[i]), at_index("", i)));
    const auto& name = body[i].get_ref<const std::string&>();
    auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end()) {
      return Error(ErrorCode::invalid_input,
                   std::string(expect.type) + " has no " + std::string(noun) + " '" + name + "'");
    }
    bits = static_cast<std::uint8_t>(bits | (1U << static_cast<unsigned>(found - names.begin())));
  }
  return bits;
}

Result<Variant> decode_flat(std::string_view type, const Json& body, const rbx::reflection::Database& database) {
  std::string got;
  const auto expect = [type](std::string_view shape) { return Expect{type, shape}; };
  if (type == "Bool") {
    if (!body.is_boolean()) return expect("true or false").fail(describe(body));
    return Variant(body.get<bool>());
  }
  if (type == "String" || type == "ContentId") {
    if (!body.is_string()) return expect("a string").fail(describe(body));
    if (type == "String") return Variant(body.get<std::string>());
    return Variant(ContentId{body.get<std::string>()});
  }
  if (type == "Int32" || type == "Int64" || type == "Enum") {
    constexpr std::int64_t k_i64_min = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t k_i64_max = std::numeric_limits<std::int64_t>::max();
    if (type == "Int32") {
      auto whole = read_whole(body, k_i32_min, k_i32_max, "", got);
      if (!whole) return expect("a whole number from -2147483648 to 2147483647").fail(got);
      return Variant(static_cast<std::int32_t>(*whole));
    }
    if (type == "Int64") {
      auto whole = read_whole(body, k_i64_min, k_i64_max, "", got);
      if (!whole) return expect("a whole number from -9223372036854775808 to 9223372036854775807").fail(got);
      return Variant(*whole);
    }
    auto whole = read_whole(body, 0, k_u32_max, "", got);
    if (!whole) return expect("a whole number from 0 to 4294967295 (the item's value)").fail(got);
    return Variant(Enum{static_cast<std::uint32_t>(*whole)});
  }
  if (type == "Float32" || type == "Float64") {
    auto number = read_number(body, "", got);
    if (!number) return expect("a number").fail(got);
    if (type == "Float32") return Variant(f32_from(*number));
    return Variant(*number);
  }
  if (type == "BrickColor") {
    auto number = read_whole(body, 0, std::numeric_limits<std::uint16_t>::max(), "", got);
    if (!number) return expect("a BrickColor number such as 194").fail(got);
    if (database.find_brick_color(static_cast<std::uint32_t>(*number)) == nullptr) {
      return Error(ErrorCode::invalid_input, std::to_string(*number) + " is not a BrickColor number");
    }
    return Variant(BrickColor{static_cast<std::uint32_t>(*number)});
  }
  if (type == "Color3" || type == "Vector3") {
    std::array<float, 3> f{};
    if (!read_floats(body, f.data(), 3, "", got)) {
      return expect(type == "Color3" ? "[r, g, b] numbers" : "[x, y, z] numbers").fail(got);
    }
    if (type == "Color3") return Variant(Color3{f[0], f[1], f[2]});
    return Variant(Vector3{f[0], f[1], f[2]});
  }
  if (type == "Vector2" || type == "NumberRange") {
    std::array<float, 2> f{};
    if (!read_floats(body, f.data(), 2, "", got)) {
      return expect(type == "Vector2" ? "[x, y] numbers" : "[min, max] numbers").fail(got);
    }
    if (type == "Vector2") return Variant(Vector2{f[0], f[1]});
    return Variant(NumberRange{f[0], f[1]});
  }
  if (type == "Color3uint8") {
    std::array<std::uint8_t, 3> c{};
    if (!read_wholes(body, c, 0, 255, "", got)) return expect("[r, g, b] whole numbers from 0 to 255").fail(got);
    return Variant(Color3uint8{c[0], c[1], c[2]});
  }
  if (type == "Vector2int16") {
    std::array<std::int16_t, 2> v{};
    if (!read_wholes(body, v, k_i16_min, k_i16_max, "", got)) {
      return expect("[x, y] whole numbers from -32768 to 32767").fail(got);
    }
    return Variant(Vector2int16{v[0], v[1]});
  }
  if (type == "Vector3int16") {
    std::array<std::int16_t, 3> v{};
    if (!read_wholes(body, v, k_i16_min, k_i16_max, "", got)) {
      return expect("[x, y, z] whole numbers from -32768 to 32767").fail(got);
    }
    return Variant(Vector3int16{v[0], v[1], v[2]});
  }
  if (type == "UDim") {
    auto udim = read_udim(body, "", got);
    if (!udim) return expect("[scale, offset] (a number and a whole number)").fail(got);
    return Variant(*udim);
  }
  if (type == "UDim2") {
    const Expect udim2 = expect("[[xScale, xOffset], [yScale, yOffset]] with whole-number offsets");
    if (!body.is_array() || body.size() != 2) return udim2.fail(describe(body));
    auto x = read_udim(body[0], "[0]", got);
    if (!x) return udim2.fail(got);
    auto y = read_udim(body[1], "[1]", got);
    if (!y) return udim2.fail(got);
    return Variant(UDim2{*x, *y});
  }
  if (type == "Rect") {
    const Expect rect = expect("[[minX, minY], [maxX, maxY]] numbers");
    if (!body.is_array() || body.size() != 2) return rect.fail(describe(body));
    std::array<float, 4> f{};
    if (!read_floats(body[0], f.data(), 2, "[0]", got) || !read_floats(body[1], f.data() + 2, 2, "[1]", got)) {
      return rect.fail(got);
    }
    return Variant(Rect{{f[0], f[1]}, {f[2], f[3]}});
  }
  if (type == "Faces") {
    auto bits = read_flags(body, k_face_names, expect("a list of faces (Right, Top, Back, Left, Bottom, Front)"),
                           "face");
    if (!bits) return std::move(bits).error();
    return Variant(Faces{*bits});
  }
  if (type == "Axes") {
    auto bits = read_flags(body, k_axis_names, expect("a list of axes (X, Y, Z)"), "axis");
    if (!bits) return std::move(bits).error();
    return Variant(Axes{*bits});
  }
  if (type == "Tags") {
    if (!body.is_array()) return expect("an array of strings").fail(describe(body));
    Tags tags;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (!body[i].is_string()) return expect("an array of strings").fail(located(describe(body[i]), at_index("", i)));
      tags.names.push_back(body[i].get<std::string>());
    }
    return Variant(std::move(tags));
  }
  if (type == "BinaryString" || type == "SharedString") {
    if (!body.is_string()) return expect("a base64 string").fail(describe(body));
    auto bytes = base::base64_decode(body.get_ref<const std::string&>());
    if (!bytes) return Error(ErrorCode::invalid_input, std::string(type) + ": " + bytes.error().message());
    if (type == "BinaryString") return Variant(BinaryString{std::move(*bytes)});
    return Variant(SharedString{std::move(*bytes)});
  }
  if (type == "SecurityCapabilities") {
    const Expect capabilities = expect("a whole number from 0 to 18446744073709551615");
    if (body.is_number_unsigned()) return Variant(SecurityCapabilities{body.get<std::uint64_t>()});
    return capabilities.fail(body.is_number() ? body.dump() : describe(body));
  }
  return Error(ErrorCode::unsupported, "rbxpipe cannot hold " + std::string(type) + " values");
}

}  // namespace

base::Error Expect::fail(std::string_view got) const {
  return Error(ErrorCode::invalid_input,
               std::string(type) + " expects " + std::string(shape) + ", got " + std::string(got));
}

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a bool";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::string: return "a string";
    case Json::value_t::object: return value.empty() ? "an empty object" : "an object";
    case Json::value_t::array: {
      if (value.empty()) return "an empty array";
      std::string kind(item_kind(value));
      if (value.size() == 1) kind.pop_back();  // "an array of 1 number"
      return "an array of " + std::to_string(value.size()) + " " + kind;
    }
    default: return "a value";
  }
}

float f32_from(double value) {
  constexpr double k_max = std::numeric_limits<float>::max();
  if (std::isnan(value) || std::isinf(value) || std::fabs(value) <= k_max) return static_cast<float>(value);
  // Past FLT_MAX, round-to-nearest still gives FLT_MAX up to half an ulp (2^103) above it; from there on (a tie
  // rounds to even, which is infinity) the result overflows.
  const double limit = k_max + std::ldexp(1.0, 103);
  const float magnitude = std::fabs(value) >= limit ? std::numeric_limits<float>::infinity()
                                                    : std::numeric_limits<float>::max();
  return value < 0 ? -magnitude : magnitude;
}

std::int64_t saturating_integer(const Json& number, std::int64_t min, std::int64_t max) {
  if (number.is_number_unsigned()) {
    const auto value = number.get<std::uint64_t>();
    return value > static_cast<std::uint64_t>(max) ? max : static_cast<std::int64_t>(value);
  }
  if (number.is_number_integer()) return std::clamp(number.get<std::int64_t>(), min, max);
  return std::clamp(saturating_from<std::int64_t>(number.get<double>()), min, max);
}

std::string located(std::string what, const std::string& at) {
  if (at.empty()) return what;
  return what + " at " + at;
}

std::string at_index(const std::string& at, std::size_t index) { return at + "[" + std::to_string(index) + "]"; }

std::string at_key(const std::string& at, std::string_view key) {
  return at.empty() ? std::string(key) : at + "." + std::string(key);
}

std::optional<double> read_number(const Json& value, const std::string& at, std::string& got) {
  if (value.is_number()) return value.get<double>();
  got = located(describe(value), at);
  return std::nullopt;
}

std::optional<std::int64_t> read_whole(const Json& value, std::int64_t min, std::int64_t max, const std::string& at,
                                       std::string& got) {
  std::optional<std::int64_t> whole;
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) whole = static_cast<std::int64_t>(u);
  } else if (value.is_number_integer()) {
    whole = value.get<std::int64_t>();
  } else if (value.is_number_float()) {
    // 2.0 is as good as 2; 2^63 and beyond do not fit an int64 at all.
    const double d = value.get<double>();
    if (std::trunc(d) == d && d >= -0x1p63 && d < 0x1p63) whole = static_cast<std::int64_t>(d);
  } else {
    got = located(describe(value), at);
    return std::nullopt;
  }
  if (!whole || *whole < min || *whole > max) {
    got = located(value.dump(), at);
    return std::nullopt;
  }
  return whole;
}

bool read_floats(const Json& value, float* out, std::size_t count, const std::string& at, std::string& got) {
  if (!value.is_array() || value.size() != count) {
    got = located(describe(value), at);
    return false;
  }
  for (std::size_t i = 0; i < count; ++i) {
    auto number = read_number(value[i], at_index(at, i), got);
    if (!number) return false;
    out[i] = f32_from(*number);
  }
  return true;
}

std::optional<Vector3> read_vector3(const Json& value, const std::string& at, std::string& got) {
  std::array<float, 3> f{};
  if (!read_floats(value, f.data(), 3, at, got)) return std::nullopt;
  return Vector3{f[0], f[1], f[2]};
}

const Json* read_field(const Json& object, std::string_view key, const std::string& at, std::string& got) {
  if (!object.is_object()) {
    got = located(describe(object), at);
    return nullptr;
  }
  auto it = object.find(std::string(key));
  if (it == object.end()) {
    got = located("an object without \"" + std::string(key) + "\"", at);
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> explicit_type_of(const Json& value) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const std::string& key = value.begin().key();
  if (std::find(k_type_names.begin(), k_type_names.end(), key) == k_type_names.end()) return std::nullopt;
  return key;
}

Result<Variant> decode_explicit(const Json& value, const rbx::reflection::Database& database) {
  auto type = explicit_type_of(value);
  if (!type) {
    return Error(ErrorCode::invalid_input,
                 "expected an explicit value such as {\"Vector3\": [1, 2, 3]}, got " + describe(value));
  }
  return decode_explicit_body(*type, value.begin().value(), database);
}

Result<Variant> decode_explicit_body(std::string_view type, const Json& body,
                                     const rbx::reflection::Database& database) {
  if (auto structured = decode_structured_body(type, body, database)) return std::move(*structured);
  return decode_flat(type, body, database);
}

}  // namespace rbxpipe::rojo::detail
