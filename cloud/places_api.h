#pragma once
// Place Publishing: upload a place file as a Saved or Published version (open-cloud.md §2).

#include <cstdint>
#include <string>

#include "base/result.h"
#include "cloud/client.h"

namespace rbxpipe::cloud {

/// Saved (Studio sees it, players do not) or Published (live).
enum class PlaceVersionType { saved, published };

/// Publishes place files over a client.
class PlacesApi {
 public:
  /// Uses `client`, which must outlive this.
  explicit PlacesApi(OpenCloudClient& client) : m_client(client) {}

  /// Uploads `bytes` (a .rbxl when `binary`, else .rbxlx) to a place; returns the new version number. A 409
  /// (Team Create open, or the place is not in the universe) is a conflict and never retried.
  base::Result<std::int64_t> publish(std::int64_t universe_id, std::int64_t place_id, const std::string& bytes,
                                     bool binary, PlaceVersionType type);

 private:
  OpenCloudClient& m_client;
};

}  // namespace rbxpipe::cloud
