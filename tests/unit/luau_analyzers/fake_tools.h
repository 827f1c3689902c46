#pragma once
// Fake analyzer programs for tests: tiny shell scripts in a temporary folder, put on PATH for one test.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {

/// Writes an executable `/bin/sh` script `name` into `dir` whose body is `body` (it sees PATH=/usr/bin:/bin).
std::filesystem::path write_tool(const TempDir& dir, std::string_view name, std::string_view body);

/// Sets PATH for the life of the object and restores the old value afterwards.
class PathOverride {
 public:
  /// PATH becomes `folder` alone, or `folder` in front of the current PATH when `keep_rest`.
  PathOverride(const std::filesystem::path& folder, bool keep_rest);
  ~PathOverride();
  PathOverride(const PathOverride&) = delete;
  PathOverride& operator=(const PathOverride&) = delete;

 private:
  std::optional<std::string> m_old;
};

/// The number written in `file` (a pid a fake tool recorded), or -1.
pid_t read_pid(const std::filesystem::path& file);

/// True when no live process has `pid` (a zombie nobody reaps counts as gone: it can do nothing any more).
bool process_gone(pid_t pid);

}  // namespace rbxpipe::testing
