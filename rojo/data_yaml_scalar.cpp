// Scalar typing of yaml-rust2 (Yaml::from_str and the loader's tag handling), which is not quite the YAML 1.2 core
// schema. The surprising rules:
// - Only lowercase `null`, `~` and the empty scalar are nil; `Null`, `NULL`, `True`, `yes`, `on` are strings.
// - Integers are Rust i64 parses (`+5`, `007`), plus `0x`/`0o` prefixes whose digits may carry a sign (`0x-1F`);
//   `0b101`, `1_000` and `-0x1F` are strings. `-0` is the integer 0.
// - A float needs an ASCII digit (so `inf` and `nan` are strings) and Rust's syntax (`1.`, `.5`, `1e400` is inf);
//   `.inf`, `+.inf`, `-.inf` and `.nan` in three spellings are the only named values.
// - Rojo refuses integers above 2^53 (not below -2^53), while an integer too big for i64 falls through to a float
//   and is accepted.
#include "rojo/data_yaml_scalar.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "rojo/data_common.h"

namespace rbxpipe::rojo {

namespace {

constexpr std::int64_t k_max_float_int = std::int64_t{1} << 53;

YamlScalar nil_scalar() { return {LuaValue{}, "n", ""}; }

YamlScalar boolean_scalar(bool value) { return {LuaValue{value}, value ? "b1" : "b0", ""}; }

YamlScalar integer_scalar(std::int64_t value) {
  YamlScalar scalar;
  scalar.identity = "i" + std::to_string(value);
  if (value > k_max_float_int) {
    scalar.error = "the integer '" + std::to_string(value) + "' cannot be losslessly converted into a Luau number";
  } else {
    scalar.value.data = static_cast<double>(value);
  }
  return scalar;
}

YamlScalar real_scalar(std::string_view text, double value) { return {LuaValue{value}, "r" + std::string(text), ""}; }

YamlScalar bad_value(std::string_view text, std::string_view tag) {
  YamlScalar scalar;
  scalar.identity = "x";
  scalar.error = "'" + std::string(text) + "' is not a valid " + std::string(tag) +
                 " (Rojo cannot convert YAML to Luau because of a parsing error)";
  return scalar;
}

// yaml-rust2's parse_f64: the named infinities and NaN, otherwise Rust's parse of text holding a digit.
std::optional<double> parse_yaml_f64(std::string_view text) {
  constexpr std::array<std::string_view, 6> positive_infinity = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"};
  constexpr std::array<std::string_view, 3> negative_infinity = {"-.inf", "-.Inf", "-.INF"};
  constexpr std::array<std::string_view, 3> not_a_number = {".nan", ".NaN", ".NAN"};
  auto among = [&](const auto& words) { return std::find(words.begin(), words.end(), text) != words.end(); };
  if (among(positive_infinity)) return std::numeric_limits<double>::infinity();
  if (among(negative_infinity)) return -std::numeric_limits<double>::infinity();
  if (among(not_a_number)) return std::numeric_limits<double>::quiet_NaN();
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return parse_rust_f64(text);
}

}  // namespace

YamlScalar yaml_string(std::string_view text) { return {LuaValue{std::string(text)}, "s" + std::string(text), ""}; }

YamlScalar resolve_yaml_plain(std::string_view text) {
  // A radix prefix that does not parse falls through to the plain rules (where it ends up a string).
  std::optional<std::int64_t> prefixed;
  if (text.starts_with("0x")) {
    prefixed = parse_rust_i64(text.substr(2), 16);
  } else if (text.starts_with("0o")) {
    prefixed = parse_rust_i64(text.substr(2), 8);
  } else if (text.starts_with('+')) {
    prefixed = parse_rust_i64(text.substr(1));
  }
  if (prefixed) return integer_scalar(*prefixed);
  if (text.empty() || text == "~" || text == "null") return nil_scalar();
  if (text == "true") return boolean_scalar(true);
  if (text == "false") return boolean_scalar(false);
  if (auto integer = parse_rust_i64(text)) return integer_scalar(*integer);
  if (auto real = parse_yaml_f64(text)) return real_scalar(text, *real);
  return yaml_string(text);
}

YamlScalar resolve_yaml_tagged(std::string_view suffix, std::string_view text) {
  if (suffix == "bool") {
    if (text == "true" || text == "false") return boolean_scalar(text == "true");
    return bad_value(text, "!!bool");
  }
  if (suffix == "int") {
    if (auto integer = parse_rust_i64(text)) return integer_scalar(*integer);
    return bad_value(text, "!!int");
  }
  if (suffix == "float") {
    if (auto real = parse_yaml_f64(text)) return real_scalar(text, *real);
    return bad_value(text, "!!float");
  }
  if (suffix == "null") {
    if (text == "~" || text == "null") return nil_scalar();
    return bad_value(text, "!!null");
  }
  return yaml_string(text);
}

}  // namespace rbxpipe::rojo
