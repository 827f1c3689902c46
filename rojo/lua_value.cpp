// Rojo's Lua printer (src/lua_ast.rs), rule by rule. The surprising ones:
// - Arrays print inline (`{1, 2, 3}`, `{}` when empty) and never indent; a table inside one still breaks lines, so
//   `{{\n\ta = 1,\n}, 2}` is right. An empty table is `{\n}` with the brace indented like any closing brace.
// - Only `"`, `\`, CR, LF and TAB are escaped; every other byte, NUL and non-ASCII included, is copied raw.
// - A string key is bare only when it is an ASCII identifier and not one of the 21 Lua 5.1 keywords (`continue`
//   and `goto` stay bare); anything else, numbers and booleans included, goes in brackets.
// - Numbers use Rust's f64 Display: shortest round-trip digits written out in full (1e300 is 301 digits), "-0" for
//   negative zero; NaN and the infinities become `0/0` and `math.huge`.
// - The source has no trailing newline.
#include "rojo/lua_value.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace rbxpipe::rojo {

LuaValue::LuaValue() = default;
LuaValue::LuaValue(const LuaValue& other) = default;
LuaValue::LuaValue(LuaValue&& other) noexcept = default;
LuaValue& LuaValue::operator=(const LuaValue& other) = default;
LuaValue& LuaValue::operator=(LuaValue&& other) noexcept = default;
LuaValue::~LuaValue() = default;


namespace {

constexpr std::array<std::string_view, 21> k_keywords = {
    "and", "break", "do",  "else", "elseif", "end",    "false", "for",  "function", "if",   "in",
    "local", "nil", "not", "or",   "repeat", "return", "then",  "true", "until",    "while"};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_identifier(std::string_view text) {
  if (text.empty() || !(is_ascii_alpha(text.front()) || text.front() == '_')) return false;
  bool tail_ok = std::all_of(text.begin() + 1, text.end(), [](char c) {
    return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_';
  });
  return tail_ok && std::find(k_keywords.begin(), k_keywords.end(), text) == k_keywords.end();
}

void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '"';
}

void append_tabs(std::string& out, int count) { out.append(static_cast<std::size_t>(std::max(count, 0)), '\t'); }

void append_value(std::string& out, const LuaValue& value, int indent);

void append_key(std::string& out, const LuaValue& key, int indent) {
  if (const auto* text = std::get_if<std::string>(&key.data); text && is_identifier(*text)) {
    out += *text;
    return;
  }
  out += '[';
  append_value(out, key, indent);
  out += ']';
}

// Entries of either table kind: one per line at indent + 1, then the closing brace at indent.
template <typename Entries, typename AppendKey>
void append_entries(std::string& out, const Entries& entries, int indent, AppendKey append_entry_key) {
  out += "{\n";
  for (const auto* entry : entries) {
    append_tabs(out, indent + 1);
    append_entry_key(*entry);
    out += " = ";
    append_value(out, entry->second, indent + 1);
    out += ",\n";
  }
  append_tabs(out, indent);
  out += '}';
}

void append_table(std::string& out, const LuaTable& table, int indent) {
  // Rojo's maps are BTreeMap<String, _>: byte order, which std::string's operator< also gives.
  std::vector<const LuaTable::value_type*> sorted;
  sorted.reserve(table.size());
  for (const auto& entry : table) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  append_entries(out, sorted, indent, [&](const LuaTable::value_type& entry) {
    if (is_identifier(entry.first)) {
      out += entry.first;
    } else {
      out += '[';
      append_quoted(out, entry.first);
      out += ']';
    }
  });
}

void append_keyed_table(std::string& out, const LuaKeyedTable& table, int indent) {
  std::vector<const LuaKeyedTable::value_type*> ordered;
  ordered.reserve(table.size());
  for (const auto& entry : table) ordered.push_back(&entry);
  append_entries(out, ordered, indent,
                 [&](const LuaKeyedTable::value_type& entry) { append_key(out, entry.first, indent + 1); });
}

