#include "base/glob.h"

#include <algorithm>
#include <system_error>

namespace rbxpipe::base {

namespace {

// Brace expansion is multiplicative ("{a,b}{c,d}{e,f}..."), so a cap keeps a hostile pattern from exhausting memory.
constexpr std::size_t k_max_alternatives = 1024;

// One brace-expanded alternative; `origin[i]` is the offset in the written pattern that `text[i]` came from, so
// problems found after expansion can still point at the right byte.
struct Expanded {
  std::string text;
  std::vector<std::size_t> origin;
};

// A caller asking for the offset locates the problem itself (a diagnostic with a caret), so the message names
// only the problem; without it, the message carries the pattern and offset so it stands alone.
Error pattern_error(std::string_view pattern, std::size_t offset, std::string_view problem, std::size_t* out) {
  if (out != nullptr) {
    *out = offset;
    return Error(ErrorCode::invalid_input, std::string(problem));
  }
  return Error(ErrorCode::invalid_input,
               "glob '" + std::string(pattern) + "' at offset " + std::to_string(offset) + ": " + std::string(problem));
}

// Index just past the ']' closing the class that starts at `open`; npos when it does not close.
std::size_t class_end(std::string_view text, std::size_t open) {
  std::size_t i = open + 1;
  if (i < text.size() && text[i] == '!') ++i;
  while (i < text.size() && text[i] != ']') ++i;
  return i < text.size() ? i + 1 : std::string_view::npos;
}

// Checks the class starting at `open` and returns the index past it, or an Error naming the offending byte.
Result<std::size_t> validate_class(std::string_view pattern, std::size_t open, std::size_t* error_offset) {
  std::size_t i = open + 1;
  if (i < pattern.size() && pattern[i] == '!') ++i;
  const std::size_t first = i;
  while (i < pattern.size() && pattern[i] != ']') {
    if (pattern[i] == '/') return pattern_error(pattern, i, "'/' inside a character class", error_offset);
    const bool is_range = i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']';
    if (is_range) {
      if (pattern[i + 2] == '/') return pattern_error(pattern, i + 2, "'/' inside a character class", error_offset);
      if (static_cast<unsigned char>(pattern[i]) > static_cast<unsigned char>(pattern[i + 2])) {
        return pattern_error(pattern, i, "character range out of order", error_offset);
      }
      i += 3;
    } else {
      ++i;
    }
  }
  if (i >= pattern.size()) return pattern_error(pattern, open, "unclosed '['", error_offset);
  if (i == first) return pattern_error(pattern, open, "empty character class", error_offset);
  return i + 1;
}

// Checks characters, brackets and braces of the written pattern in one pass.
Result<void> validate_syntax(std::string_view pattern, std::size_t* error_offset) {
  std::vector<std::size_t> open_braces;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const char ch = pattern[i];
    if (ch == '\\') return pattern_error(pattern, i, "backslashes are not allowed; use '/'", error_offset);
    if (ch == '[') {
      auto end = validate_class(pattern, i, error_offset);
      if (!end) return std::move(end).error();
      i = *end;
      continue;
    }
    if (ch == ']') return pattern_error(pattern, i, "unmatched ']'", error_offset);
    if (ch == '{') open_braces.push_back(i);
    if (ch == '}') {
      if (open_braces.empty()) return pattern_error(pattern, i, "unmatched '}'", error_offset);
      open_braces.pop_back();
    }
    ++i;
  }
  if (!open_braces.empty()) return pattern_error(pattern, open_braces.back(), "unclosed '{'", error_offset);
  return ok();
}

void append_range(Expanded& to, const Expanded& from, std::size_t begin, std::size_t end) {
  to.text.append(from.text, begin, end - begin);
  to.origin.insert(to.origin.end(), from.origin.begin() + static_cast<std::ptrdiff_t>(begin),
                   from.origin.begin() + static_cast<std::ptrdiff_t>(end));
}

// Expands the first top-level brace group of `item` into `out`; false when `item` has no braces left.
bool expand_first_group(const Expanded& item, std::vector<Expanded>& out) {
  const std::string& text = item.text;
  std::size_t open = 0;
  while (open < text.size() && text[open] != '{') open = text[open] == '[' ? class_end(text, open) : open + 1;
  if (open >= text.size()) return false;

  // Syntax was validated, so every '{' closes and every '[' closes; commas count only at depth one.
  std::vector<std::size_t> cuts{open};
  int depth = 0;
  std::size_t close = open;
  for (std::size_t i = open; i < text.size();) {
    if (text[i] == '[') {
      i = class_end(text, i);
      continue;
    }
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) {
      close = i;
      break;
    }
    if (text[i] == ',' && depth == 1) cuts.push_back(i);
    ++i;
  }
  cuts.push_back(close);
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    Expanded next;
    append_range(next, item, 0, open);
    append_range(next, item, cuts[k] + 1, cuts[k + 1]);
    append_range(next, item, close + 1, text.size());
    out.push_back(std::move(next));
  }
  return true;
}

