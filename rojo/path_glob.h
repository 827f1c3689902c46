#pragma once
// PathGlob: glob patterns with the semantics Rojo's project files use (the globset crate's defaults): `*` and `?`
// also match `/`, `**/` matches zero or more folders, `[...]` classes and `{a,b}` alternatives.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::rojo {

/// One compiled pattern.
class PathGlob {
 public:
  /// Compiles `pattern`; invalid_input for an unclosed `[` or `{`.
  static base::Result<PathGlob> compile(std::string_view pattern);

  /// True when `path` (forward slashes) matches the whole pattern.
  bool matches(std::string_view path) const;

  /// The pattern as written.
  const std::string& pattern() const { return m_pattern; }

 private:
  std::string m_pattern;
  std::vector<std::string> m_alternatives;  // the pattern with every {a,b} expanded
};

/// globIgnorePaths: gitignore-style rules where a leading `!` re-includes and the last matching rule wins
/// (`\!` matches a literal `!`).
class IgnoreRules {
 public:
  /// Compiles the rules; invalid_input naming the first bad pattern.
  static base::Result<IgnoreRules> compile(const std::vector<std::string>& patterns);

  /// True when `relative_path` (relative to the project folder) is ignored.
  bool ignores(std::string_view relative_path) const;
  /// True when there are no rules.
  bool empty() const { return m_rules.empty(); }

 private:
  struct Rule {
    PathGlob glob;
    bool negated = false;
  };
  std::vector<Rule> m_rules;
};

}  // namespace rbxpipe::rojo