void append_value(std::string& out, const LuaValue& value, int indent) {
  std::visit(
      [&](const auto& inner) {
        using T = std::decay_t<decltype(inner)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out += "nil";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += inner ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          out += lua_number(inner);
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_quoted(out, inner);
        } else if constexpr (std::is_same_v<T, LuaArray>) {
          out += '{';
          for (std::size_t i = 0; i < inner.size(); ++i) {
            if (i > 0) out += ", ";
            append_value(out, inner[i], indent);
          }
          out += '}';
        } else if constexpr (std::is_same_v<T, LuaTable>) {
          append_table(out, inner, indent);
        } else {
          append_keyed_table(out, inner, indent);
        }
      },
      value.data);
}

// Significant digits and decimal exponent of `value` (d.ddd x 10^exponent): the shortest round-trip digits when
// `precision` is negative, else `precision` digits after the point, correctly rounded.
std::pair<std::string, int> scientific_digits(double value, int precision) {
  std::array<char, 800> buffer{};
  auto result = precision < 0
                    ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific)
                    : std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific,
                                    precision);
  std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  auto e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  return {digits, std::atoi(std::string(text.substr(e + 1)).c_str())};
}

double from_digits(const std::string& digits, int exponent) {
  std::string text = digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(exponent);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The shortest round-trip digits of a positive finite double as Rust's Display picks them. to_chars (Ryu) and Rust
// (Grisu/Dragon) agree on the length and on the closest candidate, but when the value lies exactly halfway between
// two shortest candidates Ryu takes the even one and Rust the upper one ("846871551568991.25" prints "...991.3").
std::pair<std::string, int> rust_shortest_digits(double value) {
  auto [digits, exponent] = scientific_digits(value, -1);
  if (value == 0) return {digits, exponent};
  // A tie needs the next digit to be 5: a cheap check first, then the exact expansion (767 digits hold any double).
  auto [longer, longer_exponent] = scientific_digits(value, static_cast<int>(digits.size()));
  if (longer_exponent != exponent || longer.back() != '5') return {digits, exponent};
  auto [exact, exact_exponent] = scientific_digits(value, 780);
  if (exact_exponent != exponent || exact.compare(0, digits.size(), digits) != 0) return {digits, exponent};
  std::string_view rest = std::string_view(exact).substr(digits.size());
  if (rest.empty() || rest.front() != '5' || rest.find_first_not_of('0', 1) != std::string_view::npos) {
    return {digits, exponent};
  }
  // An exact tie that Ryu broke downwards: take the upper candidate when it reads back as the same double.
  std::string upper = digits;
  int upper_exponent = exponent;
  std::size_t i = upper.size();
  while (i > 0 && upper[i - 1] == '9') upper[--i] = '0';
  if (i == 0) {
    upper.insert(upper.begin(), '1');
    upper.pop_back();
    ++upper_exponent;
  } else {
    ++upper[i - 1];
  }
  if (from_digits(upper, upper_exponent) != value) return {digits, exponent};
  while (upper.size() > 1 && upper.back() == '0') upper.pop_back();
  return {upper, upper_exponent};
}

}  // namespace

std::string lua_number(double value) {
  if (std::isnan(value)) return "0/0";
  if (std::isinf(value)) return value > 0 ? "math.huge" : "-math.huge";
  std::string result = std::signbit(value) ? "-" : "";
  auto [digits, exponent] = rust_shortest_digits(std::fabs(value));
  // Digits before the decimal point, as Rust's flt2dec lays them out without an exponent.
  int point = exponent + 1;
  auto length = static_cast<int>(digits.size());
  if (point <= 0) {
    result += "0.";
    result.append(static_cast<std::size_t>(-point), '0');
    result += digits;
  } else if (point < length) {
    result += digits.substr(0, static_cast<std::size_t>(point));
    result += '.';
    result += digits.substr(static_cast<std::size_t>(point));
  } else {
    result += digits;
    result.append(static_cast<std::size_t>(point - length), '0');
  }
  return result;
}

std::string lua_expression(const LuaValue& value, int indent) {
  std::string out;
  append_value(out, value, indent);
  return out;
}

std::string lua_module_source(const LuaValue& value) { return "return " + lua_expression(value, 0); }

}  // namespace rbxpipe::rojo
