#include "cloud/emulator/time_text.h"

#include <array>
#include <cstdio>

namespace rbxpipe::cloud::emulator {

namespace {

using std::chrono::days;
using std::chrono::system_clock;

bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

struct Civil {
  int year, month, day, hour, minute, second, millisecond;
  unsigned weekday;
};

Civil to_civil(system_clock::time_point time) {
  auto millis = std::chrono::floor<std::chrono::milliseconds>(time);
  auto day_point = std::chrono::floor<days>(millis);
  std::chrono::year_month_day date{day_point};
  std::chrono::hh_mm_ss clock{millis - day_point};
  std::chrono::weekday weekday{day_point};
  return {static_cast<int>(date.year()),          static_cast<int>(static_cast<unsigned>(date.month())),
          static_cast<int>(static_cast<unsigned>(date.day())), static_cast<int>(clock.hours().count()),
          static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()),
          static_cast<int>(clock.subseconds().count()), weekday.c_encoding()};
}

}  // namespace

std::optional<system_clock::time_point> parse_rfc3339(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || !read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
      !read_digits(text, 11, 2, hour) || text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
      !read_digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  if (at + 1 != text.size() || (text[at] != 'Z' && text[at] != 'z')) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                   std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

std::string format_timestamp(system_clock::time_point time) {
  Civil c = to_civil(time);
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second, c.millisecond);
  return buffer.data();
}

std::string format_http_date(system_clock::time_point time) {
  static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Civil c = to_civil(time);
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT", k_days[c.weekday % 7],
                c.day, k_months[static_cast<std::size_t>(c.month - 1) % 12], c.year, c.hour, c.minute, c.second);
  return buffer.data();
}

}  // namespace rbxpipe::cloud::emulator
