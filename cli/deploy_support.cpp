// Shared parts of the release commands.
#include "cli/deploy_support.h"

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "base/paths.h"
#include "pipeline/project_loader.h"
#include "platform/auth/api_token.h"
#include "platform/auth/rbac.h"
#include "platform/store/state_store.h"
#include "platform/storage/artifact_store.h"

namespace rbxpipe::cli {

base::Result<std::unique_ptr<ReleaseServices>> open_release_services(const std::string& tenant) {
  auto services = std::make_unique<ReleaseServices>();
  services->home = base::rbxpipe_home();
  if (services->home.empty()) {
    return base::Error(base::ErrorCode::usage, "no state folder: set RBXPIPE_HOME or pass --home");
  }
  std::error_code error;
  std::filesystem::create_directories(services->home, error);
  auto store = platform::store::open_sqlite_store(platform::store::state_database_path(services->home));
  if (!store) return std::move(store).error();
  services->store = std::move(*store);
  RBXPIPE_TRY(services->store->migrate(deploy::deploy_migrations()));
  RBXPIPE_TRY(services->store->migrate(platform::tenant::tenant_migrations()));
  RBXPIPE_TRY(services->store->migrate(platform::auth::auth_migrations()));
  services->tenants = std::make_unique<platform::tenant::TenantRegistry>(*services->store, base::system_clock());
  services->artifacts = platform::storage::make_local_artifact_store(platform::storage::artifacts_root(services->home));
  services->tenant = tenant;
  services->state = std::make_unique<deploy::DeployState>(*services->store, tenant, base::system_clock());
  return services;
}

std::optional<ProjectIdentity> project_identity(const std::filesystem::path& path) {
  auto loaded = pipeline::load_project(path);
  if (!loaded.project || loaded.project->config_file.empty()) return std::nullopt;
  return ProjectIdentity{loaded.project->config.name, loaded.project->config.tenant};
}

deploy::DeployServices deploy_services(ReleaseServices& services, const std::optional<std::string>& open_cloud_url) {
  deploy::DeployServices out{*services.store, *services.artifacts, {}};
  out.session.home = services.home;
  out.session.tenant = services.tenant;
  out.session.open_cloud_url = open_cloud_url;
  out.tenants = services.tenants.get();
  return out;
}

std::string deployed_assets_json(const deploy::Deployment& deployment) {
  nlohmann::ordered_json assets = nlohmann::ordered_json::array();
  for (const auto& asset : deployment.assets) {
    nlohmann::ordered_json item = {{"input", asset.input}, {"asset_id", asset.asset_id}};
    if (asset.version > 0) item["version"] = asset.version;
    assets.push_back(item);
  }
  return assets.dump();
}

base::Result<deploy::Release> build_release_or_report(const std::filesystem::path& path) {
  deploy::ReleaseBuildOptions options;
  options.created_by = current_user();
  auto built = deploy::build_release(path, options);
  if (!built.diagnostics.empty()) {
    base::TextRenderOptions render;
    std::cerr << base::render_text(built.diagnostics, render);
  }
  if (!built.release) {
    return base::Error(base::ErrorCode::invalid_input, "the project has errors; nothing was deployed or stored");
  }
  return std::move(*built.release);
}

base::Result<std::string> authorize_environment(ReleaseServices& services, const pipeline::EnvironmentConfig& environment,
                                                std::string_view action, const std::string& fallback) {
  if (!environment.is_protected) return fallback;
  const char* token = std::getenv("RBXPIPE_TOKEN");
  if (token == nullptr || *token == '\0') {
    return base::Error(base::ErrorCode::unauthenticated,
                       "environment '" + environment.name + "' is protected: set RBXPIPE_TOKEN to an rbxpipe API token "
                       "of tenant '" + services.tenant + "' with the " + std::string(action) +
                       " and deploy:protected permissions (rbxpipe token create --tenant " + services.tenant +
                       " --permission " + std::string(action) + " --permission deploy:protected)");
  }
  auto verdict = platform::auth::authenticate_token(*services.store, token, base::system_clock());
  if (!verdict) return platform::auth::token_refusal_error(verdict.reason(), verdict.message());
  platform::auth::Resource resource;
  resource.tenant = services.tenant;
  resource.kind = "environment";
  resource.name = environment.name;
  resource.is_protected = true;
  auto decision = platform::auth::authorize(verdict.value(), action, resource);
  if (!decision) return decision.to_error();
  return verdict.value().subject;
}

std::string current_user() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? std::string(user) : std::string("cli");
}

std::function<void(const std::string&, const std::string&)> progress_printer(const CommandState& state) {
  if (state.progress == "none") return {};
  const bool json = state.progress == "json";
  auto mutex = std::make_shared<std::mutex>();
  return [json, mutex](const std::string& phase, const std::string& message) {
    std::lock_guard lock(*mutex);
    if (json) {
      std::cerr << nlohmann::json{{"phase", phase}, {"message", message}}.dump() << '\n';
    } else {
      std::cerr << "[" << phase << "] " << message << '\n';
    }
  };
}

std::string report_json(const deploy::DeployReport& report, const std::string& release_id) {
  const auto& deployment = report.deployment;
  auto assets = nlohmann::ordered_json::parse(deployed_assets_json(deployment));
  nlohmann::ordered_json out = {
      {"release", release_id},
      {"environment", report.environment},
      {"dry_run", report.dry_run},
      {"deployment", deployment.id},
      {"kind", std::string(deploy::deployment_kind_name(deployment.kind))},
      {"status", report.dry_run ? "planned" : std::string(deploy::deployment_status_name(deployment.status))},
      {"resumed", report.resumed},
      {"uploads", report.uploads},
      {"reused", report.reused},
      {"possible_duplicates", report.possible_duplicates},
      {"place_changed", report.place_changed},
      {"published", report.published},
      {"saved_version", deployment.saved_version},
      {"published_version", deployment.published_version},
      {"place_sha256", deployment.place_object},
      {"assets", assets},
      {"smoke_logs", report.smoke_logs},
      {"api_calls", report.api_calls},
  };
  return out.dump(2);
}

int report_error(const std::string& command, const base::Error& error) {
  std::cerr << "rbxpipe " << command << ": " << error.to_string() << '\n';
  return base::exit_code_for(error.code());
}

}  // namespace rbxpipe::cli
