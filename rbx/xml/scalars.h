#pragma once
// Scalar text of the XML formats: numbers and booleans as Roblox spells them, and escaping for element content,
// attribute values and CDATA sections. Internal to rbx/xml.

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace rbxpipe::rbx::xml {

/// `text` without leading and trailing XML whitespace (space, tab, CR, LF).
std::string_view trim(std::string_view text);

/// True when `c` is XML whitespace.
inline bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Parses a 32-bit float ("1", "-0.5", "13e37", "INF", "-INF", "NAN", any case); surrounding whitespace is ignored.
/// nullopt when malformed or out of range.
std::optional<float> parse_float(std::string_view text);

/// Parses a 64-bit float like parse_float.
std::optional<double> parse_double(std::string_view text);

/// Parses "true"/"false" in any case; surrounding whitespace is ignored.
std::optional<bool> parse_bool(std::string_view text);

/// Parses a base-10 integer that fits T exactly (no '+', no leading whitespace inside); surrounding whitespace is
/// ignored. nullopt when malformed or out of range.
template <typename T>
std::optional<T> parse_integer(std::string_view text) {
  static_assert(std::is_integral_v<T>);
  text = trim(text);
  if (text.empty()) return std::nullopt;
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// Appends the shortest text that reads back as exactly `value`; INF, -INF and NAN for the non-finite values.
void append_float(std::string& out, float value);

/// Appends the shortest text that reads back as exactly `value`; INF, -INF and NAN for the non-finite values.
void append_double(std::string& out, double value);

/// Appends an integer in base 10.
template <typename T>
void append_integer(std::string& out, T value) {
  static_assert(std::is_integral_v<T>);
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;  // 24 characters hold every 64-bit integer
  out.append(buffer, end);
}

/// Appends `text` escaped for element content. Returns false (appending nothing) when it holds a NUL byte, which
/// no XML document can carry.
bool append_escaped_text(std::string& out, std::string_view text);

/// Appends `text` escaped for a double-quoted attribute value; false (appending nothing) when it holds a NUL byte.
bool append_escaped_attribute(std::string& out, std::string_view text);

/// True when `text` can be written as CDATA and read back exactly: no NUL, CR or other control characters, which
/// CDATA cannot escape (a tab or a line feed is fine).
bool fits_cdata(std::string_view text);

/// Appends `text` as one CDATA section, or several when it contains "]]>" (split between "]]" and ">").
void append_cdata(std::string& out, std::string_view text);

}  // namespace rbxpipe::rbx::xml
