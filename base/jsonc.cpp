#include "base/jsonc.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <utility>

#include "base/jsonc_scan.h"

namespace rbxpipe::base {

namespace {

// Deep enough for any real config, shallow enough that the recursive descent cannot exhaust the stack.
constexpr int k_max_depth = 512;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_syntax_error = "JSON0001";
constexpr std::string_view k_duplicate_key = "JSON0002";

}  // namespace

// Reads one document in a single pass, emitting clean JSON and recording spans as it goes. Every parse function
// returns false after the first syntax error so the whole descent unwinds without exceptions.
class JsoncParser {
 public:
  JsoncParser(const SourceText& source, JsoncDocument& document)
      : m_source(source), m_text(source.text()), m_document(document) {}

  void run() {
    m_document.m_source = &m_source;
    m_document.m_json.reserve(m_text.size());
    if (m_text.starts_with(k_bom)) m_pos = k_bom.size();
    bool ok = skip_trivia();
    // Nothing but trivia: the start of the file is the only meaningful place to point at.
    if (ok && m_pos >= m_text.size()) ok = fail(0, "empty file: expected a JSON value", 0);
    if (ok) ok = parse_value(0, std::nullopt);
    if (ok) ok = skip_trivia();
    if (ok && m_pos < m_text.size()) ok = fail(m_pos, "unexpected text after the JSON value");
    m_document.m_ok = ok;
    if (!ok) m_document.m_json.clear();
  }

 private:
  // Where an object member's key sits, handed down so the value's span can carry it.
  struct KeyToken {
    std::size_t offset;
    int length;
  };

  bool fail(std::size_t offset, std::string message, int length = 1) {
    m_document.m_diagnostics.push_back(make_diagnostic(Severity::error, std::string(k_syntax_error),
                                                       std::move(message), m_source, m_source.locate(offset), length));
    return false;
  }

  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }

  bool at_end() const { return m_pos >= m_text.size(); }

