#pragma once
// Internal to cli/: what the release commands (bundle, import, plan, deploy, releases, rollback, promote) share:
// the opened state folder, releases from a project folder or a stored id, and JSON for their results.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "cli/command.h"
#include "deploy/deployer.h"
#include "deploy/release.h"
#include "platform/tenant/tenant_registry.h"

namespace rbxpipe::cli {

/// The state folder opened for release commands.
struct ReleaseServices {
  std::filesystem::path home;                                     ///< the state folder
  std::unique_ptr<platform::store::StateStore> store;             ///< state.db, deploy tables migrated
  std::unique_ptr<platform::storage::ArtifactStore> artifacts;    ///< `<home>/artifacts`
  std::unique_ptr<deploy::DeployState> state;                     ///< the tenant's deploy tables
  std::unique_ptr<platform::tenant::TenantRegistry> tenants;      ///< registered tenants (quotas, status)
  std::string tenant;                                             ///< the tenant
};

/// Opens the state folder (created when missing) for `tenant`.
base::Result<std::unique_ptr<ReleaseServices>> open_release_services(const std::string& tenant);

/// What names a project: its lesson and its tenant.
struct ProjectIdentity {
  std::string lesson;  ///< rbxpipe.json "name"
  std::string tenant;  ///< rbxpipe.json "tenant" ("local" when absent)
};

/// The identity of the project at `path`, when it has an rbxpipe.json that loads.
std::optional<ProjectIdentity> project_identity(const std::filesystem::path& path);

/// The deploy library's view of the opened state folder, talking to `open_cloud_url` when given.
deploy::DeployServices deploy_services(ReleaseServices& services, const std::optional<std::string>& open_cloud_url);

/// A deployment's assets as JSON: `[{input, asset_id, version?}]`.
std::string deployed_assets_json(const deploy::Deployment& deployment);

/// Builds the release of the project at `path`; prints its diagnostics to stderr. invalid_input when it has errors.
base::Result<deploy::Release> build_release_or_report(const std::filesystem::path& path);

/// For a protected environment: the rbxpipe API token in RBXPIPE_TOKEN must authenticate and grant `action`
/// ("deploy", "rollback") on it, including the policy's extra permission (deploy:protected). Returns who that is
/// ("token:<id>"), or `fallback` for an unprotected environment. unauthenticated / forbidden otherwise.
base::Result<std::string> authorize_environment(ReleaseServices& services, const pipeline::EnvironmentConfig& environment,
                                                std::string_view action, const std::string& fallback);

/// The name recorded as who did something ($USER, else "cli").
std::string current_user();

/// Progress lines for --progress: plain "[phase] message" on stderr, JSON lines for json, nothing for none.
std::function<void(const std::string&, const std::string&)> progress_printer(const CommandState& state);

/// A deploy report as the JSON document `--json` prints.
std::string report_json(const deploy::DeployReport& report, const std::string& release_id);

/// Prints `error` as "rbxpipe <command>: <message>" and returns its exit code.
int report_error(const std::string& command, const base::Error& error);

}  // namespace rbxpipe::cli
