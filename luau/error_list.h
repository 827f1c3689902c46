#pragma once
// ErrorList: the syntax errors of one parse, shared by the lexer and the parser (internal).
// It keeps at most 100 errors (then one "too many errors" and a stop), drops a second error at the same byte, and
// hands the diagnostics back ordered by position.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"

namespace rbxpipe::luau {

/// Collects located syntax errors for one source.
class ErrorList {
 public:
  /// Errors kept before the parse stops.
  static constexpr int k_limit = 100;

  /// Errors about `source`.
  explicit ErrorList(const base::SourceText& source) : m_source(source) {}

  /// Records an error at byte `offset` underlining `length` bytes; ignored once stopped.
  void report(std::string_view code, std::uint32_t offset, std::string message, int length = 0);
  /// Records a fatal error and stops: later reports are ignored and the parser winds down.
  void fatal(std::string_view code, std::uint32_t offset, std::string message);
  /// True once the limit was hit or a fatal error was recorded.
  bool stopped() const { return m_stopped; }
  /// Number of errors recorded.
  std::size_t size() const { return m_entries.size(); }
  /// The diagnostics ordered by position (stable for equal positions).
  std::vector<base::Diagnostic> take();
  /// The source the errors are about.
  const base::SourceText& source() const { return m_source; }

 private:
  struct Entry {
    std::uint32_t offset;
    base::Diagnostic diagnostic;
  };
  void add(std::string_view code, std::uint32_t offset, std::string message, int length);

  const base::SourceText& m_source;
  std::vector<Entry> m_entries;
  std::uint32_t m_last_offset = 0xffffffffu;
  bool m_stopped = false;
};

}  // namespace rbxpipe::luau
