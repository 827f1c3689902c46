#include "luau/analyzers/selene_output.h"

#include <nlohmann/json.hpp>

namespace rbxpipe::luau::analyzers {
namespace {

using Json = nlohmann::json;

std::string string_field(const Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::size_t size_field(const Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_number_unsigned() ? found->get<std::size_t>() : 0;
}

base::Severity severity_of(const std::string& severity, const std::string& code) {
  if (code == "parse_error") return base::Severity::warning;
  if (severity == "Error") return base::Severity::error;
  if (severity == "Warning") return base::Severity::warning;
  return base::Severity::note;
}

base::Diagnostic read_diagnostic(const Json& object, const SourceLookup& sources) {
  const Json& label = object.at("primary_label");
  const Json empty = Json::object();
  const Json& span = label.is_object() && label.contains("span") && label["span"].is_object() ? label["span"] : empty;

  base::Diagnostic diagnostic;
  std::string code = string_field(object, "code");
  diagnostic.severity = severity_of(string_field(object, "severity"), code);
  diagnostic.code = std::string(k_selene_code_prefix) + (code.empty() ? "unknown" : code);
  diagnostic.message = string_field(object, "message");
  const std::string label_message = label.is_object() ? string_field(label, "message") : std::string();
  if (!label_message.empty() && label_message != diagnostic.message) diagnostic.message += ": " + label_message;
  diagnostic.file = label.is_object() ? string_field(label, "filename") : std::string();

  const std::size_t start = size_field(span, "start");
  const std::size_t end = size_field(span, "end");
  // selene's lines and columns are 0-based and count characters; the byte offset is exact when we have the text.
  const base::SourceLocation fallback{static_cast<int>(size_field(span, "start_line")) + 1,
                                      static_cast<int>(size_field(span, "start_column")) + 1};
  diagnostic.location = span.empty() ? base::SourceLocation{} : locate_offset(sources, diagnostic.file, start, fallback);
  if (end > start && size_field(span, "end_line") == size_field(span, "start_line")) {
    diagnostic.length = static_cast<int>(end - start);
  }

  if (auto notes = object.find("notes"); notes != object.end() && notes->is_array()) {
    for (const auto& note : *notes) {
      if (!note.is_string()) continue;
      if (!diagnostic.help.empty()) diagnostic.help += "; ";
      diagnostic.help += note.get<std::string>();
    }
  }
  attach_source_line(diagnostic, sources);
  return diagnostic;
}

}  // namespace

ParsedOutput parse_selene_output(std::string_view out, std::string_view err, const SourceLookup& sources) {
  ParsedOutput parsed;
  for (const JsonPiece& piece : split_json_values(out)) {
    const Json object = piece.is_json ? Json::parse(piece.text, nullptr, false) : Json();
    if (!object.is_object()) {
      parsed.other.emplace_back(piece.text);
      continue;
    }
    // The older "json" style has no "type"; its diagnostics look the same otherwise.
    const std::string type = object.contains("type") ? string_field(object, "type") : "Diagnostic";
    if (type == "Diagnostic" && object.contains("primary_label")) {
      parsed.diagnostics.push_back(read_diagnostic(object, sources));
    } else if (type == "InvalidConfig") {
      parsed.errors.push_back("invalid configuration in " + string_field(object, "source") + ": " +
                              string_field(object, "error"));
    }
    // "Summary" and "Capabilities" say nothing the findings do not.
  }
  for (std::string_view line : split_lines(err)) {
    if (line.starts_with("ERROR: ")) {
      parsed.errors.emplace_back(line.substr(7));
    } else if (line.find_first_not_of(" \t") != std::string_view::npos) {
      parsed.other.emplace_back(line);
    }
  }
  return parsed;
}

}  // namespace rbxpipe::luau::analyzers
