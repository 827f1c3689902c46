#pragma once
// Universe-level calls: restart servers after a publish (§2.2), asset quotas (§1.9) and API key introspection (§4.1).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cloud/client.h"
#include "cloud/models.h"

namespace rbxpipe::cloud {

/// What restartServers should do.
struct RestartOptions {
  std::vector<std::int64_t> place_ids;   ///< empty: every place
  bool close_all_versions = false;       ///< false: only servers on older versions
  std::optional<int> bleed_off_minutes;  ///< 1..60: let players leave gradually
};

/// Restarts servers of a universe.
base::Result<void> restart_servers(OpenCloudClient& client, std::int64_t universe_id, const RestartOptions& options);

/// A user's asset quotas; `filter` like `quotaType == RateLimitUpload && assetType == Audio`.
base::Result<std::vector<AssetQuota>> asset_quotas(OpenCloudClient& client, std::int64_t user_id,
                                                   const std::string& filter = {});

/// What the service knows about the client's own API key (scopes, expiry, owner).
base::Result<ApiKeyInfo> introspect_api_key(OpenCloudClient& client);

}  // namespace rbxpipe::cloud
