#pragma once
// The deploy loop (DESIGN.md §1): pre-flight the key, upload what changed, wait for moderation, link the place,
// publish Saved, smoke-test, publish Published, restart servers, record the deployment. Each side effect is
// journaled, so a run killed at any point and started again resumes instead of repeating work.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "deploy/cloud_session.h"
#include "deploy/deploy_lock.h"
#include "deploy/deploy_state.h"
#include "deploy/release.h"
#include "platform/storage/artifact_store.h"
#include "platform/tenant/tenant_registry.h"

namespace rbxpipe::deploy {

/// The state a deploy reads and writes.
struct DeployServices {
  platform::store::StateStore& store;          ///< the state database (deploy_migrations applied)
  platform::storage::ArtifactStore& artifacts; ///< bundles and linked places
  SessionOptions session;                      ///< how to reach Open Cloud (home, tenant, URL, transport, clock)
  /// Registered tenants: when the deploying tenant is one, a deploy counts against its daily quotas (deploys,
  /// asset uploads) and a suspended tenant cannot deploy. nullptr, or a tenant it does not know: no quotas.
  platform::tenant::TenantRegistry* tenants = nullptr;
};

/// What to deploy where.
struct DeployOptions {
  std::optional<std::string> environment;  ///< nullopt: default_env, else the only one
  bool dry_run = false;                    ///< pre-flight and plan only: nothing uploaded or published
  std::string who;                         ///< recorded as the deployer
  DeploymentKind kind = DeploymentKind::deploy;  ///< deploy or promote
  std::int64_t source_deployment = 0;      ///< promote: the deployment the release came from
  LockOptions lock;                        ///< waiting for another deploy of the same environment
  int workers = 8;                         ///< uploads in flight
  /// Progress lines ("upload", "uploaded images/lava.png -> 1000001"); may be empty.
  std::function<void(const std::string& phase, const std::string& message)> progress;
};

/// What a deploy did (or, for a dry run, would do).
struct DeployReport {
  Deployment deployment;                         ///< the recorded deployment (id 0 for a dry run)
  std::string environment;                       ///< where
  std::vector<std::string> uploads;              ///< inputs uploaded (dry run: that would be)
  std::vector<std::string> reused;               ///< inputs already on Roblox
  std::vector<std::string> possible_duplicates;  ///< inputs re-sent after an unanswered create
  bool place_changed = false;                    ///< the linked place differs from the live one
  bool published = false;                        ///< a new version went live
  bool resumed = false;                          ///< an interrupted deployment was continued
  std::vector<std::string> smoke_logs;           ///< what the smoke test printed
  int api_calls = 0;                             ///< Open Cloud requests sent
  bool dry_run = false;                          ///< nothing was changed
};

/// Deploys `release` (already stored with store_release) to an environment of its project.
base::Result<DeployReport> deploy_release(const Release& release, DeployServices& services,
                                          const DeployOptions& options);

/// What `rbxpipe plan` reports: `deploy_release` with dry_run, without the key check when `check_key` is false.
base::Result<DeployReport> plan_release(const Release& release, DeployServices& services,
                                        const DeployOptions& options, bool check_key);

/// How to roll back.
struct RollbackOptions {
  std::string environment;            ///< the environment
  std::string lesson;                 ///< the lesson (the project's name)
  std::optional<std::string> to;      ///< release id or prefix; nullopt: the one before the live deployment
  std::string who;                    ///< recorded
  LockOptions lock;                   ///< waiting for another deploy
  std::function<void(const std::string& phase, const std::string& message)> progress;  ///< may be empty
  /// Checks the caller may roll this environment back (protected environments); returns who to record. Empty:
  /// everyone may, as `who`.
  std::function<base::Result<std::string>(const pipeline::EnvironmentConfig&)> authorize;
};

/// Republishes an earlier deployment's stored place, rolls `update_in_place` models back to its versions, restarts
/// servers and records a rollback deployment. `load_release` gives a stored release by id (for its settings).
base::Result<DeployReport> rollback_environment(
    DeployServices& services, const RollbackOptions& options,
    const std::function<base::Result<Release>(const std::string& release_id)>& load_release);

}  // namespace rbxpipe::deploy
