#include "base/embedded_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "tests/support/temp_dir.h"

namespace rbxpipe::base {
namespace {

TEST(EmbeddedFiles, ShippedSchemaIsCompiledIn) {
  auto schema = embedded_file("schemas/rbxpipe.schema.json");
  ASSERT_TRUE(schema.has_value());
  EXPECT_NE(schema->find("\"$schema\""), std::string_view::npos);
  EXPECT_FALSE(embedded_file("schemas/no-such.json").has_value());
}

TEST(EmbeddedFiles, ListsFilesUnderAPrefixSorted) {
  auto files = embedded_files_under("schemas/");
  ASSERT_GE(files.size(), 2u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  for (const auto& f : files) EXPECT_TRUE(f.starts_with("schemas/")) << f;
}

TEST(EmbeddedFiles, ConfigDirOverridesShippedFile) {
  testing::TempDir dir;
  dir.write("schemas/rbxpipe.schema.json", "{\"override\":true}");
  ::setenv("RBXPIPE_CONFIG_DIR", dir.path().c_str(), 1);
  auto overridden = read_config_file("schemas/rbxpipe.schema.json");
  ::unsetenv("RBXPIPE_CONFIG_DIR");
  ASSERT_TRUE(overridden.ok());
  EXPECT_EQ(*overridden, "{\"override\":true}");
  auto shipped = read_config_file("schemas/rbxpipe.schema.json");
  ASSERT_TRUE(shipped.ok());
  EXPECT_NE(*shipped, "{\"override\":true}");
  EXPECT_EQ(read_config_file("nope.json").error().code(), ErrorCode::not_found);
}

}  // namespace
}  // namespace rbxpipe::base
