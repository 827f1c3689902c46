#include "tests/support/fake_clock.h"

namespace rbxpipe::testing {

FakeClock::FakeClock(std::chrono::system_clock::time_point start)
    // The monotonic origin is arbitrary but fixed so runs are reproducible; one hour keeps it clearly non-zero.
    : m_wall(start), m_monotonic(std::chrono::steady_clock::time_point(std::chrono::hours(1))) {}

std::chrono::system_clock::time_point FakeClock::now() const {
  std::lock_guard lock(m_mutex);
  return m_wall;
}

std::chrono::steady_clock::time_point FakeClock::monotonic() const {
  std::lock_guard lock(m_mutex);
  return m_monotonic;
}

void FakeClock::sleep_for(std::chrono::nanoseconds duration) {
  // Negative sleeps are no-ops on the real clock, so they must not move fake time backwards either.
  if (duration.count() <= 0) return;
  std::lock_guard lock(m_mutex);
  m_wall += std::chrono::duration_cast<std::chrono::system_clock::duration>(duration);
  m_monotonic += duration;
  m_slept += duration;
}

void FakeClock::advance(std::chrono::nanoseconds duration) {
  std::lock_guard lock(m_mutex);
  m_wall += std::chrono::duration_cast<std::chrono::system_clock::duration>(duration);
  m_monotonic += duration;
}

std::chrono::nanoseconds FakeClock::total_slept() const {
  std::lock_guard lock(m_mutex);
  return m_slept;
}

std::chrono::system_clock::time_point FakeClock::default_start() {
  using namespace std::chrono;
  return sys_days{year{2026} / January / 1};
}

}  // namespace rbxpipe::testing
