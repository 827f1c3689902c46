#pragma once
// Uploads a release's assets under an environment's creator: each content hash at most once per tenant and creator
// (the asset lock), models updated in place by new versions, every create journaled (CONTRACTS.md §6), several at
// a time within the owner's rate limits, then moderation awaited as the environment's policy says.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "deploy/cloud_session.h"
#include "deploy/deploy_state.h"
#include "deploy/release.h"

namespace rbxpipe::deploy {

/// How the upload phase runs.
struct UploadOptions {
  int workers = 8;                          ///< requests in flight at once (the limiter still paces them)
  int moderation_wait_s = 120;              ///< how long to wait for assets under review
  bool moderation_proceed_on_timeout = false;  ///< go on when the wait runs out (else fail)
  std::chrono::milliseconds moderation_poll{2000};  ///< between moderation checks
  std::function<void(const std::string&)> progress;  ///< one line per finished upload (may be empty)
  /// Called (from an upload thread) just before an input is re-sent after a create with no recorded answer, so the
  /// possible duplicate is on record even if this run dies too (may be empty).
  std::function<void(const std::string& input)> on_possible_duplicate;
  base::Clock* clock = nullptr;             ///< sleeps (nullptr: the system clock)
};

/// What the upload phase did.
struct UploadReport {
  std::map<std::string, std::int64_t> asset_ids;  ///< input -> asset id, for every asset of the release
  std::vector<DeployedAsset> assets;              ///< the same with versions, sorted by input
  std::vector<std::string> uploaded;              ///< inputs created or updated now
  std::vector<std::string> reused;                ///< inputs found in the asset lock
  std::vector<std::string> possible_duplicates;   ///< inputs re-sent after a create with no recorded answer
};

/// What would be uploaded, without sending anything: inputs whose content the lock does not hold.
base::Result<std::vector<std::string>> pending_uploads(DeployState& state, const Release& release,
                                                       const std::string& creator);

/// Uploads what the lock does not hold, resumes journaled creates, waits for moderation. Fails naming the input on
/// a refused upload, a Rejected asset or a moderation timeout with "fail"; the report is lost then, the lock kept.
base::Result<UploadReport> upload_assets(CloudSession& session, DeployState& state, const Release& release,
                                         const UploadOptions& options);

}  // namespace rbxpipe::deploy
