#pragma once
// The command-line front: parses arguments, dispatches to one command, returns the process exit code.

namespace rbxpipe::cli {

/// Runs rbxpipe with `argv`; returns the exit code (CONTRACTS.md §4: 0 ok, 1 failed, 2 invalid input, 3 usage...).
int run(int argc, char** argv);

}  // namespace rbxpipe::cli
