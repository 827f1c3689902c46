#include "pipeline/json_input.h"

#include <map>
#include <mutex>
#include <string>

#include "base/embedded_files.h"
#include "base/json_schema.h"

namespace rbxpipe::pipeline {

namespace {

// Schemas are compiled once per process: every project load would otherwise re-parse the same shipped text.
const base::JsonSchema* shipped_schema(std::string_view path) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<base::JsonSchema>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto found = cache.find(path);
  if (found == cache.end()) {
    std::optional<base::JsonSchema> compiled;
    if (auto text = base::read_config_file(path)) {
      if (auto schema = base::JsonSchema::parse(*text)) compiled.emplace(std::move(schema).value());
    }
    found = cache.emplace(std::string(path), std::move(compiled)).first;
  }
  return found->second ? &*found->second : nullptr;
}

std::string_view suffix_for(base::SchemaViolationKind kind) {
  switch (kind) {
    case base::SchemaViolationKind::unknown_property: return "0001";
    case base::SchemaViolationKind::wrong_type: return "0002";
    case base::SchemaViolationKind::missing_property: return "0003";
    case base::SchemaViolationKind::invalid_value: return "0004";
  }
  return "0004";
}

}  // namespace

JsonInput read_json_input(const base::SourceText& source, std::string_view schema_path, std::string_view code_prefix,
                          std::vector<base::Diagnostic>& diagnostics) {
  JsonInput input{base::JsoncDocument::parse(source), std::nullopt};
  for (const auto& diagnostic : input.document.diagnostics()) diagnostics.push_back(diagnostic);
  if (!input.document.ok()) return input;

  const base::JsonSchema* schema = shipped_schema(schema_path);
  if (schema == nullptr) {
    base::Diagnostic broken;
    broken.code = "RBXP0001";
    broken.message = "the shipped schema '" + std::string(schema_path) + "' could not be loaded";
    broken.file = source.path();
    diagnostics.push_back(std::move(broken));
  } else {
    for (const auto& violation : schema->validate(input.document.json())) {
      bool at_key = violation.about_key || violation.kind == base::SchemaViolationKind::unknown_property;
      diagnostics.push_back(input.document.diagnose(base::Severity::error,
                                                    std::string(code_prefix) + std::string(suffix_for(violation.kind)),
                                                    violation.message, violation.pointer, at_key));
    }
  }
  input.value = nlohmann::ordered_json::parse(input.document.json(), nullptr, false);
  if (input.value->is_discarded()) input.value.reset();
  return input;
}

std::optional<std::string> json_optional_string(const nlohmann::ordered_json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

}  // namespace rbxpipe::pipeline
