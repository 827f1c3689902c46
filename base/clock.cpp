#include "base/clock.h"

#include <ctime>
#include <cstdio>
#include <thread>

namespace rbxpipe::base {

std::chrono::system_clock::time_point SystemClock::now() const { return std::chrono::system_clock::now(); }

std::chrono::steady_clock::time_point SystemClock::monotonic() const { return std::chrono::steady_clock::now(); }

void SystemClock::sleep_for(std::chrono::nanoseconds duration) {
  if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

Clock& system_clock() {
  // A function-local static avoids initialisation-order problems for callers in other static initialisers.
  static SystemClock clock;
  return clock;
}

std::string format_rfc3339(std::chrono::system_clock::time_point time) {
  // Floor rather than truncate so instants before 1970 still round towards the earlier second.
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const std::time_t since_epoch = std::chrono::system_clock::to_time_t(seconds);
  std::tm parts{};
  // gmtime_r is thread-safe, unlike gmtime, and the logger calls this from many threads.
  if (gmtime_r(&since_epoch, &parts) == nullptr) return "0000-00-00T00:00:00Z";
  char text[64];
  const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900,
                                   parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
  return std::string(text, static_cast<std::size_t>(length > 0 ? length : 0));
}

}  // namespace rbxpipe::base
