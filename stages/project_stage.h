#pragma once
// The project stage: loads rbxpipe.json, the Rojo project and lesson data, and reports what is wrong with them.

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/stage.h"

namespace rbxpipe::stages {

/// Artifact key of the loaded pipeline::Project.
inline const std::string k_project_artifact = "project";

/// Loads the project at a path and produces `k_project_artifact`; fails when nothing usable could be read.
class ProjectStage final : public pipeline::Stage {
 public:
  /// A stage loading the project folder or file at `path`.
  explicit ProjectStage(std::filesystem::path path) : m_path(std::move(path)) {}

  std::string_view name() const override { return "project"; }
  std::vector<std::string> needs() const override { return {}; }
  std::vector<std::string> produces() const override { return {k_project_artifact}; }
  base::Result<void> run(pipeline::StageContext& context) override;

 private:
  std::filesystem::path m_path;
};

}  // namespace rbxpipe::stages
