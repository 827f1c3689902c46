#include <gtest/gtest.h>

#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {
namespace {

TEST(ShippedDatabase, Loads) {
  const Database& database = Database::shipped();
  EXPECT_GT(database.class_count(), 10U);
  EXPECT_NE(database.find_property("Part", "size"), nullptr);
}

}  // namespace
}  // namespace rbxpipe::rbx::reflection
