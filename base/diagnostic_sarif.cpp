#include "base/diagnostic_sarif.h"

#include <map>
#include <nlohmann/json.hpp>

namespace rbxpipe::base {
namespace {

using Json = nlohmann::ordered_json;

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

// Our columns count bytes; SARIF's default column kind counts UTF-16 code units. The source line, when the
// diagnostic carries it, says how many of each the prefix holds (bytes past its end count one each).
int utf16_column(const std::string& line, int byte_column) {
  if (byte_column <= 1 || line.empty()) return byte_column;
  const auto prefix = static_cast<std::size_t>(byte_column - 1);
  int units = 0;
  for (std::size_t i = 0; i < prefix; ++i) {
    if (i >= line.size()) {
      ++units;
      continue;
    }
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;  // continuation byte: counted with its lead
    units += (byte & 0xF8) == 0xF0 ? 2 : 1;  // four-byte sequences are surrogate pairs in UTF-16
  }
  return units + 1;
}

Json location_of(const Diagnostic& diagnostic) {
  Json physical;
  physical["artifactLocation"] = {{"uri", sarif_uri(diagnostic.file)}};
  if (diagnostic.location.line > 0) {
    Json region;
    region["startLine"] = diagnostic.location.line;
    if (diagnostic.location.column > 0) {
      region["startColumn"] = utf16_column(diagnostic.source_line, diagnostic.location.column);
      if (diagnostic.length > 1) {
        region["endColumn"] = utf16_column(diagnostic.source_line, diagnostic.location.column + diagnostic.length);
      }
    }
    physical["region"] = std::move(region);
  }
  return Json{{"physicalLocation", std::move(physical)}};
}

}  // namespace

std::string sarif_uri(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string uri;
  if (path.starts_with("/")) uri = "file://";
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (c == '\\') {
      uri += '/';
    } else if (unreserved) {
      uri += c;
    } else {
      uri += '%';
      uri += k_hex[byte >> 4];
      uri += k_hex[byte & 0x0F];
    }
  }
  return uri;
}

std::string render_sarif(std::span<const Diagnostic> diagnostics, const SarifOptions& options) {
  std::map<std::string, int> rule_index;
  for (const auto& diagnostic : diagnostics) rule_index.emplace(diagnostic.code, 0);
  Json rules = Json::array();
  int next = 0;
  for (auto& [code, index] : rule_index) {
    index = next++;
    rules.push_back(Json{{"id", code}});
  }

  Json driver;
  driver["name"] = options.tool_name;
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  driver["rules"] = std::move(rules);

  Json results = Json::array();
  for (const auto& diagnostic : diagnostics) {
    Json result;
    result["ruleId"] = diagnostic.code;
    result["ruleIndex"] = rule_index.at(diagnostic.code);
    result["level"] = sarif_level(diagnostic.severity);
    result["message"] = {{"text", diagnostic.message}};
    if (!diagnostic.file.empty()) result["locations"] = Json::array({location_of(diagnostic)});
    if (!diagnostic.help.empty()) result["properties"] = {{"help", diagnostic.help}};
    results.push_back(std::move(result));
  }

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = std::move(results);

  Json log;
  log["$schema"] = k_sarif_schema;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  // Replacement keeps invalid UTF-8 in user content from turning into an exception while rendering.
  return log.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace rbxpipe::base
