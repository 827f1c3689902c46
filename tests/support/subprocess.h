#pragma once
// Runs a program to completion for end-to-end tests, capturing stdout and stderr separately.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace rbxpipe::testing {

/// How a finished program ended and what it printed.
struct ProcessResult {
  int exit_code = -1;       ///< exit status, or 128 + signal number when killed by a signal
  std::string out;          ///< everything written to stdout
  std::string err;          ///< everything written to stderr
};

/// Runs `argv` in `cwd` with the current environment plus `env` overrides (an empty value unsets the variable);
/// stdin holds `input` (empty: /dev/null). Output goes through temp files so a chatty child can never block on a
/// full pipe.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::map<std::string, std::string>& env = {}, const std::string& input = {});

}  // namespace rbxpipe::testing
