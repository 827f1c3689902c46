#pragma once
// DeployState: what deploys remember in the state database (platform/store): the asset lock, the journal of side
// effects, stored releases and the deployments of each environment. Every method is one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "platform/store/state_store.h"

namespace rbxpipe::deploy {

/// The migrations of the "deploy" module; apply them with StateStore::migrate before using DeployState.
std::vector<platform::store::Migration> deploy_migrations();

/// An uploaded asset as the asset lock remembers it (one per tenant, creator and content hash).
struct LockedAsset {
  std::string creator;       ///< "group:789" / "user:42"
  std::string content_hash;  ///< content hash of the processed bytes and settings
  std::int64_t asset_id = 0; ///< the Roblox asset id
  std::int64_t version = 1;  ///< the asset version holding these bytes
  std::string moderation;    ///< "approved", "reviewing", "rejected" or "unknown"
  std::string asset_type;    ///< "Image", "Audio", "Model", "Animation"
  std::string lesson;        ///< the lesson that uploaded it first
  std::string input;         ///< its input path in that lesson
};

/// A model input updated in place: one asset per (creator, lesson, input) whose versions follow its content.
struct OwnedModel {
  std::string creator;       ///< owner
  std::string lesson;        ///< the lesson owning it
  std::string input;         ///< input path
  std::int64_t asset_id = 0; ///< the asset
  std::int64_t version = 1;  ///< its version holding `content_hash`
  std::string content_hash;  ///< what that version holds
};

/// Where a side effect stands in the journal.
enum class JournalState {
  intent,  ///< recorded before sending; no answer recorded (the request may or may not have arrived)
  started, ///< the service answered with an operation id that has not finished
  done,    ///< finished; `result` holds what it produced
  failed,  ///< the service refused it; sending again is safe
};

/// One side effect: what it is, the target, and how far it got.
struct JournalEntry {
  std::string key;           ///< unique per tenant: "asset:group:1:<hash>", "publish:12:saved"
  std::string kind;          ///< "asset.create", "asset.update", "place.publish", "luau.task", "servers.restart"...
  std::string label;         ///< what to call it in messages (an input path, "place 1 (Saved)")
  std::string content_hash;  ///< the content it sends, when any
  std::string target;        ///< where it goes ("group:1", "universe 1 place 1")
  JournalState state = JournalState::intent;  ///< progress
  std::string operation_id;  ///< the remote operation, once known
  std::string result;        ///< the outcome (an asset id, a version number), once done
  int attempts = 0;          ///< how many times the intent was recorded (1 + resumes that re-sent it)
};

/// A release: a bundle with its identity, stored in the artifact store.
struct ReleaseRecord {
  std::string id;              ///< "<name>@<version>+<first 12 hex of the artifact hash>"
  std::string lesson;          ///< lesson name
  std::string version;         ///< semantic version of the content
  std::string artifact_hash;   ///< hash of the release manifest
  std::string bundle_object;   ///< SHA-256 of the bundle zip in the artifact store
  std::string input_hash;      ///< hash of the sources it was built from ("" for imports without sources)
  std::string git_commit;      ///< HEAD when built, "" outside git
  bool git_dirty = false;      ///< the work tree had uncommitted changes
  std::string created_by;      ///< who made it
  std::string created_at;      ///< RFC 3339 UTC
};

/// What a deployment did.
enum class DeploymentKind { deploy, rollback, promote };
/// How a deployment ended (or that it is still running).
enum class DeploymentStatus { running, succeeded, failed, abandoned, rolled_back };

/// The lower-case name of a kind or status ("deploy", "succeeded").
std::string_view deployment_kind_name(DeploymentKind kind);
/// The lower-case name of a status.
std::string_view deployment_status_name(DeploymentStatus status);

/// One asset a deployment's place refers to.
struct DeployedAsset {
  std::string input;          ///< input path, or "<group>#sheet<N>"
  std::int64_t asset_id = 0;  ///< Roblox asset id
  std::int64_t version = 0;   ///< version for update_in_place models, else 0
};

/// One deployment of a release to an environment (a deploy, a rollback or a promote).
struct Deployment {
  std::int64_t id = 0;                    ///< row id
  std::string lesson;                     ///< lesson name
  std::string environment;                ///< environment name
  std::string release_id;                 ///< the release deployed
  DeploymentKind kind = DeploymentKind::deploy;        ///< what it was
  DeploymentStatus status = DeploymentStatus::running; ///< where it stands
  std::string place_object;               ///< SHA-256 of the linked place file in the artifact store
  std::int64_t saved_version = 0;         ///< place version published Saved (0: none)
  std::int64_t published_version = 0;     ///< place version published Published (0: none, or unchanged)
  std::vector<DeployedAsset> assets;      ///< every asset the place refers to
  int uploads = 0;                        ///< assets created or updated by this deployment
  std::vector<std::string> possible_duplicates;  ///< inputs re-sent after an unanswered create
  std::string who;                        ///< who ran it
  std::string started_at;                 ///< RFC 3339 UTC
  std::string finished_at;                ///< RFC 3339 UTC, "" while running
  std::string message;                    ///< why it failed, or a note
  std::int64_t source_deployment = 0;     ///< rollback/promote: the deployment it came from
};

/// The deploy tables of one tenant.
class DeployState {
 public:
  /// State over a migrated `store` for `tenant`, dating rows with `clock`.
  DeployState(platform::store::StateStore& store, std::string tenant, base::Clock& clock);

