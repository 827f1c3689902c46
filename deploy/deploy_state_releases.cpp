// DeployState: stored releases and the deployments of each environment.
#include <nlohmann/json.hpp>

#include "deploy/deploy_state.h"

namespace rbxpipe::deploy {

using platform::store::Row;
using platform::store::Transaction;
using platform::store::Value;

std::string_view deployment_kind_name(DeploymentKind kind) {
  switch (kind) {
    case DeploymentKind::deploy: return "deploy";
    case DeploymentKind::rollback: return "rollback";
    case DeploymentKind::promote: return "promote";
  }
  return "deploy";
}

std::string_view deployment_status_name(DeploymentStatus status) {
  switch (status) {
    case DeploymentStatus::running: return "running";
    case DeploymentStatus::succeeded: return "succeeded";
    case DeploymentStatus::failed: return "failed";
    case DeploymentStatus::abandoned: return "abandoned";
    case DeploymentStatus::rolled_back: return "rolled_back";
  }
  return "running";
}

namespace {

DeploymentKind kind_from(const std::string& name) {
  if (name == "rollback") return DeploymentKind::rollback;
  if (name == "promote") return DeploymentKind::promote;
  return DeploymentKind::deploy;
}

DeploymentStatus status_from(const std::string& name) {
  for (auto status : {DeploymentStatus::running, DeploymentStatus::succeeded, DeploymentStatus::failed,
                      DeploymentStatus::abandoned, DeploymentStatus::rolled_back}) {
    if (deployment_status_name(status) == name) return status;
  }
  return DeploymentStatus::failed;
}

ReleaseRecord release_from(const Row& row) {
  ReleaseRecord release;
  release.id = row.text(0);
  release.lesson = row.text(1);
  release.version = row.text(2);
  release.artifact_hash = row.text(3);
  release.bundle_object = row.text(4);
  release.input_hash = row.text(5);
  release.git_commit = row.text(6);
  release.git_dirty = row.integer(7) != 0;
  release.created_by = row.text(8);
  release.created_at = row.text(9);
  return release;
}

constexpr std::string_view k_select_release =
    "SELECT id, lesson, version, artifact_hash, bundle_object, input_hash, git_commit, git_dirty, created_by, "
    "created_at FROM deploy_releases WHERE tenant = ?";

std::string assets_text(const std::vector<DeployedAsset>& assets) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& asset : assets) {
    list.push_back({{"input", asset.input}, {"asset_id", asset.asset_id}, {"version", asset.version}});
  }
  return list.dump();
}

std::vector<DeployedAsset> assets_from(const std::string& text) {
  std::vector<DeployedAsset> assets;
  auto list = nlohmann::json::parse(text, nullptr, false);
  if (!list.is_array()) return assets;
  for (const auto& item : list) {
    if (!item.is_object()) continue;
    assets.push_back({item.value("input", ""), item.value("asset_id", std::int64_t{0}),
                      item.value("version", std::int64_t{0})});
  }
  return assets;
}

std::string names_text(const std::vector<std::string>& names) { return nlohmann::json(names).dump(); }

std::vector<std::string> names_from(const std::string& text) {
  auto list = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> names;
  if (!list.is_array()) return names;
  for (const auto& item : list) {
    if (item.is_string()) names.push_back(item.get<std::string>());
  }
  return names;
}

constexpr std::string_view k_select_deployment =
    "SELECT id, lesson, environment, release_id, kind, status, place_object, saved_version, published_version, "
    "assets, uploads, possible_duplicates, who, started_at, finished_at, message, source_deployment "
    "FROM deploy_deployments WHERE tenant = ?";

Deployment deployment_from(const Row& row) {
  Deployment deployment;
  deployment.id = row.integer(0);
  deployment.lesson = row.text(1);
  deployment.environment = row.text(2);
  deployment.release_id = row.text(3);
  deployment.kind = kind_from(row.text(4));
  deployment.status = status_from(row.text(5));
  deployment.place_object = row.text(6);
  deployment.saved_version = row.integer(7);
  deployment.published_version = row.integer(8);
  deployment.assets = assets_from(row.text(9));
  deployment.uploads = static_cast<int>(row.integer(10));
  deployment.possible_duplicates = names_from(row.text(11));
  deployment.who = row.text(12);
  deployment.started_at = row.text(13);
  deployment.finished_at = row.text(14);
  deployment.message = row.text(15);
  deployment.source_deployment = row.integer(16);
  return deployment;
}

std::vector<Deployment> deployments_from(const std::vector<Row>& rows) {
  std::vector<Deployment> deployments;
  for (const auto& row : rows) deployments.push_back(deployment_from(row));
  return deployments;
}

}  // namespace

base::Result<void> DeployState::put_release(const ReleaseRecord& release) {
  return m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto changed = transaction.execute(
        "INSERT INTO deploy_releases (id, tenant, lesson, version, artifact_hash, bundle_object, input_hash, "
        "git_commit, git_dirty, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        {release.id, m_tenant, release.lesson, release.version, release.artifact_hash, release.bundle_object,
         release.input_hash, release.git_commit, std::int64_t{release.git_dirty ? 1 : 0}, release.created_by,
         release.created_at});
    if (!changed) return std::move(changed).error();
    return {};
  });
}

