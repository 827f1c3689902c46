#include "assets/luau_text.h"

#include <algorithm>
#include <array>

namespace rbxpipe::assets {

LuauExpr::LuauExpr() = default;
LuauExpr::LuauExpr(const LuauExpr& other) = default;
LuauExpr::LuauExpr(LuauExpr&& other) noexcept = default;
LuauExpr& LuauExpr::operator=(const LuauExpr& other) = default;
LuauExpr& LuauExpr::operator=(LuauExpr&& other) noexcept = default;
LuauExpr::~LuauExpr() = default;

namespace {

// Lua 5.1 keywords, which Luau keeps reserved. Luau's own contextual words (continue, type, export) are valid keys.
constexpr std::array<std::string_view, 21> k_luau_keywords = {
    "and",   "break", "do",  "else", "elseif", "end",    "false", "for",  "function", "if",   "in",
    "local", "nil",   "not", "or",   "repeat", "return", "then",  "true", "until",    "while"};

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// `\ddd`: three decimal digits always, so a following digit is never read as part of the escape.
std::string luau_byte_escape(unsigned char byte) {
  std::string out = "\\000";
  out[1] = static_cast<char>('0' + byte / 100);
  out[2] = static_cast<char>('0' + byte / 10 % 10);
  out[3] = static_cast<char>('0' + byte % 10);
  return out;
}

// `\u00XX` for a control byte.
std::string typescript_byte_escape(unsigned char byte) {
  constexpr std::string_view k_hex = "0123456789abcdef";
  std::string out = "\\u00";
  out += k_hex[byte >> 4];
  out += k_hex[byte & 0x0f];
  return out;
}

std::string indent(int depth) { return std::string(static_cast<std::size_t>(std::max(depth, 0)), '\t'); }

bool prints_inline(const LuauExpr& table) {
  return table.fields.empty() &&
         std::all_of(table.items.begin(), table.items.end(), [](const LuauExpr& item) { return !item.is_table; });
}

}  // namespace

bool is_luau_identifier(std::string_view name) {
  if (name.empty() || is_ascii_digit(name.front())) return false;
  for (char c : name) {
    if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '_') return false;
  }
  return std::find(k_luau_keywords.begin(), k_luau_keywords.end(), name) == k_luau_keywords.end();
}

namespace {

// Luau and TypeScript string literals share the short escapes and differ only in how other control bytes look.
std::string quoted_literal(std::string_view text, std::string (*byte_escape)(unsigned char)) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out += byte_escape(byte);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace

std::string luau_string(std::string_view text) { return quoted_literal(text, luau_byte_escape); }

std::string luau_key(std::string_view name) {
  if (is_luau_identifier(name)) return std::string(name);
  return "[" + luau_string(name) + "]";
}

bool is_typescript_identifier(std::string_view name) {
  if (name.empty() || is_ascii_digit(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_ascii_letter(c) || is_ascii_digit(c) || c == '_' || c == '$'; });
}

std::string typescript_string(std::string_view text) { return quoted_literal(text, typescript_byte_escape); }

std::string typescript_key(std::string_view name) {
  if (is_typescript_identifier(name)) return std::string(name);
  return typescript_string(name);
}

LuauExpr LuauExpr::raw(std::string text) {
  LuauExpr expr;
  expr.text = std::move(text);
  return expr;
}

LuauExpr LuauExpr::string(std::string_view text) { return raw(luau_string(text)); }

LuauExpr LuauExpr::table() {
  LuauExpr expr;
  expr.is_table = true;
  return expr;
}

LuauExpr& LuauExpr::add(LuauExpr item) {
  items.push_back(std::move(item));
  return *this;
}

LuauExpr& LuauExpr::set(std::string key, LuauExpr value) {
  fields.emplace_back(std::move(key), std::move(value));
  return *this;
}

std::string render_luau(const LuauExpr& expr, int depth) {
  if (!expr.is_table) return expr.text;
  if (expr.items.empty() && expr.fields.empty()) return "{}";
  if (prints_inline(expr)) {
    std::string out = "{";
    for (std::size_t i = 0; i < expr.items.size(); ++i) {
      if (i > 0) out += ", ";
      out += expr.items[i].text;
    }
    return out + "}";
  }
  const std::string inner = indent(depth + 1);
  std::string out = "{\n";
  for (const auto& item : expr.items) out += inner + render_luau(item, depth + 1) + ",\n";
  for (const auto& [key, value] : expr.fields) {
    out += inner + luau_key(key) + " = " + render_luau(value, depth + 1) + ",\n";
  }
  return out + indent(depth) + "}";
}

}  // namespace rbxpipe::assets
