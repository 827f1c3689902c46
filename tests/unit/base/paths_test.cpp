#include "base/paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace rbxpipe::base {
namespace {

// Sets environment variables for one test and restores them afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    value == nullptr ? ::unsetenv(name) : ::setenv(name, value, 1);
  }
  ~ScopedEnv() { m_old ? ::setenv(m_name, m_old->c_str(), 1) : ::unsetenv(m_name); }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

TEST(Paths, RbxpipeHomeWinsOverXdgAndHome) {
  ScopedEnv home("HOME", "/home/u");
  ScopedEnv xdg("XDG_DATA_HOME", "/data");
  ScopedEnv own("RBXPIPE_HOME", "/state");
  EXPECT_EQ(rbxpipe_home(), std::filesystem::path("/state"));
}

TEST(Paths, FallsBackToXdgThenHome) {
  ScopedEnv home("HOME", "/home/u");
  ScopedEnv own("RBXPIPE_HOME", nullptr);
  {
    ScopedEnv xdg("XDG_DATA_HOME", "/data");
    EXPECT_EQ(rbxpipe_home(), std::filesystem::path("/data/rbxpipe"));
  }
  ScopedEnv xdg("XDG_DATA_HOME", nullptr);
  EXPECT_EQ(rbxpipe_home(), std::filesystem::path("/home/u/.local/share/rbxpipe"));
}

}  // namespace
}  // namespace rbxpipe::base