  // Comments are trivia: skipped like whitespace and never copied to the clean JSON.
  bool skip_trivia() {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++m_pos;
      } else if (c == '/' && peek(1) == '/') {
        auto newline = m_text.find('\n', m_pos);
        m_pos = newline == std::string_view::npos ? m_text.size() : newline;
      } else if (c == '/' && peek(1) == '*') {
        auto close = m_text.find("*/", m_pos + 2);
        if (close == std::string_view::npos) return fail(m_pos, "unterminated block comment", 2);
        m_pos = close + 2;
      } else {
        break;
      }
    }
    return true;
  }

  void record(std::size_t value_offset, int value_length, std::optional<KeyToken> key) {
    JsonSpan span;
    span.value = m_source.locate(value_offset);
    span.value_length = value_length;
    span.key = key ? m_source.locate(key->offset) : span.value;
    span.key_length = key ? key->length : value_length;
    m_document.m_spans.insert_or_assign(m_pointer, span);
  }

  bool parse_value(int depth, std::optional<KeyToken> key) {
    if (at_end()) return fail(m_pos, "expected a value, found end of file", 0);
    char c = peek();
    if (c == '{' || c == '[') {
      if (depth >= k_max_depth) return fail(m_pos, "nesting deeper than " + std::to_string(k_max_depth) + " levels");
      record(m_pos, 1, key);
      return c == '{' ? parse_object(depth + 1) : parse_array(depth + 1);
    }
    std::size_t start = m_pos;
    bool ok = false;
    if (c == '"') {
      std::string ignored;
      ok = parse_string(ignored);
    } else if (c == '-' || is_ascii_digit(c)) {
      ok = parse_number();
    } else if (is_word_char(c)) {
      ok = parse_literal();
    } else {
      return fail(m_pos, "expected a value, found " + describe_found(m_text, m_pos));
    }
    if (ok) record(start, static_cast<int>(m_pos - start), key);
    return ok;
  }

  bool parse_object(int depth) {
    ++m_pos;
    m_document.m_json += '{';
    // Decoded key -> line of its first definition, for the duplicate-key message.
    std::map<std::string, int, std::less<>> seen;
    bool first = true;
    if (!skip_trivia()) return false;
    while (peek() != '}') {
      if (peek() != '"') {
        return fail(m_pos, "expected a string key or '}', found " + describe_found(m_text, m_pos));
      }
      if (!first) m_document.m_json += ',';
      first = false;
      KeyToken key{m_pos, 0};
      std::string name;
      if (!parse_string(name)) return false;
      key.length = static_cast<int>(m_pos - key.offset);
      auto saved = m_pointer.size();
      m_pointer += '/';
      m_pointer += json_pointer_escape(name);
      note_duplicate(seen, name, key);

      if (!skip_trivia()) return false;
      if (peek() != ':') return fail(m_pos, "expected ':' after object key");
      ++m_pos;
      m_document.m_json += ':';
      if (!skip_trivia()) return false;
      if (!parse_value(depth, key)) return false;
      m_pointer.resize(saved);

      if (!skip_trivia()) return false;
      if (peek() == ',') {
        ++m_pos;
        if (!skip_trivia()) return false;
        continue;  // a '}' right after the comma is a trailing comma, which JSONC allows
      }
      if (peek() != '}') return fail(m_pos, "expected ',' or '}' after object member");
    }
    ++m_pos;
    m_document.m_json += '}';
    return true;
  }

  // nlohmann keeps the last of duplicate keys, so the spans do too: the earlier value's children are dropped.
  void note_duplicate(std::map<std::string, int, std::less<>>& seen, const std::string& name, KeyToken key) {
    auto location = m_source.locate(key.offset);
    auto [found, inserted] = seen.emplace(name, location.line);
    if (inserted) return;
    m_document.m_diagnostics.push_back(make_diagnostic(
        Severity::error, std::string(k_duplicate_key),
        "duplicate key '" + name + "' (first defined at line " + std::to_string(found->second) + ")", m_source,
        location, key.length));
    // Children of "/a" are exactly the keys in ["/a/", "/a0"), since '0' follows '/' in ASCII.
    auto begin = m_document.m_spans.lower_bound(m_pointer + '/');
    auto end = m_document.m_spans.lower_bound(m_pointer + '0');
    m_document.m_spans.erase(begin, end);
  }

  bool parse_array(int depth) {
    ++m_pos;
    m_document.m_json += '[';
    std::size_t index = 0;
    if (!skip_trivia()) return false;
    while (peek() != ']') {
      if (index > 0) m_document.m_json += ',';
      auto saved = m_pointer.size();
      m_pointer += '/';
      m_pointer += std::to_string(index);
      if (!parse_value(depth, std::nullopt)) return false;
      m_pointer.resize(saved);
      ++index;

      if (!skip_trivia()) return false;
      if (peek() == ',') {
        ++m_pos;
        if (!skip_trivia()) return false;
        continue;  // a ']' right after the comma is a trailing comma, which JSONC allows
      }
      if (peek() != ']') return fail(m_pos, "expected ',' or ']' after array item");
    }
    ++m_pos;
    m_document.m_json += ']';
    return true;
  }

  // Validates the string so nlohmann cannot reject it later, copies it verbatim and decodes it into `decoded`.
  bool parse_string(std::string& decoded) {
    std::size_t start = m_pos;
    ++m_pos;
    while (true) {
      if (at_end()) return fail(start, "unterminated string");
      auto c = static_cast<unsigned char>(peek());
      if (c == '"') break;
      if (c == '\\') {
        if (!parse_escape(start, decoded)) return false;
      } else if (c == '\n' || c == '\r') {
        // A raw line break almost always means the closing quote is missing on this line.
        return fail(start, "unterminated string");
      } else if (c < 0x20) {
        return fail(m_pos, "control character in string");
      } else if (c >= 0x80) {
        std::size_t length = utf8_sequence_length(m_text, m_pos);
        if (length == 0) return fail(m_pos, "invalid UTF-8 in string");
        decoded.append(m_text.substr(m_pos, length));
        m_pos += length;
      } else {
        decoded += static_cast<char>(c);
        ++m_pos;
      }
    }
    ++m_pos;
    m_document.m_json.append(m_text.substr(start, m_pos - start));
    return true;
  }

  bool parse_escape(std::size_t string_start, std::string& decoded) {
    std::size_t escape = m_pos;
    if (m_pos + 1 >= m_text.size()) return fail(string_start, "unterminated string");
    char e = peek(1);
    switch (e) {
      case '"': case '\\': case '/': decoded += e; break;
      case 'b': decoded += '\b'; break;
      case 'f': decoded += '\f'; break;
      case 'n': decoded += '\n'; break;
      case 'r': decoded += '\r'; break;
      case 't': decoded += '\t'; break;
      case 'u': return parse_unicode_escape(decoded);
      default:
        if (e > ' ' && e < 0x7f) return fail(escape, std::string("invalid escape '\\") + e + "' in string", 2);
        return fail(escape, "invalid escape in string");
    }
    m_pos += 2;
    return true;
  }

  // \uXXXX, where a UTF-16 surrogate must come as a high+low pair; nlohmann rejects lone surrogates.
  bool parse_unicode_escape(std::string& decoded) {
    std::size_t escape = m_pos;
    int high = hex4(m_text, m_pos + 2);
    if (high < 0) return fail(escape, "invalid escape '\\u' in string: expected four hex digits", 2);
    m_pos += 6;
    auto code_point = static_cast<std::uint32_t>(high);
    if (high >= 0xDC00 && high <= 0xDFFF) {
      return fail(escape, "unpaired surrogate '" + std::string(m_text.substr(escape, 6)) + "' in string", 6);
    }
    if (high >= 0xD800 && high <= 0xDBFF) {
      int low = (peek() == '\\' && peek(1) == 'u') ? hex4(m_text, m_pos + 2) : -1;
      if (low < 0xDC00 || low > 0xDFFF) {
        return fail(escape, "unpaired surrogate '" + std::string(m_text.substr(escape, 6)) + "' in string", 6);
      }
      m_pos += 6;
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
    }
    append_utf8(decoded, code_point);
    return true;
  }

  // Strict JSON numbers only: JSONC relaxes comments and commas, not numbers.
  bool parse_number() {
    std::size_t start = m_pos;
    if (peek() == '-') ++m_pos;
    if (!is_ascii_digit(peek())) return fail(m_pos, "expected a digit after '-'");
    if (peek() == '0') {
      if (is_ascii_digit(peek(1))) return fail(m_pos, "number has leading zeros");
      ++m_pos;
    } else {
      while (is_ascii_digit(peek())) ++m_pos;
    }
    if (peek() == '.') {
      ++m_pos;
      if (!is_ascii_digit(peek())) return fail(m_pos, "expected a digit after '.' in number");
      while (is_ascii_digit(peek())) ++m_pos;
    }
    if ((peek() == 'e' || peek() == 'E')) {
      ++m_pos;
      if ((peek() == '+' || peek() == '-')) ++m_pos;
      if (!is_ascii_digit(peek())) return fail(m_pos, "expected a digit in the number's exponent");
      while (is_ascii_digit(peek())) ++m_pos;
    }
    std::string_view token = m_text.substr(start, m_pos - start);
    // nlohmann refuses numbers that overflow a double; only an exponent or ~300 digits can get there.
    if (token.find_first_of("eE") != std::string_view::npos || token.size() > 300) {
      std::string copy(token);
      if (!std::isfinite(std::strtod(copy.c_str(), nullptr))) {
        return fail(start, "number is too large", static_cast<int>(token.size()));
      }
    }
    m_document.m_json.append(token);
    return true;
  }

  bool parse_literal() {
    std::size_t start = m_pos;
    while (is_word_char(peek())) ++m_pos;
    std::string_view word = m_text.substr(start, m_pos - start);
    if (word != "true" && word != "false" && word != "null") {
      return fail(start, "expected a value, found " + describe_found(m_text, start),
                  static_cast<int>(word.size()));
    }
    m_document.m_json.append(word);
    return true;
  }

  const SourceText& m_source;
  std::string_view m_text;
  JsoncDocument& m_document;
  std::size_t m_pos = 0;
  std::string m_pointer;
};

