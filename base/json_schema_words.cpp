#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "base/json_schema_graph.h"

namespace rbxpipe::base::detail {

namespace {

// Strings longer than this are cut in messages: the point is to recognise the value, not to reprint it.
constexpr std::size_t k_max_rendered_string = 48;
// Two edits catch typos and transpositions without suggesting unrelated names.
constexpr std::size_t k_max_suggestion_distance = 2;

// Message order, not bit order: "a string or null" reads better than "null or a string".
constexpr std::array<std::pair<unsigned, std::string_view>, 7> k_type_words = {{
    {k_type_string, "a string"},
    {k_type_number, "a number"},
    {k_type_integer, "an integer"},
    {k_type_boolean, "a boolean"},
    {k_type_object, "an object"},
    {k_type_array, "an array"},
    {k_type_null, "null"},
}};

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// An integer as sign and magnitude, so int64 and uint64 values compare exactly.
struct Integer {
  bool negative = false;
  std::uint64_t magnitude = 0;
};

std::optional<Integer> as_integer(const Json& value) {
  if (value.is_number_unsigned()) return Integer{false, value.get<std::uint64_t>()};
  if (!value.is_number_integer()) return std::nullopt;
  auto signed_value = value.get<std::int64_t>();
  if (signed_value >= 0) return Integer{false, static_cast<std::uint64_t>(signed_value)};
  // -(v + 1) cannot overflow even for INT64_MIN.
  return Integer{true, static_cast<std::uint64_t>(-(signed_value + 1)) + 1};
}

}  // namespace

unsigned type_bits_of(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return k_type_null;
    case Json::value_t::boolean: return k_type_boolean;
    case Json::value_t::object: return k_type_object;
    case Json::value_t::array: return k_type_array;
    case Json::value_t::string: return k_type_string;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return k_type_integer | k_type_number;
    case Json::value_t::number_float: return k_type_number;
    default: return 0;
  }
}

std::string type_word(const Json& value) {
  unsigned bits = type_bits_of(value);
  if ((bits & k_type_integer) != 0) return "an integer";
  for (const auto& [bit, word] : k_type_words) {
    if ((bits & bit) != 0) return std::string(word);
  }
  return "a value";
}

std::string type_words(unsigned types) {
  std::vector<std::string> words;
  for (const auto& [bit, word] : k_type_words) {
    // "a number" already admits integers.
    if (bit == k_type_integer && (types & k_type_number) != 0) continue;
    if ((types & bit) != 0) words.emplace_back(word);
  }
  return join_alternatives(words, " or ");
}

std::string render_value(const Json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > k_max_rendered_string) {
      std::size_t cut = k_max_rendered_string;
      // Back up to a character boundary so the shortened text stays valid UTF-8.
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      return Json(text.substr(0, cut) + "...").dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string join_alternatives(const std::vector<std::string>& items, std::string_view last_separator) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += i + 1 == items.size() ? std::string(last_separator) : ", ";
    joined += items[i];
  }
  return joined;
}

std::string closest_name(std::string_view key, const std::vector<std::string_view>& candidates) {
  std::string lower_key = ascii_lower(key);
  for (auto candidate : candidates) {
    if (ascii_lower(candidate) == lower_key) return std::string(candidate);
  }
  std::string_view best;
  std::size_t best_distance = k_max_suggestion_distance + 1;
  for (auto candidate : candidates) {
    std::size_t longer = std::max(key.size(), candidate.size());
    std::size_t shorter = std::min(key.size(), candidate.size());
    if (longer - shorter > k_max_suggestion_distance) continue;
    std::size_t distance = edit_distance(lower_key, ascii_lower(candidate));
    // A distance as large as the key itself means nothing of it survived ("x" -> "id").
    if (distance < best_distance && distance < key.size()) {
      best = candidate;
      best_distance = distance;
    }
  }
  return std::string(best);
}

std::size_t code_point_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

int compare_numbers(const Json& value, const Json& limit) {
  auto a = as_integer(value);
  auto b = as_integer(limit);
  if (a && b) {
    if (a->negative != b->negative) return a->negative ? -1 : 1;
    if (a->magnitude == b->magnitude) return 0;
    bool smaller_magnitude = a->magnitude < b->magnitude;
    return (smaller_magnitude != a->negative) ? -1 : 1;
  }
  auto x = value.get<double>();
  auto y = limit.get<double>();
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

}  // namespace rbxpipe::base::detail
