#include "pipeline/project.h"

namespace rbxpipe::pipeline {

const EnvironmentConfig* ProjectConfig::find_environment(const std::string& env_name) const {
  for (const auto& environment : environments) {
    if (environment.name == env_name) return &environment;
  }
  return nullptr;
}

const EnvironmentConfig* ProjectConfig::select_environment(const std::optional<std::string>& requested) const {
  if (requested) return find_environment(*requested);
  if (default_env) return find_environment(*default_env);
  if (environments.size() == 1) return &environments.front();
  return nullptr;
}

}  // namespace rbxpipe::pipeline
