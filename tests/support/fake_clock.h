#pragma once
// FakeClock: a Clock whose time moves only when a test says so (sleep_for advances it instantly).

#include <atomic>
#include <chrono>
#include <mutex>

#include "base/clock.h"

namespace rbxpipe::testing {

/// A deterministic, thread-safe clock for unit tests.
class FakeClock final : public base::Clock {
 public:
  /// Starts at `start` wall time (2026-01-01T00:00:00Z by default) and an arbitrary monotonic origin.
  explicit FakeClock(std::chrono::system_clock::time_point start = default_start());

  std::chrono::system_clock::time_point now() const override;
  std::chrono::steady_clock::time_point monotonic() const override;
  /// Advances time by `duration` and returns immediately; total slept time is recorded.
  void sleep_for(std::chrono::nanoseconds duration) override;

  /// Moves both clocks forward.
  void advance(std::chrono::nanoseconds duration);
  /// Sum of every sleep_for so far.
  std::chrono::nanoseconds total_slept() const;
  /// 2026-01-01T00:00:00Z.
  static std::chrono::system_clock::time_point default_start();

 private:
  mutable std::mutex m_mutex;
  std::chrono::system_clock::time_point m_wall;
  std::chrono::steady_clock::time_point m_monotonic;
  std::chrono::nanoseconds m_slept{0};
};

}  // namespace rbxpipe::testing
