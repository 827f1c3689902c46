#pragma once
// Glob patterns over project-relative paths: `*`, `?`, `**`, `[a-z]`, `[!x]` and `{png,jpg}` alternatives.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::base {

/// A compiled glob. Paths are matched with forward slashes, relative to a root; `*` and `?` never cross a `/`,
/// `**` as a whole segment matches zero or more segments. Matching is case-sensitive, as on Linux.
class Glob {
 public:
  /// Compiles `pattern`; invalid_input for unbalanced braces or brackets, empty patterns, absolute paths, `..`
  /// segments or backslashes. On failure, `error_offset` (when given) receives the byte offset of the problem.
  static Result<Glob> compile(std::string_view pattern, std::size_t* error_offset = nullptr);

  /// True when `relative_path` ("images/ui/lava.png") matches.
  bool matches(std::string_view relative_path) const;

  /// The leading folder part without wildcards ("assets/images/" for "assets/images/**/*.png"), possibly empty.
  const std::string& fixed_prefix() const { return m_fixed_prefix; }

  /// The pattern as written.
  const std::string& pattern() const { return m_pattern; }

  /// Every regular file under `root` that matches, as sorted relative paths; symlinks are not followed.
  Result<std::vector<std::string>> expand(const std::filesystem::path& root) const;

 private:
  Glob() = default;
  std::string m_pattern;
  std::string m_fixed_prefix;
  std::vector<std::string> m_alternatives;  // the pattern with every {a,b} expanded
};

}  // namespace rbxpipe::base
