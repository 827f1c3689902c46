#pragma once
// CloudSession: the Open Cloud client of one environment, with its API key resolved from the environment's
// reference (never from the project file), and the pre-flight check of that key.

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "cloud/client.h"
#include "cloud/models.h"
#include "pipeline/project.h"

namespace rbxpipe::deploy {

/// What a deploy needs the key to allow.
struct KeyNeeds {
  bool assets = false;         ///< asset:read and asset:write (uploads, moderation)
  bool publish = true;         ///< universe-places:write on the universe
  bool luau = false;           ///< universe.place.luau-execution-session:write (smoke test)
  bool restart = false;        ///< universe:write (restart servers)
};

/// How to reach Open Cloud.
struct SessionOptions {
  std::filesystem::path home;                     ///< state folder (keystore for `{"secret": ...}` references)
  std::string tenant = "local";                   ///< the tenant (fair share; namespaced secrets)
  std::optional<std::string> open_cloud_url;      ///< overrides RBXPIPE_OPEN_CLOUD_URL and the environment's URL
  std::shared_ptr<cloud::HttpTransport> transport;  ///< nullptr: libcurl
  base::Clock* clock = nullptr;                   ///< nullptr: the system clock
};

/// An environment's client.
struct CloudSession {
  std::unique_ptr<cloud::OpenCloudClient> client;  ///< the client
  cloud::CreatorRef creator;                       ///< who owns uploads
  std::string creator_text;                        ///< "group:789"
  std::string base_url;                            ///< where it talks to
  std::shared_ptr<std::atomic<int>> api_calls;     ///< requests sent through this session so far
};

/// The environment's API key: its `api_key` reference (an environment variable, or a keystore secret named as
/// given or `<tenant>.<name>`), else RBXPIPE_API_KEY. unauthenticated naming the reference when it is missing.
base::Result<std::string> resolve_api_key(const pipeline::EnvironmentConfig& environment,
                                          const SessionOptions& options);

/// Opens a session for `environment`: flag URL, else RBXPIPE_OPEN_CLOUD_URL, else the environment's, else Roblox.
base::Result<CloudSession> open_session(const pipeline::EnvironmentConfig& environment, const SessionOptions& options);

/// Introspects the key and fails fast (unauthenticated / forbidden) when it is disabled, expired, or lacks a scope
/// or the universe `needs` asks for; the message names what is missing.
base::Result<void> preflight(CloudSession& session, const pipeline::EnvironmentConfig& environment,
                             const KeyNeeds& needs);

}  // namespace rbxpipe::deploy