Result<std::vector<Expanded>> expand_braces(std::string_view pattern, std::size_t* error_offset) {
  Expanded whole;
  whole.text = std::string(pattern);
  for (std::size_t i = 0; i < pattern.size(); ++i) whole.origin.push_back(i);

  std::vector<Expanded> pending{std::move(whole)};
  std::vector<Expanded> done;
  while (!pending.empty()) {
    Expanded item = std::move(pending.back());
    pending.pop_back();
    std::vector<Expanded> produced;
    if (!expand_first_group(item, produced)) {
      done.push_back(std::move(item));
    } else {
      for (auto& p : produced) pending.push_back(std::move(p));
    }
    if (done.size() + pending.size() > k_max_alternatives) {
      return pattern_error(pattern, pattern.find('{'), "too many brace alternatives", error_offset);
    }
  }
  // The work list runs last-in-first-out; restore the written order so behaviour is easy to predict.
  std::reverse(done.begin(), done.end());
  return done;
}

// Rejects alternatives that could escape the root or can never match a normalised relative path.
Result<void> validate_segments(std::string_view pattern, const Expanded& alt, std::size_t* error_offset) {
  const std::string& text = alt.text;
  const auto origin_at = [&](std::size_t i) { return i < alt.origin.size() ? alt.origin[i] : pattern.size(); };
  if (!text.empty() && text[0] == '/') {
    return pattern_error(pattern, origin_at(0), "absolute paths are not allowed", error_offset);
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = std::min(text.find('/', start), text.size());
    const std::string_view segment(text.data() + start, slash - start);
    if (segment.empty()) return pattern_error(pattern, origin_at(start), "empty path segment", error_offset);
    if (segment == "..") return pattern_error(pattern, origin_at(start), "'..' segments are not allowed", error_offset);
    if (segment == ".") return pattern_error(pattern, origin_at(start), "'.' segments are not allowed", error_offset);
    if (slash == text.size()) break;
    start = slash + 1;
  }
  return ok();
}

bool has_wildcard(std::string_view segment) { return segment.find_first_of("*?[") != std::string_view::npos; }

// Leading wildcard-free folders of one alternative, ending in '/'; the last segment is a file name, never a folder.
std::string literal_folders(std::string_view alt) {
  std::size_t end = 0;
  for (std::size_t slash = alt.find('/'); slash != std::string_view::npos; slash = alt.find('/', slash + 1)) {
    if (has_wildcard(alt.substr(end, slash - end))) break;
    end = slash + 1;
  }
  return std::string(alt.substr(0, end));
}

// Longest prefix of both that ends at a '/', so the result is always whole folders.
std::string common_folders(std::string_view a, std::string_view b) {
  const auto limit = std::min(a.size(), b.size());
  std::size_t end = 0;
  for (std::size_t i = 0; i < limit && a[i] == b[i]; ++i) {
    if (a[i] == '/') end = i + 1;
  }
  return std::string(a.substr(0, end));
}

// Matches one class token at `open` against `c`; `next` receives the index past the token.
bool class_matches(std::string_view pattern, std::size_t open, char c, std::size_t& next) {
  std::size_t i = open + 1;
  const bool negated = pattern[i] == '!';
  if (negated) ++i;
  bool found = false;
  const auto uc = static_cast<unsigned char>(c);
  while (pattern[i] != ']') {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      const auto low = static_cast<unsigned char>(pattern[i]);
      const auto high = static_cast<unsigned char>(pattern[i + 2]);
      found = found || (uc >= low && uc <= high);
      i += 3;
    } else {
      found = found || pattern[i] == c;
      ++i;
    }
  }
  next = i + 1;
  return found != negated;
}

