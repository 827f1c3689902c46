#pragma once
// Internal to base/: the compiled form of a JsonSchema, shared by its compiler and its checker.
// It exposes nlohmann_json, so only base/json_schema*.cpp include it.

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_schema.h"

namespace rbxpipe::base::detail {

/// Object members keep their document order, so violations can be reported in that order.
using Json = nlohmann::ordered_json;

/// One JSON type per bit; a node's `types` is the union it accepts (0 accepts anything).
enum TypeBit : unsigned {
  k_type_null = 1u << 0,
  k_type_boolean = 1u << 1,
  k_type_object = 1u << 2,
  k_type_array = 1u << 3,
  k_type_number = 1u << 4,
  k_type_string = 1u << 5,
  k_type_integer = 1u << 6,
};

/// A regular expression together with its text, which messages quote.
struct SchemaPattern {
  std::string source;  ///< the pattern as written in the schema
  std::regex regex;    ///< compiled once, ECMAScript syntax
};

/// One schema object with its keywords decoded; subschemas are indices into SchemaGraph::nodes.
struct SchemaNode {
  std::string where;                 ///< the node's location in the schema ("#/properties/name"), for errors
  bool reject_all = false;           ///< the schema `false`
  unsigned types = 0;                ///< accepted TypeBits; 0 when the node has no `type`
  std::vector<std::pair<std::string, std::size_t>> properties;          ///< `properties`, in schema order
  std::vector<std::pair<SchemaPattern, std::size_t>> pattern_properties;  ///< `patternProperties`
  std::vector<std::string> required;                                    ///< `required`
  bool additional_forbidden = false;           ///< `additionalProperties: false`
  std::optional<std::size_t> additional;       ///< `additionalProperties` as a schema
  std::optional<std::size_t> property_names;   ///< `propertyNames`
  std::optional<std::size_t> items;            ///< `items`
  std::optional<Json> enum_values;             ///< `enum` (an array)
  std::optional<Json> const_value;             ///< `const`
  std::optional<SchemaPattern> pattern;        ///< `pattern`
  std::optional<Json> minimum;                 ///< `minimum`
  std::optional<Json> maximum;                 ///< `maximum`
  std::optional<Json> exclusive_minimum;       ///< `exclusiveMinimum`
  std::optional<Json> exclusive_maximum;       ///< `exclusiveMaximum`
  std::optional<std::size_t> min_length;       ///< `minLength`, in code points
  std::optional<std::size_t> max_length;       ///< `maxLength`, in code points
  std::optional<std::size_t> min_items;        ///< `minItems`
  std::optional<std::size_t> max_items;        ///< `maxItems`
  std::optional<std::size_t> min_properties;   ///< `minProperties`
  std::optional<std::size_t> max_properties;   ///< `maxProperties`
  bool unique_items = false;                   ///< `uniqueItems`
  std::vector<std::size_t> any_of;             ///< `anyOf` branches
  std::vector<std::size_t> one_of;             ///< `oneOf` branches
  std::optional<std::size_t> ref;              ///< the `$defs` node a `$ref` points at
  std::optional<std::string> error_message;    ///< the `errorMessage` annotation, replacing pattern wording
};

/// Every node of a compiled schema; `root` is where validation starts.
struct SchemaGraph {
  std::vector<SchemaNode> nodes;  ///< all nodes; indices are stable
  std::size_t root = 0;           ///< the document's top-level schema
};

/// Validates a parsed value against `graph`, returning violations in document order.
std::vector<SchemaViolation> check_value(const SchemaGraph& graph, const Json& value);

/// The TypeBits a value has (an integer has both k_type_integer and k_type_number).
unsigned type_bits_of(const Json& value);

/// "a string", "an integer", ... for the type of `value`.
std::string type_word(const Json& value);

/// "a string or null", "a string, an integer or null" for a set of TypeBits.
std::string type_words(unsigned types);

/// `value` for a message: scalars as JSON (long strings shortened), containers as "an object"/"an array".
std::string render_value(const Json& value);

/// Joins alternatives as "a, b or c".
std::string join_alternatives(const std::vector<std::string>& items, std::string_view last_separator);

/// The allowed name closest to `key` (same letters in another case, or at most two edits), or "" when none is.
std::string closest_name(std::string_view key, const std::vector<std::string_view>& candidates);

/// Length of a UTF-8 string in code points, as minLength/maxLength count it.
std::size_t code_point_count(std::string_view text);

/// -1, 0 or 1 as `value` is below, equal to or above `limit`; exact for integers of any sign.
int compare_numbers(const Json& value, const Json& limit);

}  // namespace rbxpipe::base::detail
