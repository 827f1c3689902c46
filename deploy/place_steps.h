#pragma once
// Internal to deploy/: the journaled place steps a deploy and a rollback share.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "cloud/places_api.h"
#include "deploy/cloud_session.h"
#include "deploy/deploy_state.h"

namespace rbxpipe::deploy {

/// Publishes `place` once per journal `key`: a finished publish under that key returns its version without
/// sending again.
base::Result<std::int64_t> publish_once(CloudSession& session, DeployState& state, const std::string& key,
                                        const pipeline::EnvironmentConfig& environment, const std::string& place,
                                        cloud::PlaceVersionType type);

/// Runs the smoke-test `script` against place `version`; an Error (invalid_input) when it fails, with its logs.
base::Result<std::vector<std::string>> run_smoke_test(CloudSession& session, DeployState& state,
                                                      const std::string& key,
                                                      const pipeline::EnvironmentConfig& environment,
                                                      std::int64_t version, const std::string& script);

/// Restarts servers on older versions once per journal `key`.
base::Result<void> restart_once(CloudSession& session, DeployState& state, const std::string& key,
                                const pipeline::EnvironmentConfig& environment);

}  // namespace rbxpipe::deploy
