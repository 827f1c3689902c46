#include "stages/check_stages.h"

#include <memory>

#include "stages/project_stage.h"

namespace rbxpipe::stages {

void add_check_stages(pipeline::Runner& runner, const std::filesystem::path& path) {
  runner.add(std::make_unique<ProjectStage>(path));
}

}  // namespace rbxpipe::stages
