#pragma once
// Assets API v1: create, get, update, versions (list, get, rollback), archive and restore (open-cloud.md §1).

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "cloud/client.h"
#include "cloud/models.h"

namespace rbxpipe::cloud {

/// A file to upload as a new asset or a new version.
struct AssetUpload {
  std::string asset_type;       ///< Image, Audio, Model, Animation, Decal, Video, Mesh
  std::string display_name;     ///< at most 50 characters are sent (the last 50, as file names end meaningfully)
  std::string description;      ///< at most 1000 characters
  CreatorRef creator;           ///< who will own it
  std::string file_name;        ///< sent as the part's file name
  std::string content_type;     ///< image/png, audio/ogg, model/x-rbxm, ... (content_type_for_file gives it)
  std::string content;          ///< the bytes
  std::optional<std::int64_t> expected_price;  ///< Robux the caller accepts to pay (videos)
};

/// The MIME type Open Cloud expects for a file name's extension ("lava.png" -> "image/png"); empty when unknown.
std::string content_type_for_file(std::string_view file_name);

/// The Assets API over a client.
class AssetsApi {
 public:
  /// Uses `client`, which must outlive this.
  explicit AssetsApi(OpenCloudClient& client) : m_client(client) {}

  /// Starts creating an asset; returns its operation. Never retried once the request may have arrived: such a
  /// failure has request_may_have_arrived() true and names the upload, so callers can record a possible duplicate.
  base::Result<Operation> create(const AssetUpload& upload);
  /// The asset; `read_mask` ("description,displayName") limits the fields.
  base::Result<Asset> get(std::int64_t asset_id, const std::string& read_mask = {});
  /// Uploads new content for a Model asset (a new version); returns the operation.
  base::Result<Operation> update_content(std::int64_t asset_id, const AssetUpload& upload);
  /// One page of versions, newest first.
  base::Result<AssetVersionPage> list_versions(std::int64_t asset_id, int max_page_size = 8,
                                               const std::string& page_token = {});
  /// One version.
  base::Result<AssetVersion> get_version(std::int64_t asset_id, std::int64_t version);
  /// Makes an earlier version current again (the service creates a new head version); returns it.
  base::Result<AssetVersion> rollback(std::int64_t asset_id, std::int64_t version);
  /// Archives an asset.
  base::Result<Asset> archive(std::int64_t asset_id);
  /// Restores an archived asset.
  base::Result<Asset> restore(std::int64_t asset_id);

 private:
  OpenCloudClient& m_client;
};

}  // namespace rbxpipe::cloud
