#include "cloud/rate_limit_headers.h"

#include <gtest/gtest.h>

#include "tests/support/fake_clock.h"

namespace rbxpipe::cloud {
namespace {

using namespace std::chrono_literals;

HttpHeaders headers(std::initializer_list<std::pair<std::string, std::string>> fields) {
  HttpHeaders out;
  for (const auto& [name, value] : fields) out.add(name, value);
  return out;
}

const auto k_now = testing::FakeClock::default_start();

TEST(RateLimitHeaders, ReadsTheFirstPolicyOfAMultiPolicyLimit) {
  const auto parsed = parse_rate_limit_headers(headers({{"X-RateLimit-Limit", "1000, 1000;w=60, 1000;w=60"}}), k_now);
  ASSERT_TRUE(parsed.limit);
  EXPECT_EQ(*parsed.limit, 1000);
  ASSERT_TRUE(parsed.limit_window);
  EXPECT_EQ(*parsed.limit_window, 60s);
}

TEST(RateLimitHeaders, ReadsAPlainLimitWithoutWindow) {
  const auto parsed = parse_rate_limit_headers(headers({{"x-ratelimit-limit", " 120 "}}), k_now);
  EXPECT_EQ(parsed.limit, 120);
  EXPECT_FALSE(parsed.limit_window);
}

TEST(RateLimitHeaders, ReadsTheWindowOfASinglePolicy) {
  const auto parsed = parse_rate_limit_headers(headers({{"x-ratelimit-limit", "10;w=1"}}), k_now);
  EXPECT_EQ(parsed.limit, 10);
  EXPECT_EQ(parsed.limit_window, 1s);
}

TEST(RateLimitHeaders, ReadsRemainingAndResetAsDeltaSeconds) {
  const auto parsed =
      parse_rate_limit_headers(headers({{"x-ratelimit-remaining", "998"}, {"x-ratelimit-reset", "20"}}), k_now);
  EXPECT_EQ(parsed.remaining, 998);
  EXPECT_EQ(parsed.reset, 20s);
  EXPECT_FALSE(parsed.retry_after);
}

TEST(RateLimitHeaders, AcceptsFractionalResetSeconds) {
  const auto parsed = parse_rate_limit_headers(headers({{"x-ratelimit-reset", "1.25"}}), k_now);
  EXPECT_EQ(parsed.reset, 1250ms);
}

TEST(RateLimitHeaders, IgnoresUnreadableValues) {
  const auto parsed = parse_rate_limit_headers(headers({{"x-ratelimit-limit", "lots"},
                                                        {"x-ratelimit-remaining", "-3"},
                                                        {"x-ratelimit-reset", "soon"},
                                                        {"retry-after", "whenever"}}),
                                               k_now);
  EXPECT_FALSE(parsed.limit);
  EXPECT_FALSE(parsed.remaining);
  EXPECT_FALSE(parsed.reset);
  EXPECT_FALSE(parsed.retry_after);
}

TEST(RateLimitHeaders, ReadsRetryAfterDeltaSeconds) {
  EXPECT_EQ(parse_rate_limit_headers(headers({{"Retry-After", "120"}}), k_now).retry_after, 120s);
}

TEST(RateLimitHeaders, ReadsRetryAfterHttpDateRelativeToNow) {
  // k_now is 2026-01-01T00:00:00Z, a Thursday.
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 2026 00:00:45 GMT", k_now), 45s);
}

TEST(RateLimitHeaders, RetryAfterDateInThePastMeansNoWait) {
  EXPECT_EQ(parse_retry_after("Wed, 31 Dec 2025 23:59:00 GMT", k_now), 0ms);
}

TEST(HttpDate, ParsesAllThreeRfc9110Forms) {
  using namespace std::chrono;
  const auto expected = sys_days{year{1994} / November / 6} + 8h + 49min + 37s;
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), expected);
}

TEST(HttpDate, RejectsMalformedDates) {
  EXPECT_FALSE(parse_http_date(""));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 2026 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"));
  EXPECT_FALSE(parse_http_date("tomorrow"));
}

}  // namespace
}  // namespace rbxpipe::cloud
