#include "base/error.h"

#include <gtest/gtest.h>

#include <set>

namespace rbxpipe::base {
namespace {

TEST(Error, ContextChainIsOutermostFirst) {
  Error error = Error(ErrorCode::io_error, "disk full").with_context("write bundle").with_context("deploy volcano");
  EXPECT_EQ(error.to_string(), "deploy volcano: write bundle: disk full");
  EXPECT_EQ(error.message(), "disk full");
  EXPECT_EQ(error.context().size(), 2u);
}

TEST(Error, CopyingWithContextLeavesOriginalUnchanged) {
  const Error original(ErrorCode::not_found, "missing");
  Error wrapped = original.with_context("load project");
  EXPECT_EQ(original.to_string(), "missing");
  EXPECT_EQ(wrapped.to_string(), "load project: missing");
}

TEST(Error, CodesMapToContractExitCodes) {
  EXPECT_EQ(exit_code_for(ErrorCode::invalid_input), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::usage), 3);
  EXPECT_EQ(exit_code_for(ErrorCode::unauthenticated), 4);
  EXPECT_EQ(exit_code_for(ErrorCode::forbidden), 4);
  EXPECT_EQ(exit_code_for(ErrorCode::rate_limited), 5);
  EXPECT_EQ(exit_code_for(ErrorCode::unavailable), 5);
  EXPECT_EQ(exit_code_for(ErrorCode::internal), 1);
}

TEST(Error, CodesMapToHttpStatuses) {
  EXPECT_EQ(http_status_for(ErrorCode::invalid_input), 400);
  EXPECT_EQ(http_status_for(ErrorCode::unauthenticated), 401);
  EXPECT_EQ(http_status_for(ErrorCode::forbidden), 403);
  EXPECT_EQ(http_status_for(ErrorCode::not_found), 404);
  EXPECT_EQ(http_status_for(ErrorCode::conflict), 409);
  EXPECT_EQ(http_status_for(ErrorCode::rate_limited), 429);
  EXPECT_EQ(http_status_for(ErrorCode::unavailable), 503);
}

TEST(Error, OnlyTransientFailuresAreRetryable) {
  EXPECT_TRUE(is_retryable(ErrorCode::rate_limited));
  EXPECT_TRUE(is_retryable(ErrorCode::unavailable));
  EXPECT_TRUE(is_retryable(ErrorCode::timeout));
  EXPECT_FALSE(is_retryable(ErrorCode::invalid_input));
  EXPECT_FALSE(is_retryable(ErrorCode::forbidden));
  EXPECT_FALSE(is_retryable(ErrorCode::quota_exceeded));
}

TEST(Error, EveryCodeHasADistinctName) {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(ErrorCode::internal); ++i) names.insert(error_code_name(static_cast<ErrorCode>(i)));
  EXPECT_EQ(names.size(), static_cast<std::size_t>(ErrorCode::internal) + 1);
  EXPECT_EQ(error_code_name(ErrorCode::rate_limited), "rate_limited");
}

}  // namespace
}  // namespace rbxpipe::base
