#pragma once
// Runs one external program to completion or to its time limit, capturing stdout and stderr; the program and
// everything it started are killed when the limit passes.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::base {

/// What to run.
struct ToolCommand {
  std::filesystem::path program;             ///< the executable (absolute, as found by find_program)
  std::vector<std::string> arguments;        ///< arguments after the program name
  std::filesystem::path working_directory;   ///< where it runs; empty: the current folder
  std::chrono::milliseconds timeout{60'000};  ///< the process group is killed when this passes
};

/// How a run ended and what it printed.
struct ToolRun {
  int exit_code = 0;                     ///< exit status; the signal number when killed; meaningless on timeout
  bool timed_out = false;                ///< killed because the time limit passed
  std::string out;                       ///< everything written to stdout (capped at k_max_tool_output bytes)
  std::string err;                       ///< everything written to stderr (capped likewise)
  std::chrono::milliseconds elapsed{0};  ///< wall time from start to exit
};

/// Bytes kept of each output stream; the rest is read and dropped so the tool never blocks on a full pipe.
inline constexpr std::size_t k_max_tool_output = 16u << 20;

/// The executable called `name` in the folders of PATH, or nullopt when none is there.
std::optional<std::filesystem::path> find_program(std::string_view name);

/// Runs `command` with stdin closed. The child gets its own process group, killed as a whole at the time limit.
/// An Error (not_found, io_error) only when the program could not be started.
base::Result<ToolRun> run_tool(const ToolCommand& command);

}  // namespace rbxpipe::base
