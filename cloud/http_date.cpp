#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include "cloud/rate_limit_headers.h"

namespace rbxpipe::cloud {

namespace {

constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits on the separators the three date forms use, so "Sun, 06 Nov 1994 08:49:37 GMT",
// "Sunday, 06-Nov-94 08:49:37 GMT" and "Sun Nov  6 08:49:37 1994" all become plain words.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool separator = i == text.size() || text[i] == ' ' || text[i] == ',' || text[i] == '-' ||
                           text[i] == ':' || text[i] == '\t';
    if (!separator) continue;
    if (i > start) out.push_back(text.substr(start, i - start));
    start = i + 1;
  }
  return out;
}

std::optional<int> number(std::string_view word) {
  int value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc{} || end != word.data() + word.size() || word.size() > 4) return std::nullopt;
  return value;
}

std::optional<unsigned> month_index(std::string_view word) {
  const std::string name = lower(word);
  for (unsigned i = 0; i < k_months.size(); ++i) {
    if (name == k_months[i]) return i + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  using namespace std::chrono;
  const auto parts = words(text);
  std::optional<unsigned> month;
  std::vector<int> numbers;
  bool numbers_before_month = false;
  for (std::string_view word : parts) {
    if (auto value = number(word)) {
      numbers.push_back(*value);
      if (!month) numbers_before_month = true;
      continue;
    }
    if (auto index = month_index(word)) {
      if (month) return std::nullopt;
      month = index;
      continue;
    }
    const std::string name = lower(word);
    // Weekday names and the zone are the only other words; the zone must be GMT (UTC is accepted leniently).
    if (name == "gmt" || name == "utc" || name == "z") continue;
    if (name.size() >= 3 && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos &&
        !numbers_before_month && numbers.empty()) {
      continue;
    }
    return std::nullopt;
  }
  if (!month || numbers.size() != 5) return std::nullopt;
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (numbers_before_month) {  // IMF-fixdate and RFC 850: day month year hh:mm:ss
    day = numbers[0], year = numbers[1], hour = numbers[2], minute = numbers[3], second = numbers[4];
  } else {  // asctime: month day hh:mm:ss year
    day = numbers[0], hour = numbers[1], minute = numbers[2], second = numbers[3], year = numbers[4];
  }
  if (year < 100) year += year < 70 ? 2000 : 1900;  // RFC 850's two-digit years
  const year_month_day date{std::chrono::year{year}, std::chrono::month{*month},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

}  // namespace rbxpipe::cloud
