#include "cloud/http_transport.h"

#include <gtest/gtest.h>

namespace rbxpipe::cloud {
namespace {

TEST(HttpHeaders, GetIgnoresCaseAndReturnsTheFirstValue) {
  HttpHeaders headers;
  headers.add("X-RateLimit-Remaining", "5");
  headers.add("x-ratelimit-remaining", "6");
  EXPECT_EQ(headers.get("x-ratelimit-remaining"), "5");
  EXPECT_FALSE(headers.get("retry-after"));
}

TEST(HttpHeaders, SetReplacesEveryFieldOfThatName) {
  HttpHeaders headers;
  headers.add("x-api-key", "a");
  headers.add("X-Api-Key", "b");
  headers.add("Accept", "*/*");
  headers.set("x-api-key", "c");
  ASSERT_EQ(headers.fields().size(), 2u);
  EXPECT_EQ(headers.get("X-API-KEY"), "c");
}

TEST(RequestMayHaveArrived, IsFalseUntilMarkedAndSurvivesOuterContext) {
  base::Error error(base::ErrorCode::timeout, "Timeout was reached");
  EXPECT_FALSE(request_may_have_arrived(error));
  base::Error marked = mark_may_have_arrived(error.with_context("inner"));
  EXPECT_TRUE(request_may_have_arrived(marked));
  base::Error wrapped = std::move(marked).with_context("upload asset 'a.png'");
  EXPECT_TRUE(request_may_have_arrived(wrapped));
  EXPECT_EQ(wrapped.to_string(), "upload asset 'a.png': inner: request sent: Timeout was reached");
  EXPECT_EQ(mark_may_have_arrived(wrapped).context().size(), 3u);
}

}  // namespace
}  // namespace rbxpipe::cloud
