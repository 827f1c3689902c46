#include "rojo/path_glob.h"

#include <cstddef>

namespace rbxpipe::rojo {
namespace {

// Expands the first {a,b} group recursively; nested groups are expanded by the recursion.
base::Result<void> expand_braces(const std::string& pattern, std::vector<std::string>& out) {
  std::size_t open = std::string::npos;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') { ++i; continue; }
    if (pattern[i] == '[') in_class = true;
    else if (pattern[i] == ']') in_class = false;
    else if (pattern[i] == '{' && !in_class) { open = i; break; }
  }
  if (open == std::string::npos) {
    out.push_back(pattern);
    return base::ok();
  }
  int depth = 0;
  std::vector<std::string> options;
  std::string current;
  std::size_t close = std::string::npos;
  for (std::size_t i = open + 1; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) { current += c; current += pattern[++i]; continue; }
    if (c == '{') ++depth;
    if (c == '}') {
      if (depth == 0) { close = i; break; }
      --depth;
    }
    if (c == ',' && depth == 0) { options.push_back(current); current.clear(); continue; }
    current += c;
  }
  if (close == std::string::npos)
    return base::Error{base::ErrorCode::invalid_input, "unclosed '{' in glob '" + pattern + "'"};
  options.push_back(current);
  for (const auto& option : options)
    RBXPIPE_TRY(expand_braces(pattern.substr(0, open) + option + pattern.substr(close + 1), out));
  return base::ok();
}

// Matches a character class starting at pattern[p] == '['; sets `end` past the closing ']'.
bool match_class(std::string_view pattern, std::size_t p, char c, std::size_t& end) {
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    char low = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (c >= low && c <= pattern[i + 2]) matched = true;
      i += 3;
    } else {
      if (c == low) matched = true;
      ++i;
    }
  }
  end = i + 1;
  return matched != negate;
}

// Iterative wildcard matching with one backtrack point per star, which is linear enough for paths.
bool match_here(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  std::size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '*') {
        while (p < pattern.size() && pattern[p] == '*') ++p;
        // `**/` may match nothing at all, including the slash.
        if (p < pattern.size() && pattern[p] == '/' && p >= 2 && pattern[p - 2] == '*' &&
            (p == 2 || pattern[p - 3] == '/')) {
          if (match_here(pattern.substr(p + 1), text.substr(t))) return true;
        }
        star_p = p;
        star_t = t;
        continue;
      }
      if (pc == '?') { ++p; ++t; continue; }
      if (pc == '[') {
        std::size_t end = 0;
        if (match_class(pattern, p, text[t], end)) { p = end; ++t; continue; }
      } else if (pc == '\\' && p + 1 < pattern.size()) {
        if (pattern[p + 1] == text[t]) { p += 2; ++t; continue; }
      } else if (pc == text[t]) {
        ++p;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  // As in globset, a trailing `/**` matches everything inside a folder but not the folder itself.
  return p == pattern.size();
}

}  // namespace

base::Result<PathGlob> PathGlob::compile(std::string_view pattern) {
  PathGlob glob;
  glob.m_pattern = std::string(pattern);
  RBXPIPE_TRY(expand_braces(glob.m_pattern, glob.m_alternatives));
  for (const auto& alternative : glob.m_alternatives) {
    bool in_class = false;
    for (std::size_t i = 0; i < alternative.size(); ++i) {
      if (alternative[i] == '\\') { ++i; continue; }
      if (alternative[i] == '[' && !in_class) in_class = true;
      else if (alternative[i] == ']') in_class = false;
    }
    if (in_class)
      return base::Error{base::ErrorCode::invalid_input, "unclosed '[' in glob '" + glob.m_pattern + "'"};
  }
  return glob;
}

bool PathGlob::matches(std::string_view path) const {
  for (const auto& alternative : m_alternatives)
    if (match_here(alternative, path)) return true;
  return false;
}

base::Result<IgnoreRules> IgnoreRules::compile(const std::vector<std::string>& patterns) {
  IgnoreRules rules;
  for (const auto& written : patterns) {
    std::string_view pattern = written;
    bool negated = false;
    if (pattern.starts_with('!')) {
      negated = true;
      pattern.remove_prefix(1);
    } else if (pattern.starts_with("\\!")) {
      pattern.remove_prefix(1);
    }
    auto glob = PathGlob::compile(pattern);
    if (!glob) return glob.error();
    rules.m_rules.push_back(Rule{std::move(*glob), negated});
  }
  return rules;
}

bool IgnoreRules::ignores(std::string_view relative_path) const {
  bool ignored = false;
  for (const auto& rule : m_rules)
    if (rule.glob.matches(relative_path)) ignored = !rule.negated;
  return ignored;
}

}  // namespace rbxpipe::rojo
