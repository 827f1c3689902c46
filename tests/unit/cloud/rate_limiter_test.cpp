#include "cloud/rate_limiter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/support/fake_clock.h"

namespace rbxpipe::cloud {
namespace {

using namespace std::chrono_literals;

RateLimits limits_of(int assets_per_minute) {
  RateLimits limits;
  limits.per_minute[EndpointClass::assets] = assets_per_minute;
  return limits;
}

// Takes `count` tokens and returns how long that made the caller sleep.
std::chrono::nanoseconds take(RateLimiter& limiter, testing::FakeClock& clock, int count,
                              const std::string& owner = "group:1", EndpointClass endpoint = EndpointClass::assets) {
  const auto before = clock.total_slept();
  for (int i = 0; i < count; ++i) EXPECT_TRUE(limiter.acquire(owner, endpoint, "local").ok());
  return clock.total_slept() - before;
}

TEST(RateLimits, ShippedFileHasEveryEndpointClassWithTheDocumentedLimits) {
  auto limits = RateLimits::shipped();
  ASSERT_TRUE(limits.ok()) << limits.error().to_string();
  EXPECT_EQ(limits->window, 60s);
  EXPECT_EQ(limits->per_minute.size(), 11u);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::assets), 120);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::asset_versions), 100);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::operations), 300);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::place_publishing), 30);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::luau_task_create), 5);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::luau_task_read), 45);
  EXPECT_EQ(limits->per_minute.at(EndpointClass::asset_quotas), 60);
}

TEST(RateLimits, ParseRejectsUnknownClassesAndBadNumbers) {
  EXPECT_FALSE(RateLimits::parse(R"({"limits":{"asset":120}})").ok());
  EXPECT_FALSE(RateLimits::parse(R"({"limits":{"assets":0}})").ok());
  EXPECT_FALSE(RateLimits::parse(R"({"limits":{"assets":{"note":"x"}}})").ok());
  EXPECT_FALSE(RateLimits::parse("[]").ok());
  auto parsed = RateLimits::parse(R"({"window_seconds":1,"limits":{"assets":7,"operations":{"per_minute":9}}})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->window, 1s);
  EXPECT_EQ(parsed->per_minute.at(EndpointClass::operations), 9);
}

TEST(RateLimits, EndpointClassNamesRoundTrip) {
  EXPECT_EQ(endpoint_class_name(EndpointClass::place_publishing), "place_publishing");
  EXPECT_EQ(endpoint_class_from_name("luau_task_logs"), EndpointClass::luau_task_logs);
  EXPECT_FALSE(endpoint_class_from_name("places"));
}

TEST(RateLimiter, FullBucketServesItsCapacityWithoutWaiting) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(120), clock);
  EXPECT_EQ(take(limiter, clock, 120), 0ns);
  EXPECT_EQ(take(limiter, clock, 1), 500ms);  // 120 per minute: one token every 0.5 s
}

TEST(RateLimiter, RefillsContinuouslyAtTheLimitPerWindow) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(120), clock);
  take(limiter, clock, 120);
  EXPECT_EQ(std::chrono::round<std::chrono::milliseconds>(take(limiter, clock, 60)), 30s);
}

TEST(RateLimiter, BucketsAreSeparatePerOwnerAndEndpointClass) {
  testing::FakeClock clock;
  RateLimits limits = limits_of(2);
  limits.per_minute[EndpointClass::operations] = 2;
  RateLimiter limiter(limits, clock);
  take(limiter, clock, 2, "group:1");
  EXPECT_EQ(take(limiter, clock, 2, "group:2"), 0ns);
  EXPECT_EQ(take(limiter, clock, 2, "group:1", EndpointClass::operations), 0ns);
}

TEST(RateLimiter, ObservedRemainingCapsTheTokens) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(120), clock);
  RateLimitHeaders headers;
  headers.remaining = 2;  // another process of the same owner spent the rest
  limiter.observe("group:1", EndpointClass::assets, headers);
  EXPECT_EQ(take(limiter, clock, 2), 0ns);
  EXPECT_EQ(take(limiter, clock, 1), 500ms);
}

