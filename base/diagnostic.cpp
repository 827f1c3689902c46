#include "base/diagnostic.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

namespace rbxpipe::base {

namespace {

constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_blue = "\x1b[1;34m";

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::note: return "\x1b[1;36m";
  }
  return "";
}

std::string plural(std::size_t count, std::string_view word) {
  std::string text = std::to_string(count) + " " + std::string(word);
  if (count != 1) text += 's';
  return text;
}

// The caret line copies tabs from the source line so the caret lands under the right character in any tab width.
std::string caret_line(std::string_view source_line, int column, int length) {
  std::string line;
  auto prefix = static_cast<std::size_t>(std::max(column - 1, 0));
  for (std::size_t i = 0; i < prefix; ++i) line += (i < source_line.size() && source_line[i] == '\t') ? '\t' : ' ';
  line += '^';
  // Underline no further than the end of the line: a multi-line token is marked on its first line only.
  auto available = source_line.size() > prefix ? source_line.size() - prefix : 1;
  auto underline = std::min<std::size_t>(static_cast<std::size_t>(std::max(length, 1)), available);
  if (underline > 1) line.append(underline - 1, '~');
  return line;
}

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

Diagnostic make_diagnostic(Severity severity, std::string code, std::string message, const SourceText& source,
                           SourceLocation location, int length) {
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = source.path();
  diagnostic.location = location;
  diagnostic.length = length;
  diagnostic.source_line = std::string(source.line(location.line));
  return diagnostic;
}

std::string render_text(const Diagnostic& diagnostic, const TextRenderOptions& options) {
  auto paint = [&](std::string_view color, std::string_view text) {
    return options.color ? std::string(color) + std::string(text) + std::string(k_reset) : std::string(text);
  };
  std::string header;
  if (!diagnostic.file.empty()) {
    header += diagnostic.file;
    if (diagnostic.location.line > 0) {
      header += ':' + std::to_string(diagnostic.location.line);
      if (diagnostic.location.column > 0) header += ':' + std::to_string(diagnostic.location.column);
    }
    header += ": ";
  }
  std::string text = paint(k_bold, header);
  text += paint(severity_color(diagnostic.severity),
                std::string(severity_name(diagnostic.severity)) + "[" + diagnostic.code + "]");
  text += paint(k_bold, ": " + diagnostic.message);
  text += '\n';

  bool has_source = options.show_source && diagnostic.location.line > 0 && diagnostic.location.column > 0 &&
                    !diagnostic.source_line.empty();
  if (has_source) {
    std::string number = std::to_string(diagnostic.location.line);
    std::string gutter(number.size() + 2, ' ');
    text += paint(k_blue, " " + number + " |") + " " + diagnostic.source_line + '\n';
    text += paint(k_blue, gutter + "|") + " " +
            paint(severity_color(diagnostic.severity),
                  caret_line(diagnostic.source_line, diagnostic.location.column, diagnostic.length)) +
            '\n';
  }
  if (!diagnostic.help.empty()) text += "  " + paint(k_bold, "help:") + " " + diagnostic.help + '\n';
  return text;
}

std::string render_text(std::span<const Diagnostic> diagnostics, const TextRenderOptions& options) {
  if (diagnostics.empty()) return {};
  std::string text;
  for (const auto& diagnostic : diagnostics) text += render_text(diagnostic, options);
  std::vector<std::string> parts;
  auto errors = count_severity(diagnostics, Severity::error);
  auto warnings = count_severity(diagnostics, Severity::warning);
  auto notes = count_severity(diagnostics, Severity::note);
  if (errors > 0) parts.push_back(plural(errors, "error"));
  if (warnings > 0) parts.push_back(plural(warnings, "warning"));
  if (notes > 0) parts.push_back(plural(notes, "note"));
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : ", ") + parts[i];
  text += '\n';
  return text;
}

std::string render_json(std::span<const Diagnostic> diagnostics) {
  auto array = nlohmann::ordered_json::array();
  for (const auto& diagnostic : diagnostics) {
    nlohmann::ordered_json item;
    item["severity"] = severity_name(diagnostic.severity);
    item["code"] = diagnostic.code;
    item["message"] = diagnostic.message;
    item["file"] = diagnostic.file;
    item["line"] = diagnostic.location.line;
    item["column"] = diagnostic.location.column;
    if (diagnostic.length > 1) item["length"] = diagnostic.length;
    if (!diagnostic.help.empty()) item["help"] = diagnostic.help;
    array.push_back(std::move(item));
  }
  // Replacement keeps invalid UTF-8 in user content from turning into an exception while rendering.
  return array.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::size_t count_severity(std::span<const Diagnostic> diagnostics, Severity severity) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

bool has_errors(std::span<const Diagnostic> diagnostics) {
  return count_severity(diagnostics, Severity::error) > 0;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.location.line, a.location.column, a.code) <
           std::tie(b.file, b.location.line, b.location.column, b.code);
  });
}

}  // namespace rbxpipe::base
