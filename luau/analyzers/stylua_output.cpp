#include "luau/analyzers/stylua_output.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace rbxpipe::luau::analyzers {
namespace {

using Json = nlohmann::json;

std::string string_field(const Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

int int_field(const Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<int>() : 0;
}

base::Diagnostic format_warning(std::string file, int line, std::size_t regions) {
  base::Diagnostic diagnostic;
  diagnostic.severity = base::Severity::warning;
  diagnostic.code = std::string(k_stylua_format_code);
  diagnostic.message = "not formatted as StyLua formats it";
  if (regions > 1) diagnostic.message += " (" + std::to_string(regions) + " places; the first is here)";
  diagnostic.help = "run stylua on this file to format it";
  diagnostic.file = std::move(file);
  diagnostic.location = {line, 1};
  return diagnostic;
}

// The 1-based line where a mismatch first differs: its hunk holds whole lines, but may start with lines that only
// change further on (a statement split over two lines keeps its first line, say).
int first_changed_line(const Json& mismatch) {
  const std::string original = string_field(mismatch, "original");
  const std::string expected = string_field(mismatch, "expected");
  const auto before = split_lines(original);
  const auto after = split_lines(expected);
  std::size_t same = 0;
  while (same < before.size() && same < after.size() && before[same] == after[same]) ++same;
  const int start = int_field(mismatch, "original_start_line");
  const int end = std::max(int_field(mismatch, "original_end_line"), start);
  return std::min(start + static_cast<int>(same), end) + 1;
}

void read_json_file_report(const Json& object, ParsedOutput& parsed) {
  const auto mismatches = object.find("mismatches");
  if (mismatches == object.end() || !mismatches->is_array() || mismatches->empty()) return;
  parsed.diagnostics.push_back(
      format_warning(string_field(object, "file"), first_changed_line(mismatches->front()), mismatches->size()));
}

// "Diff in FILE:" followed by lines "OLD NEW |<marker>text", OLD empty for added lines.
void read_plain_diff(std::string_view out, ParsedOutput& parsed) {
  std::string file;
  int first_line = 0;
  int last_old_line = 0;
  std::size_t regions = 0;
  bool in_change = false;
  auto flush = [&] {
    if (!file.empty() && regions > 0) parsed.diagnostics.push_back(format_warning(file, first_line, regions));
    file.clear();
    first_line = last_old_line = 0;
    regions = 0;
    in_change = false;
  };
  for (std::string_view line : split_lines(out)) {
    if (line.starts_with("Diff in ") && line.ends_with(":")) {
      flush();
      file = std::string(line.substr(8, line.size() - 9));
      continue;
    }
    const std::size_t bar = line.find('|');
    if (file.empty() || bar == std::string_view::npos || bar + 1 >= line.size()) {
      if (line.find_first_not_of(" \t") != std::string_view::npos && file.empty()) parsed.other.emplace_back(line);
      continue;
    }
    const char marker = line[bar + 1];
    int old_line = 0;
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') old_line = std::atoi(std::string(line.substr(0, bar)).c_str());
    if (marker == '-' || marker == '+') {
      if (!in_change) {
        ++regions;
        if (regions == 1) first_line = old_line > 0 ? old_line : last_old_line + 1;
      }
      in_change = true;
    } else {
      in_change = false;
    }
    if (old_line > 0) last_old_line = old_line;
  }
  flush();
}

void read_parse_errors(const Json& array, const SourceLookup& sources, ParsedOutput& parsed) {
  for (const auto& item : array) {
    if (!item.is_object()) continue;
    if (string_field(item, "type") != "parse_error") {
      parsed.errors.push_back(string_field(item, "message"));
      continue;
    }
    base::Diagnostic diagnostic;
    diagnostic.severity = base::Severity::warning;
    diagnostic.code = std::string(k_stylua_parse_code);
    diagnostic.message = "StyLua cannot parse this file: " + string_field(item, "message");
    diagnostic.file = string_field(item, "filename");
    const Json location = item.contains("location") && item["location"].is_object() ? item["location"] : Json::object();
    const int start = int_field(location, "start");
    const int end = int_field(location, "end");
    diagnostic.location = locate_offset(sources, diagnostic.file, static_cast<std::size_t>(std::max(start, 0)),
                                        {int_field(location, "start_line"), int_field(location, "start_column")});
    if (end > start && int_field(location, "end_line") == int_field(location, "start_line"))
      diagnostic.length = end - start;
    attach_source_line(diagnostic, sources);
    parsed.diagnostics.push_back(std::move(diagnostic));
  }
}

}  // namespace

ParsedOutput parse_stylua_output(std::string_view out, std::string_view err, const SourceLookup& sources) {
  ParsedOutput parsed;
  if (out.find("Diff in ") != std::string_view::npos && out.find("\"mismatches\"") == std::string_view::npos) {
    read_plain_diff(out, parsed);
  } else {
    for (const JsonPiece& piece : split_json_values(out)) {
      const Json object = piece.is_json ? Json::parse(piece.text, nullptr, false) : Json();
      if (object.is_object() && object.contains("mismatches")) {
        read_json_file_report(object, parsed);
      } else {
        parsed.other.emplace_back(piece.text);
      }
    }
  }
  for (const JsonPiece& piece : split_json_values(err)) {
    const Json value = piece.is_json ? Json::parse(piece.text, nullptr, false) : Json();
    if (value.is_array()) {
      read_parse_errors(value, sources, parsed);
    } else if (value.is_object()) {
      parsed.errors.push_back(string_field(value, "message"));
    } else if (piece.text.starts_with("error: ")) {
      parsed.errors.emplace_back(piece.text.substr(7));
    } else {
      parsed.other.emplace_back(piece.text);
    }
  }
  for (auto& diagnostic : parsed.diagnostics) {
    if (diagnostic.source_line.empty()) attach_source_line(diagnostic, sources);
  }
  return parsed;
}

}  // namespace rbxpipe::luau::analyzers