  /// The tenant.
  const std::string& tenant() const { return m_tenant; }

  /// The asset holding `content_hash` uploaded under `creator`, when one was.
  base::Result<std::optional<LockedAsset>> find_asset(const std::string& creator, const std::string& content_hash);
  /// Records an asset in the lock (replacing the row of the same creator and hash).
  base::Result<void> put_asset(const LockedAsset& asset);
  /// Updates the moderation state of a locked asset.
  base::Result<void> set_moderation(const std::string& creator, std::int64_t asset_id, const std::string& state);
  /// The lock row of version `version` of asset `asset_id`, when one was recorded.
  base::Result<std::optional<LockedAsset>> find_asset_version(const std::string& creator, std::int64_t asset_id,
                                                              std::int64_t version);
  /// The model a lesson's input updates in place, when it has one.
  base::Result<std::optional<OwnedModel>> find_model(const std::string& creator, const std::string& lesson,
                                                     const std::string& input);

  /// The journal entry under `key`, when there is one.
  base::Result<std::optional<JournalEntry>> journal_entry(const std::string& key);
  /// Records the intent to send `entry` (state intent, attempts + 1); returns the entry as stored.
  base::Result<JournalEntry> record_intent(const JournalEntry& entry);
  /// Records the operation id the service answered with.
  base::Result<void> record_operation(const std::string& key, const std::string& operation_id);
  /// Records that `key` finished with `result`.
  base::Result<void> record_done(const std::string& key, const std::string& result);
  /// Records that an upload finished: the journal entry and the asset lock change together.
  base::Result<void> record_upload_done(const std::string& key, const LockedAsset& asset);
  /// Records that an in-place model update finished: journal, lock and the owned model change together.
  base::Result<void> record_model_done(const std::string& key, const OwnedModel& model, const LockedAsset& asset);
  /// Records that a model rollback under `key` finished: the journal and the owned model change together.
  base::Result<void> record_model_rollback(const std::string& key, const OwnedModel& model);
  /// Records that `key` was refused (safe to send again).
  base::Result<void> record_failed(const std::string& key, const std::string& message);

  /// Stores a release (an existing id is left as it is).
  base::Result<void> put_release(const ReleaseRecord& release);
  /// The release whose id is `id` or starts with it; not_found, or invalid_input when the prefix is ambiguous.
  base::Result<ReleaseRecord> find_release(const std::string& id_or_prefix);
  /// Every release of `lesson` (all lessons when empty), newest first.
  base::Result<std::vector<ReleaseRecord>> list_releases(const std::string& lesson);

  /// Inserts a deployment; returns it with its id.
  base::Result<Deployment> insert_deployment(Deployment deployment);
  /// Rewrites a deployment's fields.
  base::Result<void> update_deployment(const Deployment& deployment);
  /// One deployment.
  base::Result<Deployment> get_deployment(std::int64_t id);
  /// Deployments of `environment` (all when empty) and `lesson` (all when empty), newest first.
  base::Result<std::vector<Deployment>> list_deployments(const std::string& environment, const std::string& lesson);
  /// The deployment still running for an environment and lesson, when one is.
  base::Result<std::optional<Deployment>> running_deployment(const std::string& environment,
                                                             const std::string& lesson);
  /// The deployment whose place is live in `environment` for `lesson`: the newest succeeded one.
  base::Result<std::optional<Deployment>> live_deployment(const std::string& environment, const std::string& lesson);

 private:
  platform::store::StateStore& m_store;
  std::string m_tenant;
  base::Clock& m_clock;
};

}  // namespace rbxpipe::deploy