base::Result<ReleaseRecord> DeployState::find_release(const std::string& id_or_prefix) {
  if (id_or_prefix.empty()) return base::Error(base::ErrorCode::invalid_input, "empty release id");
  auto rows = m_store.query(std::string(k_select_release) + " AND substr(id, 1, ?) = ? ORDER BY id",
                            {m_tenant, static_cast<std::int64_t>(id_or_prefix.size()), id_or_prefix});
  if (!rows) return std::move(rows).error();
  for (const auto& row : *rows) {
    if (row.text(0) == id_or_prefix) return release_from(row);
  }
  if (rows->empty()) return base::Error(base::ErrorCode::not_found, "no release '" + id_or_prefix + "'");
  if (rows->size() > 1) {
    return base::Error(base::ErrorCode::invalid_input, "release prefix '" + id_or_prefix + "' matches " +
                                                           std::to_string(rows->size()) + " releases");
  }
  return release_from(rows->front());
}

base::Result<std::vector<ReleaseRecord>> DeployState::list_releases(const std::string& lesson) {
  auto rows = lesson.empty()
                  ? m_store.query(std::string(k_select_release) + " ORDER BY created_at DESC, id", {m_tenant})
                  : m_store.query(std::string(k_select_release) + " AND lesson = ? ORDER BY created_at DESC, id",
                                  {m_tenant, lesson});
  if (!rows) return std::move(rows).error();
  std::vector<ReleaseRecord> releases;
  for (const auto& row : *rows) releases.push_back(release_from(row));
  return releases;
}

base::Result<Deployment> DeployState::insert_deployment(Deployment deployment) {
  if (deployment.started_at.empty()) deployment.started_at = base::format_rfc3339(m_clock.now());
  auto written = m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto changed = transaction.execute(
        "INSERT INTO deploy_deployments (tenant, lesson, environment, release_id, kind, status, place_object, "
        "saved_version, published_version, assets, uploads, possible_duplicates, who, started_at, finished_at, "
        "message, source_deployment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {m_tenant, deployment.lesson, deployment.environment, deployment.release_id,
         std::string(deployment_kind_name(deployment.kind)), std::string(deployment_status_name(deployment.status)),
         deployment.place_object, deployment.saved_version, deployment.published_version,
         assets_text(deployment.assets), std::int64_t{deployment.uploads}, names_text(deployment.possible_duplicates),
         deployment.who, deployment.started_at, deployment.finished_at, deployment.message,
         deployment.source_deployment});
    if (!changed) return std::move(changed).error();
    deployment.id = transaction.last_insert_id();
    return {};
  });
  if (!written) return std::move(written).error();
  return deployment;
}

base::Result<void> DeployState::update_deployment(const Deployment& deployment) {
  return m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto changed = transaction.execute(
        "UPDATE deploy_deployments SET release_id = ?, status = ?, place_object = ?, saved_version = ?, "
        "published_version = ?, assets = ?, uploads = ?, possible_duplicates = ?, finished_at = ?, message = ?, "
        "source_deployment = ? WHERE tenant = ? AND id = ?",
        {deployment.release_id, std::string(deployment_status_name(deployment.status)), deployment.place_object,
         deployment.saved_version, deployment.published_version, assets_text(deployment.assets),
         std::int64_t{deployment.uploads}, names_text(deployment.possible_duplicates), deployment.finished_at,
         deployment.message, deployment.source_deployment, m_tenant, deployment.id});
    if (!changed) return std::move(changed).error();
    if (*changed == 0) {
      return base::Error(base::ErrorCode::not_found, "no deployment " + std::to_string(deployment.id));
    }
    return {};
  });
}

base::Result<Deployment> DeployState::get_deployment(std::int64_t id) {
  auto rows = m_store.query(std::string(k_select_deployment) + " AND id = ?", {m_tenant, id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return base::Error(base::ErrorCode::not_found, "no deployment " + std::to_string(id));
  return deployment_from(rows->front());
}

base::Result<std::vector<Deployment>> DeployState::list_deployments(const std::string& environment,
                                                                    const std::string& lesson) {
  auto rows = m_store.query(std::string(k_select_deployment) +
                                " AND (? = '' OR environment = ?) AND (? = '' OR lesson = ?) ORDER BY id DESC",
                            {m_tenant, environment, environment, lesson, lesson});
  if (!rows) return std::move(rows).error();
  return deployments_from(*rows);
}

base::Result<std::optional<Deployment>> DeployState::running_deployment(const std::string& environment,
                                                                        const std::string& lesson) {
  auto rows = m_store.query(std::string(k_select_deployment) +
                                " AND environment = ? AND lesson = ? AND status = 'running' ORDER BY id DESC LIMIT 1",
                            {m_tenant, environment, lesson});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Deployment>{};
  return std::optional<Deployment>{deployment_from(rows->front())};
}

base::Result<std::optional<Deployment>> DeployState::live_deployment(const std::string& environment,
                                                                     const std::string& lesson) {
  auto rows = m_store.query(std::string(k_select_deployment) +
                                " AND environment = ? AND lesson = ? AND status = 'succeeded' AND "
                                "published_version >= 0 ORDER BY id DESC LIMIT 1",
                            {m_tenant, environment, lesson});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Deployment>{};
  return std::optional<Deployment>{deployment_from(rows->front())};
}

}  // namespace rbxpipe::deploy
