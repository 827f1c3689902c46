#pragma once
// The set of stages `rbxpipe check` runs: every check there is, none of which writes anything.

#include <filesystem>

#include "pipeline/runner.h"

namespace rbxpipe::stages {

/// Adds every read-only check stage for the project at `path` to `runner`.
void add_check_stages(pipeline::Runner& runner, const std::filesystem::path& path);

}  // namespace rbxpipe::stages
