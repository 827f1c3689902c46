// Resolving property and attribute values written in Rojo's JSON forms. Explicit values (`{"Vector3": [1, 2, 3]}`)
// are tried first, as Rojo's untagged UnresolvedValue does; anything else is implicit and typed by the property's
// declared type (src/resolution.rs). Results go through reflection::canonicalize, so a resolved value has the name
// and type the Dom holds for what a file reader would have produced from the same property.
#include "rojo/value_resolver.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rbx/reflection/serialization.h"
#include "rojo/value_json.h"

namespace rbxpipe::rojo {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
using detail::Json;
using rbx::reflection::Database;
using rbx::reflection::PropertyDescriptor;
using namespace rbx::types;

// Enums with at most this many items are listed whole when a name is wrong; larger ones list the closest items.
constexpr std::size_t k_list_whole_enum = 12;
constexpr std::size_t k_closest_items = 5;
// A misspelt property name is suggested when it is this close to a real one.
constexpr std::size_t k_suggest_distance = 2;

constexpr std::string_view k_explicit_hint = "{\"Vector3\": [1, 2, 3]}";

constexpr std::int64_t k_i32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t k_i32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t k_i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t k_i64_max = std::numeric_limits<std::int64_t>::max();

std::optional<Json> parse(std::string_view text) {
  Json value = Json::parse(text, nullptr, false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

// Levenshtein distance, for suggesting the name that was probably meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// `names` sorted by closeness to `wanted`, ties by name.
std::vector<std::string> by_closeness(std::vector<std::string> names, std::string_view wanted) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  scored.reserve(names.size());
  for (std::string& name : names) scored.emplace_back(edit_distance(wanted, name), std::move(name));
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  out.reserve(scored.size());
  for (auto& entry : scored) out.push_back(std::move(entry.second));
  return out;
}

std::string join(const std::vector<std::string>& names, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count && i < names.size(); ++i) out += (i == 0 ? "" : ", ") + names[i];
  return out;
}

std::string subject(std::string_view class_name, std::string_view property) {
  return std::string(class_name) + "." + std::string(property);
}

Error unknown_property(const Database& database, std::string_view class_name, std::string_view property) {
  if (database.find_class(class_name) == nullptr) {
    return Error(ErrorCode::not_found, std::string(class_name) + " is not a class the reflection database knows, so " +
                                           subject(class_name, property) + " needs an explicit value such as " +
                                           std::string(k_explicit_hint));
  }
  std::vector<std::string> names;
  for (std::string current(class_name); !current.empty();) {
    const auto* descriptor = database.find_class(current);
    if (descriptor == nullptr) break;
    for (const auto& entry : descriptor->properties) names.push_back(entry.first);
    current = descriptor->superclass;
  }
  auto closest = by_closeness(std::move(names), property);
  std::string message = std::string(class_name) + " has no property '" + std::string(property) + "'";
  if (!closest.empty() && edit_distance(property, closest.front()) <= k_suggest_distance) {
    message += "; did you mean '" + closest.front() + "'?";
  } else {
    message += "; a property the reflection database does not know needs an explicit value such as " +
               std::string(k_explicit_hint);
  }
  return Error(ErrorCode::not_found, std::move(message));
}

Result<Variant> resolve_enum(const Database& database, const std::string& what, const PropertyDescriptor& property,
                             const Json& value) {
  const auto* descriptor = database.find_enum(property.enum_name);
  if (descriptor == nullptr || descriptor->items.empty()) {
    return Error(ErrorCode::internal, what + " is of Enum." + property.enum_name +
                                          ", which the reflection database does not define");
  }
  if (!value.is_string()) {
    // The item with the lowest value makes the example (usually the default one).
    auto lowest = std::min_element(descriptor->items.begin(), descriptor->items.end(),
                                   [](const auto& a, const auto& b) { return a.second < b.second; });
    return Error(ErrorCode::invalid_input, what + " expects Enum." + property.enum_name + " (an item name such as \"" +
                                               lowest->first + "\"), got " + detail::describe(value));
  }
  const auto& name = value.get_ref<const std::string&>();
  if (auto item = descriptor->item_value(name)) return Variant(Enum{*item});
  std::vector<std::string> items;
  for (const auto& entry : descriptor->items) items.push_back(entry.first);  // sorted: the map's order
  std::string message = what + ": Enum." + property.enum_name + " has no item '" + name + "'; ";
  if (items.size() <= k_list_whole_enum) {
    message += "valid items: " + join(items, items.size());
  } else {
    message += "closest valid items: " + join(by_closeness(std::move(items), name), k_closest_items) + " (and " +
               std::to_string(descriptor->items.size() - k_closest_items) + " more)";
  }
  return Error(ErrorCode::invalid_input, std::move(message));
}

// An explicit value of `type` for messages that ask for one.
std::string explicit_example(VariantType type) {
  switch (type) {
    case VariantType::UDim: return "{\"UDim\": [0.5, 10]}";
    case VariantType::UDim2: return "{\"UDim2\": [[0, 100], [0, 50]]}";
    case VariantType::Ray: return "{\"Ray\": {\"origin\": [0, 0, 0], \"direction\": [0, 0, -1]}}";
    case VariantType::Faces: return "{\"Faces\": [\"Top\", \"Bottom\"]}";
    case VariantType::Axes: return "{\"Axes\": [\"X\", \"Y\"]}";
    case VariantType::BrickColor: return "{\"BrickColor\": 194}";
    case VariantType::Color3uint8: return "{\"Color3uint8\": [255, 128, 0]}";
    case VariantType::Vector2int16: return "{\"Vector2int16\": [1, 2]}";
    case VariantType::Vector3int16: return "{\"Vector3int16\": [1, 2, 3]}";
    case VariantType::OptionalCFrame:
      return "{\"OptionalCFrame\": {\"position\": [0, 0, 0], \"orientation\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}}";
    case VariantType::EnumItem: return "{\"EnumItem\": {\"type\": \"Material\", \"value\": 256}}";
    case VariantType::NumberSequence:
      return "{\"NumberSequence\": {\"keypoints\": [{\"time\": 0, \"value\": 0, \"envelope\": 0}, "
             "{\"time\": 1, \"value\": 1, \"envelope\": 0}]}}";
    case VariantType::ColorSequence:
      return "{\"ColorSequence\": {\"keypoints\": [{\"time\": 0, \"color\": [1, 1, 1]}, "
             "{\"time\": 1, \"color\": [0, 0, 0]}]}}";
    case VariantType::NumberRange: return "{\"NumberRange\": [1, 2]}";
    case VariantType::Rect: return "{\"Rect\": [[0, 0], [10, 10]]}";
    case VariantType::PhysicalProperties:
      return "{\"PhysicalProperties\": {\"density\": 0.7, \"friction\": 0.3, \"elasticity\": 0.5, "
             "\"frictionWeight\": 1, \"elasticityWeight\": 1}}";
    case VariantType::BinaryString: return "{\"BinaryString\": \"aGVsbG8=\"}";
    case VariantType::SharedString: return "{\"SharedString\": \"aGVsbG8=\"}";
    case VariantType::UniqueId: return "{\"UniqueId\": \"0000000000000001000000010000000a\"}";
    case VariantType::SecurityCapabilities: return "{\"SecurityCapabilities\": 0}";
    default: return std::string(k_explicit_hint);
  }
}

// The implicit shape a declared type takes, or nullopt when the type has none and must be written explicitly.
std::optional<std::string_view> implicit_shape(VariantType type) {
  switch (type) {
    case VariantType::Bool: return "true or false";
    case VariantType::String:
    case VariantType::ProtectedString:
    case VariantType::Content:
    case VariantType::ContentId: return "a string";
    case VariantType::Float32:
    case VariantType::Float64:
    case VariantType::Int32:
    case VariantType::Int64: return "a number";
    case VariantType::Vector2: return "[x, y]";
    case VariantType::Vector3: return "[x, y, z]";
    case VariantType::Color3: return "[r, g, b]";
    case VariantType::CFrame: return "[x, y, z, R00, R01, R02, R10, R11, R12, R20, R21, R22]";
    case VariantType::Tags: return "an array of strings";
    case VariantType::Attributes: return "an object of attribute names to explicit values";
    case VariantType::Font: return "{\"family\": ..., \"weight\": ..., \"style\": ...}";
    case VariantType::MaterialColors: return "an object of terrain material names to [r, g, b]";
    default: return std::nullopt;
  }
}

// Reads an implicit array of `N` numbers, cast to f32; on failure, the message names the expected type.
template <std::size_t N>
Result<std::array<float, N>> implicit_floats(const Json& value, const std::string& expected) {
  std::array<float, N> out{};
  std::string got;
  if (!detail::read_floats(value, out.data(), N, "", got)) return Error(ErrorCode::invalid_input, expected + got);
  return out;
}

Result<Variant> resolve_implicit(const Database& database, const std::string& what, const PropertyDescriptor& property,
                                 const Json& value) {
  const VariantType type = property.type;
  if (type == VariantType::Enum) return resolve_enum(database, what, property, value);
  if (type == VariantType::Ref) {
    return Error(ErrorCode::invalid_input,
                 what + " is a Ref and cannot be set from a value; give the target instance a Rojo_Id attribute "
                        "and this one an attribute named Rojo_Target_" +
                     property.name + " holding that id");
  }
  const auto shape = implicit_shape(type);
  const std::string type_name(variant_type_name(type));
  if (!shape) {
    return Error(ErrorCode::invalid_input, what + " is of type " + type_name +
                                               ", which has no implicit form; write it explicitly, e.g. " +
                                               explicit_example(type));
  }
  const std::string expected = what + " expects " + type_name + " (" + std::string(*shape) + "), got ";
  const auto mismatch = [&] { return Error(ErrorCode::invalid_input, expected + detail::describe(value)); };
  switch (type) {
    case VariantType::Bool:
      if (!value.is_boolean()) return mismatch();
      return Variant(value.get<bool>());
    case VariantType::String:
    case VariantType::ProtectedString:
    case VariantType::Content:
    case VariantType::ContentId: {
      if (!value.is_string()) return mismatch();
      std::string text = value.get<std::string>();
      if (type == VariantType::String) return Variant(std::move(text));
      if (type == VariantType::ProtectedString) return Variant(ProtectedString{std::move(text)});
      if (type == VariantType::ContentId) return Variant(ContentId{std::move(text)});
      // Rojo makes even "" a URI here; only files and migrations turn an empty one into none.
      return Variant(Content{Content::Kind::uri, std::move(text), k_null_instance});
    }
    case VariantType::Float32:
    case VariantType::Float64:
    case VariantType::Int32:
    case VariantType::Int64: {
      if (!value.is_number()) return mismatch();
      if (type == VariantType::Float32) return Variant(detail::f32_from(value.get<double>()));
      if (type == VariantType::Float64) return Variant(value.get<double>());
      // Rust's `as`: truncation toward zero, saturation; integer literals stay exact rather than going through f64.
      if (type == VariantType::Int32) {
        return Variant(static_cast<std::int32_t>(detail::saturating_integer(value, k_i32_min, k_i32_max)));
      }
      return Variant(detail::saturating_integer(value, k_i64_min, k_i64_max));
    }
    case VariantType::Vector2: {
      auto f = implicit_floats<2>(value, expected);
      if (!f) return std::move(f).error();
      return Variant(Vector2{(*f)[0], (*f)[1]});
    }
    case VariantType::Vector3:
    case VariantType::Color3: {
      auto f = implicit_floats<3>(value, expected);
      if (!f) return std::move(f).error();
      // Colours are not clamped here: Color3 holds any float and writers convert to bytes.
      if (type == VariantType::Color3) return Variant(Color3{(*f)[0], (*f)[1], (*f)[2]});
      return Variant(Vector3{(*f)[0], (*f)[1], (*f)[2]});
    }
    case VariantType::CFrame: {
      auto f = implicit_floats<12>(value, expected);
      if (!f) return std::move(f).error();
      CFrame cframe;
      cframe.position = Vector3{(*f)[0], (*f)[1], (*f)[2]};
      std::copy(f->begin() + 3, f->end(), cframe.rotation.begin());  // the rows of the matrix, in order
      return Variant(cframe);
    }
    case VariantType::Tags: {
      if (!value.is_array() || !std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); })) {
        return mismatch();
      }
      Tags tags;
      for (const Json& name : value) tags.names.push_back(name.get<std::string>());
      return Variant(std::move(tags));
    }
    default: {
      // Attributes, Font and MaterialColors: an object decoded like the explicit body of the same type.
      if (!value.is_object()) return mismatch();
      auto decoded = detail::decode_explicit_body(type_name, value, database);
      if (!decoded) return Error(decoded.error().code(), what + ": " + decoded.error().message());
      return decoded;
    }
  }
}

