#pragma once
// Luau Execution: run a script against a place version in the cloud and read its outcome and logs (§3).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cloud/client.h"
#include "cloud/models.h"

namespace rbxpipe::cloud {

/// Runs Luau tasks over a client.
class LuauApi {
 public:
  /// Uses `client`, which must outlive this; waits sleep on `clock` (nullptr: the client's clock).
  explicit LuauApi(OpenCloudClient& client, base::Clock* clock = nullptr);

  /// Creates a task for a place version (the latest when `version` is empty); `timeout` at most 300 s.
  base::Result<LuauTask> create_task(std::int64_t universe_id, std::int64_t place_id,
                                     std::optional<std::int64_t> version, const std::string& script,
                                     std::chrono::seconds timeout = std::chrono::seconds(300));
  /// The task at `path`.
  base::Result<LuauTask> get_task(const std::string& path);
  /// Polls every `interval` while QUEUED or PROCESSING; timeout after `limit`.
  base::Result<LuauTask> wait_task(const std::string& path, std::chrono::milliseconds interval = std::chrono::seconds(3),
                                   std::chrono::milliseconds limit = std::chrono::minutes(6));
  /// Every printed line of the task, across pages.
  base::Result<std::vector<std::string>> logs(const std::string& path);

 private:
  OpenCloudClient& m_client;
  base::Clock* m_clock;
};

}  // namespace rbxpipe::cloud
