#include "stages/check_stages.h"

#include <memory>

#include "stages/assets_stage.h"
#include "stages/build_stage.h"
#include "stages/luau_stage.h"
#include "stages/project_stage.h"

namespace rbxpipe::stages {

void add_check_stages(pipeline::Runner& runner, const std::filesystem::path& path) {
  runner.add(std::make_unique<ProjectStage>(path));
  runner.add(std::make_unique<BuildCheckStage>());
  runner.add(std::make_unique<AssetsCheckStage>());
  runner.add(std::make_unique<LuauStage>());
}

}  // namespace rbxpipe::stages
