#include "luau/analyzers/tool_output.h"

namespace rbxpipe::luau::analyzers {
namespace {

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The end of the JSON object or array starting at `start`, or npos when it never closes.
std::size_t json_end(std::string_view text, std::size_t start) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<JsonPiece> split_json_values(std::string_view text) {
  std::vector<JsonPiece> pieces;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c == '{' || c == '[') {
      const std::size_t end = json_end(text, i);
      if (end != std::string_view::npos) {
        pieces.push_back({text.substr(i, end - i), true});
        i = end;
        continue;
      }
    }
    std::size_t line_end = text.find('\n', i);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(i, line_end - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_blank(line)) pieces.push_back({line, false});
    i = line_end;
  }
  return pieces;
}

void attach_source_line(base::Diagnostic& diagnostic, const SourceLookup& sources) {
  if (!sources || diagnostic.location.line <= 0) return;
  if (const base::SourceText* source = sources(diagnostic.file)) {
    diagnostic.source_line = std::string(source->line(diagnostic.location.line));
  }
}

base::SourceLocation locate_offset(const SourceLookup& sources, const std::string& file, std::size_t offset,
                                   base::SourceLocation fallback) {
  if (!sources) return fallback;
  const base::SourceText* source = sources(file);
  if (source == nullptr || offset > source->text().size()) return fallback;
  return source->locate(offset);
}

}  // namespace rbxpipe::luau::analyzers
