#pragma once
// Shared helpers for end-to-end tests: the real rbxpipe binary run over fixtures on disk.

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"

namespace rbxpipe::testing {

/// The repository's fixtures/projects folder.
inline std::filesystem::path projects_dir() { return std::filesystem::path(RBXPIPE_SOURCE_DIR) / "fixtures/projects"; }

/// Runs the rbxpipe binary with `args` in `cwd`, colour and progress off, with a private RBXPIPE_HOME.
inline ProcessResult run_rbxpipe(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  std::vector<std::string> argv = {RBXPIPE_BINARY, "--progress", "none"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, cwd, {{"NO_COLOR", "1"}, {"RBXPIPE_CONFIG_DIR", ""}, {"RBXPIPE_HOME", (std::filesystem::temp_directory_path() / "rbxpipe-e2e-home").string()}});
}

}  // namespace rbxpipe::testing
