#include "stages/project_stage.h"

#include "pipeline/project_loader.h"

namespace rbxpipe::stages {

base::Result<void> ProjectStage::run(pipeline::StageContext& context) {
  auto loaded = pipeline::load_project(m_path);
  for (auto& diagnostic : loaded.diagnostics) context.report(std::move(diagnostic));
  if (!loaded.project) {
    return base::Error(base::ErrorCode::invalid_input, "the project at '" + m_path.string() + "' could not be read");
  }
  return context.artifacts().put(k_project_artifact, std::move(*loaded.project));
}

}  // namespace rbxpipe::stages