JsoncDocument JsoncDocument::parse(const SourceText& source) {
  JsoncDocument document;
  JsoncParser(source, document).run();
  return document;
}

SourceLocation JsoncDocument::locate(std::string_view pointer, bool at_key) const {
  const JsonSpan& found = span(pointer);
  return at_key ? found.key : found.value;
}

const JsonSpan& JsoncDocument::span(std::string_view pointer) const {
  static const JsonSpan k_nowhere{};
  while (true) {
    auto found = m_spans.find(pointer);
    if (found != m_spans.end()) return found->second;
    if (pointer.empty()) return k_nowhere;
    // Reference tokens escape '/', so the last '/' always starts the last token.
    auto slash = pointer.rfind('/');
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(0, slash);
  }
}

Diagnostic JsoncDocument::diagnose(Severity severity, std::string code, std::string message, std::string_view pointer,
                                   bool at_key) const {
  const JsonSpan& found = span(pointer);
  SourceLocation location = at_key ? found.key : found.value;
  int length = at_key ? found.key_length : found.value_length;
  if (m_source == nullptr) {
    Diagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    return diagnostic;
  }
  return make_diagnostic(severity, std::move(code), std::move(message), *m_source, location, length);
}

std::string json_pointer_escape(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

}  // namespace rbxpipe::base
