#pragma once
// SourceText: a file's bytes plus a line index, to turn byte offsets into line:col and fetch a line for display.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rbxpipe::base {

/// A 1-based line and 1-based byte column; {0, 0} means "no position" (a diagnostic about a whole file).
struct SourceLocation {
  int line = 0;    ///< 1-based line, 0 when unknown
  int column = 0;  ///< 1-based byte column, 0 when unknown
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// The contents of one source file, indexed by line.
class SourceText {
 public:
  /// Indexes `text`, which came from `path` (used only for messages).
  SourceText(std::string path, std::string text);

  /// The path the text came from.
  const std::string& path() const { return m_path; }
  /// The whole text.
  const std::string& text() const { return m_text; }
  /// line:col of a byte offset (offsets past the end map to the end).
  SourceLocation locate(std::size_t offset) const;
  /// The text of a 1-based line without its line ending; empty when out of range.
  std::string_view line(int line) const;
  /// Number of lines (a trailing newline does not start a new line).
  int line_count() const;

 private:
  std::string m_path;
  std::string m_text;
  std::vector<std::size_t> m_line_starts;
};

}  // namespace rbxpipe::base
