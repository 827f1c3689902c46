#include "base/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "tests/support/fake_clock.h"

namespace rbxpipe::base {
namespace {

using namespace std::chrono_literals;

std::chrono::system_clock::time_point at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(Clock, FormatsRfc3339InUtc) {
  EXPECT_EQ(format_rfc3339(at(2026, 11, 25, 20, 48, 50)), "2026-11-25T20:48:50Z");
}

TEST(Clock, FormatsEpoch) {
  EXPECT_EQ(format_rfc3339(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00Z");
}

TEST(Clock, FormatDropsSubSecondPrecision) {
  EXPECT_EQ(format_rfc3339(at(2024, 2, 29, 23, 59, 59) + 999ms), "2024-02-29T23:59:59Z");
}

TEST(Clock, FormatPadsSingleDigitFields) {
  EXPECT_EQ(format_rfc3339(at(2031, 1, 2, 3, 4, 5)), "2031-01-02T03:04:05Z");
}

TEST(Clock, SystemClockNowIsCloseToStandardClock) {
  const auto before = std::chrono::system_clock::now();
  const auto now = system_clock().now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

TEST(Clock, SystemClockSleepAdvancesMonotonicTime) {
  SystemClock clock;
  const auto start = clock.monotonic();
  clock.sleep_for(5ms);
  EXPECT_GE(clock.monotonic() - start, 5ms);
}

TEST(Clock, SystemClockIsOneInstance) { EXPECT_EQ(&system_clock(), &system_clock()); }

TEST(FakeClock, StartsAtNewYear2026) {
  testing::FakeClock clock;
  EXPECT_EQ(format_rfc3339(clock.now()), "2026-01-01T00:00:00Z");
  EXPECT_EQ(clock.now(), testing::FakeClock::default_start());
}

TEST(FakeClock, StartsAtGivenTime) {
  testing::FakeClock clock(at(2030, 6, 15, 12, 0, 0));
  EXPECT_EQ(format_rfc3339(clock.now()), "2030-06-15T12:00:00Z");
}

TEST(FakeClock, AdvanceMovesBothClocksWithoutCountingAsSleep) {
  testing::FakeClock clock;
  const auto wall = clock.now();
  const auto mono = clock.monotonic();
  clock.advance(90s);
  EXPECT_EQ(clock.now() - wall, 90s);
  EXPECT_EQ(clock.monotonic() - mono, 90s);
  EXPECT_EQ(clock.total_slept(), 0ns);
}

TEST(FakeClock, SleepAdvancesTimeAndRecordsTotal) {
  testing::FakeClock clock;
  const auto mono = clock.monotonic();
  clock.sleep_for(250ms);
  clock.sleep_for(750ms);
  EXPECT_EQ(clock.monotonic() - mono, 1s);
  EXPECT_EQ(format_rfc3339(clock.now()), "2026-01-01T00:00:01Z");
  EXPECT_EQ(clock.total_slept(), 1s);
}

TEST(FakeClock, NegativeSleepDoesNothing) {
  testing::FakeClock clock;
  const auto mono = clock.monotonic();
  clock.sleep_for(-5s);
  EXPECT_EQ(clock.monotonic(), mono);
  EXPECT_EQ(clock.total_slept(), 0ns);
}

TEST(FakeClock, ConcurrentSleepsAllCount) {
  testing::FakeClock clock;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&clock] {
      for (int i = 0; i < 1000; ++i) clock.sleep_for(1ms);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(clock.total_slept(), 4s);
  EXPECT_EQ(clock.now() - testing::FakeClock::default_start(), 4s);
}

}  // namespace
}  // namespace rbxpipe::base
