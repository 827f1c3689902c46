// Number rules of the Rust libraries behind Rojo's data files. The surprising ones:
// - serde_json, without its float_roundtrip feature, does not round decimals correctly: it collects up to 19
//   significant digits in a u64 (dropping the rest), converts that to f64 and multiplies or divides once by an f64
//   power of ten, so "0.30000000000000004"-style mantissas can land an ulp away from strtod's answer. "-0" is -0.0.
// - Rust's i64 parse takes a leading '+' and leading zeros ("007" is 7) but no '_' and no radix prefix;
//   from_str_radix also takes a sign after the prefix is stripped ("0x-1F" reads as -31 in YAML).
// - Rust's f64 parse takes "5." and ".5" and overflows to infinity instead of failing.
#include "rojo/data_common.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <system_error>

namespace rbxpipe::rojo {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool in_range(unsigned char byte, unsigned low, unsigned high) { return byte >= low && byte <= high; }

// Length of the well-formed sequence at `offset`, or 0 (RFC 3629, as Rust's from_utf8 checks it).
std::size_t utf8_length(std::string_view text, std::size_t offset) {
  auto at = [&](std::size_t i) { return offset + i < text.size() ? static_cast<unsigned char>(text[offset + i]) : 0u; };
  unsigned lead = at(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (in_range(static_cast<unsigned char>(lead), 0xC2, 0xDF)) {
    length = 2;
  } else if (in_range(static_cast<unsigned char>(lead), 0xE0, 0xEF)) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (in_range(static_cast<unsigned char>(lead), 0xF0, 0xF4)) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (offset + length > text.size()) return 0;
  if (!in_range(static_cast<unsigned char>(at(1)), low, high)) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!in_range(static_cast<unsigned char>(at(i)), 0x80, 0xBF)) return 0;
  }
  return length;
}

// Powers of ten as correctly rounded doubles, the table serde_json multiplies by.
const std::array<double, 309>& powers_of_ten() {
  static const std::array<double, 309> table = [] {
    std::array<double, 309> values{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string literal = "1e" + std::to_string(i);
      std::from_chars(literal.data(), literal.data() + literal.size(), values[i]);
    }
    return values;
  }();
  return table;
}

// serde_json's number reader over one token; each step mirrors one of its parsing states.
class SerdeNumber {
 public:
  explicit SerdeNumber(std::string_view token) : m_text(token) {}

  std::optional<double> read() {
    bool positive = true;
    if (peek() == '-') {
      positive = false;
      ++m_pos;
    }
    if (!is_digit(peek())) return std::nullopt;
    if (peek() == '0') {
      ++m_pos;
      if (is_digit(peek())) return std::nullopt;
      return after_integer(positive, 0);
    }
    std::uint64_t significand = 0;
    while (is_digit(peek())) {
      auto digit = static_cast<std::uint64_t>(peek() - '0');
      if (overflows(significand, digit)) return long_integer(positive, significand);
      ++m_pos;
      significand = significand * 10 + digit;
    }
    return after_integer(positive, significand);
  }

 private:
  static bool overflows(std::uint64_t value, std::uint64_t digit) {
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    return value >= max / 10 && (value > max / 10 || digit > max % 10);
  }

  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
  bool at_exponent() const { return peek() == 'e' || peek() == 'E'; }

  std::optional<double> after_integer(bool positive, std::uint64_t significand) {
    if (peek() == '.') return decimal(positive, significand, 0);
    if (at_exponent()) return exponent(positive, significand, 0);
    if (m_pos != m_text.size()) return std::nullopt;
    // Integers are exact u64/i64 values converted with `as f64`; "-0" becomes -0.0.
    auto magnitude = static_cast<double>(significand);
    return positive ? magnitude : -magnitude;
  }

  std::optional<double> long_integer(bool positive, std::uint64_t significand) {
    std::int32_t extra = 0;
    while (is_digit(peek())) {
      ++m_pos;
      ++extra;
    }
    if (peek() == '.') return decimal(positive, significand, extra);
    if (at_exponent()) return exponent(positive, significand, extra);
    return from_parts(positive, significand, extra);
  }

  std::optional<double> decimal(bool positive, std::uint64_t significand, std::int32_t exponent_before) {
    ++m_pos;  // '.'
    std::int32_t exponent_after = 0;
    while (is_digit(peek())) {
      auto digit = static_cast<std::uint64_t>(peek() - '0');
      if (overflows(significand, digit)) {
        // Every further digit is ignored, not even rounded.
        while (is_digit(peek())) ++m_pos;
        return after_fraction(positive, significand, exponent_before + exponent_after);
      }
      ++m_pos;
      significand = significand * 10 + digit;
      --exponent_after;
    }
    if (exponent_after == 0) return std::nullopt;
    return after_fraction(positive, significand, exponent_before + exponent_after);
  }