// Matches one segment's characters. Greedy with a single backtrack point: each token other than '*' consumes
// exactly one character, which makes retrying only the last '*' complete and keeps the cost at O(n*m).
bool segment_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star_p = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    std::size_t next = p + 1;
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
      continue;
    }
    bool one = false;
    if (p < pattern.size()) {
      if (pattern[p] == '?') one = true;
      else if (pattern[p] == '[') one = class_matches(pattern, p, text[t], next);
      else one = pattern[p] == text[t];
    }
    if (one) {
      p = next;
      ++t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string_view> split_segments(std::string_view text) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(text.substr(start));
      return segments;
    }
    segments.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
}

// The same greedy scheme one level up: '**' is the star, every other segment consumes exactly one path segment.
bool path_matches(std::string_view pattern, std::string_view path) {
  const auto pats = split_segments(pattern);
  const auto segs = split_segments(path);
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star_p = std::string_view::npos;
  std::size_t star_s = 0;
  while (s < segs.size()) {
    if (p < pats.size() && pats[p] == "**") {
      star_p = p++;
      star_s = s;
    } else if (p < pats.size() && segment_matches(pats[p], segs[s])) {
      ++p;
      ++s;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pats.size() && pats[p] == "**") ++p;
  return p == pats.size();
}

}  // namespace

Result<Glob> Glob::compile(std::string_view pattern, std::size_t* error_offset) {
  if (pattern.empty()) return pattern_error(pattern, 0, "empty pattern", error_offset);
  if (pattern.front() == '/') return pattern_error(pattern, 0, "absolute paths are not allowed", error_offset);
  RBXPIPE_TRY(validate_syntax(pattern, error_offset));
  auto expanded = expand_braces(pattern, error_offset);
  if (!expanded) return std::move(expanded).error();

  Glob glob;
  glob.m_pattern = std::string(pattern);
  for (std::size_t i = 0; i < expanded->size(); ++i) {
    const Expanded& alt = (*expanded)[i];
    RBXPIPE_TRY(validate_segments(pattern, alt, error_offset));
    const std::string folders = literal_folders(alt.text);
    glob.m_fixed_prefix = i == 0 ? folders : common_folders(glob.m_fixed_prefix, folders);
    if (std::find(glob.m_alternatives.begin(), glob.m_alternatives.end(), alt.text) == glob.m_alternatives.end()) {
      glob.m_alternatives.push_back(alt.text);
    }
  }
  return glob;
}

bool Glob::matches(std::string_view relative_path) const {
  if (relative_path.empty()) return false;
  return std::any_of(m_alternatives.begin(), m_alternatives.end(),
                     [&](const std::string& alt) { return path_matches(alt, relative_path); });
}

Result<std::vector<std::string>> Glob::expand(const std::filesystem::path& root) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Error(ErrorCode::io_error, "cannot list '" + root.string() + "': not a folder");
  }
  // Start at the literal prefix instead of the root to avoid walking unrelated trees. Each prefix folder is checked
  // without following links, because the iterator would otherwise follow a symlinked starting folder.
  fs::path start = root;
  for (const auto& part : fs::path(m_fixed_prefix)) {
    if (part.empty()) continue;
    start /= part;
    const auto status = fs::symlink_status(start, ec);
    if (ec || status.type() != fs::file_type::directory) return std::vector<std::string>{};
  }

  std::vector<std::string> found;
  fs::recursive_directory_iterator it(start, fs::directory_options::none, ec);
  const fs::recursive_directory_iterator end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto status = it->symlink_status(ec);
    if (ec) break;
    if (status.type() != fs::file_type::regular) continue;
    std::string relative = it->path().lexically_relative(root).generic_string();
    if (matches(relative)) found.push_back(std::move(relative));
  }
  if (ec) return Error(ErrorCode::io_error, "cannot list '" + start.string() + "': " + ec.message());
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

}  // namespace rbxpipe::base
