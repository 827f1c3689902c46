#include "base/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace rbxpipe::base {
namespace {

Result<int> parse_positive(int value) {
  if (value <= 0) return Error(ErrorCode::invalid_input, "not positive");
  return value;
}

Result<void> check_twice(int value) {
  RBXPIPE_TRY(parse_positive(value));
  RBXPIPE_TRY(parse_positive(value - 10));
  return ok();
}

TEST(Result, HoldsValueOrError) {
  auto good = parse_positive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  auto bad = parse_positive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::invalid_input);
  EXPECT_EQ(bad.value_or(7), 7);
}

TEST(Result, MoveOnlyValuesAreSupported) {
  Result<std::unique_ptr<int>> result = std::make_unique<int>(5);
  ASSERT_TRUE(result);
  std::unique_ptr<int> owned = std::move(result).value();
  EXPECT_EQ(*owned, 5);
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_TRUE(check_twice(20).ok());
  auto failed = check_twice(5);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message(), "not positive");
}

TEST(Result, ArrowReachesMembers) {
  Result<std::string> text = std::string("lava");
  EXPECT_EQ(text->size(), 4u);
}

}  // namespace
}  // namespace rbxpipe::base
