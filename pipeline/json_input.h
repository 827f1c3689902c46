#pragma once
// Internal to pipeline/: reads a JSONC input file, validates it against a shipped schema and reports diagnostics.
// This header exposes nlohmann_json, so only pipeline .cpp files include it.

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/jsonc.h"
#include "base/source_text.h"

namespace rbxpipe::pipeline {

/// A parsed input: the document (for locating) and its value; `value` is empty when the syntax was invalid.
struct JsonInput {
  base::JsoncDocument document;
  std::optional<nlohmann::ordered_json> value;
};

/// Parses `source` as JSONC and validates it against `schema_path` (under config/). Schema violations become
/// diagnostics `<prefix>0001` unknown key, `0002` wrong type, `0003` missing key, `0004` invalid value.
JsonInput read_json_input(const base::SourceText& source, std::string_view schema_path, std::string_view code_prefix,
                          std::vector<base::Diagnostic>& diagnostics);

/// `object[key]` as T when present with the right JSON type, else `fallback` (schema errors are reported already).
template <typename T>
T json_get(const nlohmann::ordered_json& object, const char* key, T fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(key);
  if (found == object.end()) return fallback;
  try {
    return found->template get<T>();
  } catch (const nlohmann::json::exception&) {
    return fallback;
  }
}

/// `object[key]` as a string when it is one, else nullopt (null and absent are both nullopt).
std::optional<std::string> json_optional_string(const nlohmann::ordered_json& object, const char* key);

}  // namespace rbxpipe::pipeline