  std::optional<double> after_fraction(bool positive, std::uint64_t significand, std::int32_t exponent_so_far) {
    if (at_exponent()) return exponent(positive, significand, exponent_so_far);
    return from_parts(positive, significand, exponent_so_far);
  }

  std::optional<double> exponent(bool positive, std::uint64_t significand, std::int32_t starting) {
    ++m_pos;  // 'e'
    bool positive_exponent = true;
    if (peek() == '+') {
      ++m_pos;
    } else if (peek() == '-') {
      positive_exponent = false;
      ++m_pos;
    }
    if (!is_digit(peek())) return std::nullopt;
    std::int32_t value = peek() - '0';
    ++m_pos;
    constexpr auto max = std::numeric_limits<std::int32_t>::max();
    while (is_digit(peek())) {
      std::int32_t digit = peek() - '0';
      ++m_pos;
      if (value >= max / 10 && (value > max / 10 || digit > max % 10)) {
        // A huge exponent: zero unless it would make a nonzero number overflow.
        if (significand != 0 && positive_exponent) return std::nullopt;
        while (is_digit(peek())) ++m_pos;
        return positive ? 0.0 : -0.0;
      }
      value = value * 10 + digit;
    }
    std::int64_t total = positive_exponent ? std::int64_t{starting} + value : std::int64_t{starting} - value;
    total = std::clamp<std::int64_t>(total, std::numeric_limits<std::int32_t>::min(), max);
    return from_parts(positive, significand, static_cast<std::int32_t>(total));
  }

  std::optional<double> from_parts(bool positive, std::uint64_t significand, std::int32_t exponent10) {
    if (m_pos != m_text.size()) return std::nullopt;
    const auto& powers = powers_of_ten();
    auto result = static_cast<double>(significand);
    std::int64_t power = exponent10;
    while (true) {
      std::int64_t magnitude = power < 0 ? -power : power;
      if (magnitude < static_cast<std::int64_t>(powers.size())) {
        double scale = powers[static_cast<std::size_t>(magnitude)];
        if (power >= 0) {
          result *= scale;
          if (std::isinf(result)) return std::nullopt;
        } else {
          result /= scale;
        }
        break;
      }
      if (result == 0.0) break;
      if (power >= 0) return std::nullopt;
      result /= 1e308;
      power += 308;
    }
    return positive ? result : -result;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    std::size_t length = utf8_length(text, offset);
    if (length == 0) return offset;
    offset += length;
  }
  return std::nullopt;
}

base::Diagnostic error_at(const base::SourceText& source, const std::string& code, std::string message,
                          std::size_t offset, int length) {
  return base::make_diagnostic(base::Severity::error, code, std::move(message), source, source.locate(offset), length);
}

bool require_utf8(const base::SourceText& source, const std::string& code, std::vector<base::Diagnostic>& diagnostics) {
  auto bad = find_invalid_utf8(source.text());
  if (!bad) return true;
  diagnostics.push_back(error_at(source, code, "file is not valid UTF-8 (Rojo reads data files as UTF-8 text)", *bad));
  return false;
}

std::optional<std::int64_t> parse_rust_i64(std::string_view text, int radix) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  // Accumulate the magnitude; i64 allows one more on the negative side.
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t magnitude = 0;
  for (char c : text) {
    int digit = digit_value(c);
    if (digit >= radix) return std::nullopt;
    auto base = static_cast<std::uint64_t>(radix);
    if (magnitude > (limit - static_cast<std::uint64_t>(digit)) / base) return std::nullopt;
    magnitude = magnitude * base + static_cast<std::uint64_t>(digit);
  }
  if (!negative) return static_cast<std::int64_t>(magnitude);
  if (magnitude == std::uint64_t{1} << 63) return std::numeric_limits<std::int64_t>::min();
  return -static_cast<std::int64_t>(magnitude);
}

std::optional<double> parse_rust_f64(std::string_view text) {
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  // Digit* ['.' Digit*] with at least one digit, then an optional exponent with at least one digit.
  std::size_t i = 0;
  std::size_t mantissa_digits = 0;
  for (; i < rest.size() && is_digit(rest[i]); ++i) ++mantissa_digits;
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    for (; i < rest.size() && is_digit(rest[i]); ++i) ++mantissa_digits;
  }
  if (mantissa_digits == 0) return std::nullopt;
  if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
    ++i;
    if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    for (; i < rest.size() && is_digit(rest[i]); ++i) ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != rest.size()) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (error == std::errc::result_out_of_range || end != rest.data() + rest.size()) {
    // from_chars leaves the value alone on overflow and underflow; strtod rounds both as Rust does.
    value = std::strtod(std::string(rest).c_str(), nullptr);
  } else if (error != std::errc()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

std::optional<double> parse_serde_json_number(std::string_view token) { return SerdeNumber(token).read(); }

}  // namespace rbxpipe::rojo