ResolvedProperty canonical(const Database& database, std::string_view class_name, std::string_view property,
                           Variant value) {
  auto [name, canonical_value] = rbx::reflection::canonicalize(database, class_name, property, std::move(value));
  return ResolvedProperty{std::move(name), std::move(canonical_value)};
}

}  // namespace

Result<ResolvedProperty> resolve_property(const Database& database, std::string_view class_name,
                                          std::string_view property, std::string_view json) {
  const std::string what = subject(class_name, property);
  auto value = parse(json);
  if (!value) return Error(ErrorCode::invalid_input, what + ": the value is not valid JSON");
  const PropertyDescriptor* descriptor = database.find_property(class_name, property);
  if (auto type = detail::explicit_type_of(*value)) {
    auto decoded = detail::decode_explicit_body(*type, value->begin().value(), database);
    if (decoded) return canonical(database, class_name, property, std::move(*decoded));
    // {"Color3": {...}} may also be an implicit Attributes object holding one attribute named like a type.
    if (descriptor != nullptr && descriptor->type == VariantType::Attributes) {
      auto attributes = resolve_implicit(database, what, *descriptor, *value);
      if (attributes) return canonical(database, class_name, property, std::move(*attributes));
    }
    return Error(decoded.error().code(), what + ": " + decoded.error().message());
  }
  if (descriptor == nullptr) return unknown_property(database, class_name, property);
  auto resolved = resolve_implicit(database, what, *descriptor, *value);
  if (!resolved) return std::move(resolved).error();
  return canonical(database, class_name, property, std::move(*resolved));
}

Result<Variant> resolve_attribute(const Database& database, std::string_view json) {
  auto value = parse(json);
  if (!value) return Error(ErrorCode::invalid_input, "the attribute value is not valid JSON");
  if (value->is_boolean()) return Variant(value->get<bool>());
  if (value->is_number()) return Variant(value->get<double>());
  if (value->is_string()) return Variant(value->get<std::string>());
  if (!detail::explicit_type_of(*value)) {
    return Error(ErrorCode::invalid_input, "an attribute value must be a bool, a number, a string or an explicit "
                                           "value such as " +
                                               std::string(k_explicit_hint) + ", got " + detail::describe(*value));
  }
  auto decoded = detail::decode_explicit(*value, database);
  if (!decoded) return decoded;
  if (!detail::attribute_can_hold(type_of(*decoded))) return detail::attribute_type_error(type_of(*decoded));
  return decoded;
}

}  // namespace rbxpipe::rojo
