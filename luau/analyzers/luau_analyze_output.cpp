#include "luau/analyzers/luau_analyze_output.h"

#include <charconv>
#include <optional>

namespace rbxpipe::luau::analyzers {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_word_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

std::optional<int> to_int(std::string_view digits) {
  int value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `FILE(LINE,COL): KIND: MESSAGE`. File names may hold parentheses, so every "): " is tried from the left.
std::optional<base::Diagnostic> parse_finding(std::string_view line) {
  for (std::size_t close = line.find("): "); close != std::string_view::npos; close = line.find("): ", close + 1)) {
    std::size_t col_start = close;
    while (col_start > 0 && is_digit(line[col_start - 1])) --col_start;
    if (col_start == close || col_start == 0 || line[col_start - 1] != ',') continue;
    const std::size_t comma = col_start - 1;
    std::size_t line_start = comma;
    while (line_start > 0 && is_digit(line[line_start - 1])) --line_start;
    if (line_start == comma || line_start < 2 || line[line_start - 1] != '(') continue;
    const std::size_t open = line_start - 1;

    const std::string_view rest = line.substr(close + 3);
    const std::size_t kind_end = rest.find(": ");
    if (kind_end == std::string_view::npos || kind_end == 0) continue;
    const std::string_view kind = rest.substr(0, kind_end);
    bool word = true;
    for (char c : kind) word = word && is_word_char(c);
    if (!word) continue;

    const auto line_number = to_int(line.substr(line_start, comma - line_start));
    const auto column = to_int(line.substr(col_start, close - col_start));
    if (!line_number || !column) continue;
    base::Diagnostic diagnostic;
    diagnostic.severity = kind == "SyntaxError" ? base::Severity::error : base::Severity::warning;
    diagnostic.code = std::string(k_luau_analyze_code_prefix) + std::string(kind);
    diagnostic.message = std::string(trim(rest.substr(kind_end + 2)));
    diagnostic.file = std::string(line.substr(0, open));
    diagnostic.location = {*line_number, *column};
    return diagnostic;
  }
  return std::nullopt;
}

// Lines where luau-analyze reports a failure of its own rather than a finding in a script.
bool is_tool_error(std::string_view line) {
  return line.starts_with("Error opening ") || line.starts_with("Failed to find result for ") ||
         line.find("ASSERTION FAILED") != std::string_view::npos ||
         line.find(".luaurc: ") != std::string_view::npos || line.find(".config.luau: ") != std::string_view::npos;
}

}  // namespace

ParsedOutput parse_luau_analyze_output(std::string_view text, const SourceLookup& sources) {
  ParsedOutput parsed;
  bool continuing = false;  // the previous line was a finding or its continuation
  for (std::string_view line : split_lines(text)) {
    if (trim(line).empty()) {
      continuing = false;
      continue;
    }
    if (auto finding = parse_finding(line)) {
      parsed.diagnostics.push_back(std::move(*finding));
      continuing = true;
    } else if (is_tool_error(line)) {
      parsed.errors.emplace_back(trim(line));
      continuing = false;
    } else if (continuing) {
      // A long type error ("... could not be converted into ...", "caused by:", ...) goes on over several lines.
      auto& message = parsed.diagnostics.back().message;
      message += ' ';
      message += trim(line);
    } else {
      parsed.other.emplace_back(trim(line));
    }
  }
  for (auto& diagnostic : parsed.diagnostics) attach_source_line(diagnostic, sources);
  return parsed;
}

}  // namespace rbxpipe::luau::analyzers
