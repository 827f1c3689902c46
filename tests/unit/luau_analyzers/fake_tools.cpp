#include "tests/unit/luau_analyzers/fake_tools.h"

#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace rbxpipe::testing {

std::filesystem::path write_tool(const TempDir& dir, std::string_view name, std::string_view body) {
  auto path = dir.write(name, "#!/bin/sh\nPATH=/usr/bin:/bin\n" + std::string(body) + "\n");
  std::filesystem::permissions(path, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                         std::filesystem::perms::group_exec);
  return path;
}

PathOverride::PathOverride(const std::filesystem::path& folder, bool keep_rest) {
  if (const char* old = std::getenv("PATH")) m_old = old;
  std::string value = folder.string();
  if (keep_rest && m_old) value += ":" + *m_old;
  ::setenv("PATH", value.c_str(), 1);
}

PathOverride::~PathOverride() {
  if (m_old) {
    ::setenv("PATH", m_old->c_str(), 1);
  } else {
    ::unsetenv("PATH");
  }
}

pid_t read_pid(const std::filesystem::path& file) {
  std::ifstream in(file);
  long pid = -1;
  if (!(in >> pid)) return -1;
  return static_cast<pid_t>(pid);
}

bool process_gone(pid_t pid) {
  if (::kill(pid, 0) != 0) return errno == ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  // "pid (comm) S ...": the state follows the last ')'.
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

}  // namespace rbxpipe::testing