TEST(RateLimiter, ObservedResetRefillsEvenlyUntilTheServerIsFull) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(120), clock);
  RateLimitHeaders headers;
  headers.remaining = 0;
  headers.reset = 20s;
  limiter.observe("group:1", EndpointClass::assets, headers);
  // 120 tokens over 20 s: one every 1/6 s, so 60 of them take 10 s, and the bucket is full at 20 s.
  auto first_sixty = take(limiter, clock, 60);
  EXPECT_GE(first_sixty, 9900ms);
  EXPECT_LE(first_sixty, 10100ms);
  clock.advance(10s);
  EXPECT_LE(take(limiter, clock, 60), 200ms);
}

TEST(RateLimiter, ObservedRemainingNeverRaisesTheTokens) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(4), clock);
  take(limiter, clock, 4);
  RateLimitHeaders headers;
  headers.remaining = 4;  // an older answer arriving late
  limiter.observe("group:1", EndpointClass::assets, headers);
  EXPECT_EQ(take(limiter, clock, 1), 15s);
}

TEST(RateLimiter, ObservedLimitLowersTheCapacityOnlyForTheSameWindow) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(120), clock);
  RateLimitHeaders per_second;
  per_second.limit = 1;
  per_second.limit_window = 1s;
  limiter.observe("group:1", EndpointClass::assets, per_second);
  RateLimitHeaders higher;
  higher.limit = 1000;
  limiter.observe("group:1", EndpointClass::assets, higher);
  EXPECT_EQ(take(limiter, clock, 120), 0ns);  // neither changed the bucket
  RateLimitHeaders lower;
  lower.limit = 60;
  lower.limit_window = 60s;
  limiter.observe("group:1", EndpointClass::assets, lower);
  EXPECT_EQ(take(limiter, clock, 1), 1s);  // now 60 per minute
}

TEST(RateLimiter, BackOffEmptiesTheBucketAndBlocksItForTheWait) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(120), clock);
  limiter.back_off("group:1", EndpointClass::assets, 30s);
  EXPECT_EQ(take(limiter, clock, 1), 30s);
  EXPECT_EQ(take(limiter, clock, 59), 0ns);  // refilled at 2 per second while blocked
  EXPECT_EQ(take(limiter, clock, 1), 500ms);
}

TEST(RateLimiter, UnconfiguredClassIsLimitedOnlyByServerAnswers) {
  testing::FakeClock clock;
  RateLimiter limiter(RateLimits{}, clock);
  EXPECT_EQ(take(limiter, clock, 1000), 0ns);
  limiter.back_off("group:1", EndpointClass::assets, 5s);
  EXPECT_EQ(take(limiter, clock, 1), 5s);
}

TEST(RateLimiter, FailsAtOnceWhenNoTokenCanComeBeforeTheDeadline) {
  testing::FakeClock clock;
  RateLimiter limiter(limits_of(60), clock);
  take(limiter, clock, 60);
  auto result = limiter.acquire("group:1", EndpointClass::assets, "local", clock.monotonic() + 100ms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::timeout);
  EXPECT_EQ(clock.total_slept(), 0ns);
  EXPECT_TRUE(limiter.acquire("group:1", EndpointClass::assets, "local", clock.monotonic() + 2s).ok());
  EXPECT_EQ(clock.total_slept(), 1s);
}

TEST(RateLimiter, WaitingTenantsShareTokensByWeight) {
  // Real threads and time: 50 tokens per second, drained, 3 threads per tenant always waiting.
  RateLimits limits;
  limits.per_minute[EndpointClass::place_publishing] = 50;
  limits.window = 1s;
  RateLimiter limiter(limits, base::system_clock());
  limiter.set_weight("lesson", 3);
  limiter.set_weight("deploy", 1);
  RateLimitHeaders drained;
  drained.remaining = 0;
  limiter.observe("group:1", EndpointClass::place_publishing, drained);

  constexpr int k_grants = 48;
  std::mutex mutex;
  std::vector<std::string> served;
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  for (const std::string tenant : {"lesson", "deploy"}) {
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&, tenant] {
        while (!done) {
          ASSERT_TRUE(limiter.acquire("group:1", EndpointClass::place_publishing, tenant).ok());
          std::lock_guard lock(mutex);
          if (served.size() < k_grants) served.push_back(tenant);
          if (served.size() >= k_grants) done = true;
        }
      });
    }
  }
  for (auto& thread : threads) thread.join();
  const auto lesson = std::count(served.begin(), served.end(), "lesson");
  // Exactly 36 : 12 when every thread waits from the start; allow for threads still arriving at the first token.
  EXPECT_GE(lesson, 32);
  EXPECT_LE(lesson, 40);
}

}  // namespace
}  // namespace rbxpipe::cloud
