#pragma once
// Where rbxpipe keeps its state (CONTRACTS.md §1).

#include <filesystem>

namespace rbxpipe::base {

/// The state folder: $RBXPIPE_HOME, else $XDG_DATA_HOME/rbxpipe, else ~/.local/share/rbxpipe; empty when none of
/// these variables is set. `--home DIR` works by setting RBXPIPE_HOME for the process.
std::filesystem::path rbxpipe_home();

}  // namespace rbxpipe::base
