#pragma once
// Internal to deploy/: row writers DeployState's files share inside one transaction.

#include <string>

#include "deploy/deploy_state.h"

namespace rbxpipe::deploy {

/// Inserts or replaces an asset lock row.
base::Result<void> put_asset_row(platform::store::Transaction& transaction, const std::string& tenant,
                                 const LockedAsset& asset, const std::string& now);
/// Inserts or replaces an owned model row.
base::Result<void> put_model_row(platform::store::Transaction& transaction, const std::string& tenant,
                                 const OwnedModel& model);

}  // namespace rbxpipe::deploy
