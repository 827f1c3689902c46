#include "base/paths.h"

#include <cstdlib>
#include <string>

namespace rbxpipe::base {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

std::filesystem::path rbxpipe_home() {
  if (std::string home = env("RBXPIPE_HOME"); !home.empty()) return home;
  if (std::string xdg = env("XDG_DATA_HOME"); !xdg.empty()) return std::filesystem::path(xdg) / "rbxpipe";
  if (std::string user = env("HOME"); !user.empty()) return std::filesystem::path(user) / ".local/share/rbxpipe";
  return {};
}

}  // namespace rbxpipe::base
