#pragma once
// Clock: the one way rbxpipe asks for the time or waits, so tests can substitute a fake.

#include <chrono>
#include <string>

namespace rbxpipe::base {

/// Wall time (for timestamps and expiry) and monotonic time (for durations, backoff and rate limits).
class Clock {
 public:
  virtual ~Clock() = default;
  /// Current wall-clock time.
  virtual std::chrono::system_clock::time_point now() const = 0;
  /// Current monotonic time.
  virtual std::chrono::steady_clock::time_point monotonic() const = 0;
  /// Blocks the calling thread for `duration` (a fake advances its time instead).
  virtual void sleep_for(std::chrono::nanoseconds duration) = 0;
};

/// The real clock.
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override;
  std::chrono::steady_clock::time_point monotonic() const override;
  void sleep_for(std::chrono::nanoseconds duration) override;
};

/// A process-wide SystemClock for code that is not handed a clock.
Clock& system_clock();

/// RFC 3339 UTC text of a wall time with second precision ("2026-11-25T20:48:50Z").
std::string format_rfc3339(std::chrono::system_clock::time_point time);

}  // namespace rbxpipe::base
