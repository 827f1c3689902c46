#include "rbx/xml/scalars.h"

#include <array>
#include <cmath>
#include <limits>

namespace rbxpipe::rbx::xml {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

template <typename T>
std::optional<T> parse_floating(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Roblox writes INF, -INF and NAN; other writers use other cases or the long forms.
  for (std::string_view word : {"inf", "+inf", "infinity", "+infinity"}) {
    if (equals_ignoring_case(text, word)) return std::numeric_limits<T>::infinity();
  }
  for (std::string_view word : {"-inf", "-infinity"}) {
    if (equals_ignoring_case(text, word)) return -std::numeric_limits<T>::infinity();
  }
  for (std::string_view word : {"nan", "-nan", "+nan"}) {
    if (equals_ignoring_case(text, word)) return std::numeric_limits<T>::quiet_NaN();
  }
  // Everything else must be a plain decimal. from_chars alone would also take "nan(...)" and hexadecimal-looking
  // spellings no Roblox writer produces, and it refuses a leading '+', which some writers emit.
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  }
  for (char c : text) {
    bool allowed = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    if (!allowed) return std::nullopt;
  }
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

template <typename T>
void append_floating(std::string& out, T value) {
  if (std::isnan(value)) {
    out += "NAN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "INF" : "-INF";
  } else {
    // Without a precision, to_chars gives the shortest text that reads back to the same value.
    std::array<char, 64> buffer{};
    auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    (void)error;  // 64 characters hold the longest shortest form of a double
    out.append(buffer.data(), end);
  }
}

bool append_escaped(std::string& out, std::string_view text, bool attribute) {
  if (text.find('\0') != std::string_view::npos) return false;
  out.reserve(out.size() + text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
        } else {
          out += c;
        }
        break;
      default: {
        auto byte = static_cast<unsigned char>(c);
        // Tab and line feed are literal in content; a literal CR would be folded into a line feed by conforming
        // parsers, and attribute whitespace would be normalised to spaces, so those are written as references.
        bool literal = byte >= 0x20 || (!attribute && (c == '\t' || c == '\n'));
        if (literal) {
          out += c;
        } else {
          out += "&#";
          append_integer(out, static_cast<int>(byte));
          out += ';';
        }
      }
    }
  }
  return true;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<float> parse_float(std::string_view text) { return parse_floating<float>(text); }

std::optional<double> parse_double(std::string_view text) { return parse_floating<double>(text); }

std::optional<bool> parse_bool(std::string_view text) {
  text = trim(text);
  if (equals_ignoring_case(text, "true")) return true;
  if (equals_ignoring_case(text, "false")) return false;
  return std::nullopt;
}

void append_float(std::string& out, float value) { append_floating(out, value); }

void append_double(std::string& out, double value) { append_floating(out, value); }

bool append_escaped_text(std::string& out, std::string_view text) { return append_escaped(out, text, false); }

bool append_escaped_attribute(std::string& out, std::string_view text) { return append_escaped(out, text, true); }

bool fits_cdata(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') return false;
  }
  return true;
}

void append_cdata(std::string& out, std::string_view text) {
  out += "<![CDATA[";
  std::size_t start = 0;
  for (std::size_t found = text.find("]]>"); found != std::string_view::npos; found = text.find("]]>", start)) {
    // End the section after "]]" and start a new one for ">", so no section contains the terminator.
    out.append(text.substr(start, found + 2 - start));
    out += "]]><![CDATA[";
    start = found + 2;
  }
  out.append(text.substr(start));
  out += "]]>";
}

}  // namespace rbxpipe::rbx::xml
