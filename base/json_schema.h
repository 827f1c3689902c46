#pragma once
// A JSON Schema (draft 2020-12 subset) validator whose findings carry JSON Pointers, so callers can locate them.
// Supported keywords: type, properties, required, additionalProperties, propertyNames, patternProperties, items,
// enum, const, pattern, minimum, maximum, exclusiveMinimum, minLength, maxLength, minItems, maxItems, uniqueItems,
// minProperties, maxProperties, anyOf, oneOf, $ref (local "#/$defs/..."), $defs; annotations are ignored.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::base {

/// What kind of rule a value broke; callers map kinds to their own diagnostic codes.
enum class SchemaViolationKind {
  unknown_property,  ///< a key the schema does not allow (located at the key)
  wrong_type,        ///< a value of the wrong JSON type
  missing_property,  ///< a required key is absent (located at the enclosing object)
  invalid_value,     ///< enum, const, pattern, range, length or uniqueness failed
};

/// One broken rule.
struct SchemaViolation {
  SchemaViolationKind kind;
  std::string pointer;  ///< JSON Pointer of the offending value (the object, for missing_property)
  std::string message;  ///< user-facing sentence, e.g. "unknown key 'verison' (did you mean 'version'?)"
  bool about_key = false;  ///< the problem is the member's key itself (unknown key, propertyNames), not its value
};

/// A compiled schema.
class JsonSchema {
 public:
  /// Parses a schema document; invalid_input when it is not JSON or uses an unsupported $ref.
  static Result<JsonSchema> parse(std::string_view schema_json);
  ~JsonSchema();
  JsonSchema(JsonSchema&&) noexcept;
  JsonSchema& operator=(JsonSchema&&) noexcept;

  /// Validates strict JSON text; every violation is reported, in document order. Unparseable text is one
  /// wrong_type violation at the root.
  std::vector<SchemaViolation> validate(std::string_view json_text) const;

 private:
  JsonSchema();
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace rbxpipe::base
