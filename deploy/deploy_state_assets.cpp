// DeployState: the asset lock and the models updated in place.
#include "deploy/deploy_state.h"
#include "deploy/deploy_state_rows.h"

namespace rbxpipe::deploy {

using platform::store::Row;
using platform::store::Transaction;
using platform::store::Value;

DeployState::DeployState(platform::store::StateStore& store, std::string tenant, base::Clock& clock)
    : m_store(store), m_tenant(std::move(tenant)), m_clock(clock) {}

namespace {

LockedAsset asset_from(const Row& row) {
  LockedAsset asset;
  asset.creator = row.text(0);
  asset.content_hash = row.text(1);
  asset.asset_id = row.integer(2);
  asset.version = row.integer(3);
  asset.moderation = row.text(4);
  asset.asset_type = row.text(5);
  asset.lesson = row.text(6);
  asset.input = row.text(7);
  return asset;
}

}  // namespace

base::Result<std::optional<LockedAsset>> DeployState::find_asset(const std::string& creator,
                                                                 const std::string& content_hash) {
  auto rows = m_store.query(
      "SELECT creator, content_hash, asset_id, version, moderation, asset_type, lesson, input FROM deploy_assets "
      "WHERE tenant = ? AND creator = ? AND content_hash = ?",
      {m_tenant, creator, content_hash});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<LockedAsset>{};
  return std::optional<LockedAsset>{asset_from(rows->front())};
}

base::Result<void> put_asset_row(Transaction& transaction, const std::string& tenant, const LockedAsset& asset,
                                 const std::string& now) {
  auto changed = transaction.execute(
      "INSERT INTO deploy_assets (tenant, creator, content_hash, asset_id, version, moderation, asset_type, lesson, "
      "input, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, creator, content_hash) DO UPDATE "
      "SET asset_id = excluded.asset_id, version = excluded.version, moderation = excluded.moderation",
      {tenant, asset.creator, asset.content_hash, asset.asset_id, asset.version, asset.moderation, asset.asset_type,
       asset.lesson, asset.input, now});
  if (!changed) return std::move(changed).error();
  return {};
}

base::Result<void> DeployState::put_asset(const LockedAsset& asset) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) { return put_asset_row(transaction, m_tenant, asset, now); });
}

base::Result<void> DeployState::set_moderation(const std::string& creator, std::int64_t asset_id,
                                               const std::string& state) {
  return m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto changed = transaction.execute(
        "UPDATE deploy_assets SET moderation = ? WHERE tenant = ? AND creator = ? AND asset_id = ?",
        {state, m_tenant, creator, asset_id});
    if (!changed) return std::move(changed).error();
    return {};
  });
}

base::Result<std::optional<LockedAsset>> DeployState::find_asset_version(const std::string& creator,
                                                                         std::int64_t asset_id, std::int64_t version) {
  auto rows = m_store.query(
      "SELECT creator, content_hash, asset_id, version, moderation, asset_type, lesson, input FROM deploy_assets "
      "WHERE tenant = ? AND creator = ? AND asset_id = ? AND version = ?",
      {m_tenant, creator, asset_id, version});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<LockedAsset>{};
  return std::optional<LockedAsset>{asset_from(rows->front())};
}

base::Result<std::optional<OwnedModel>> DeployState::find_model(const std::string& creator,
                                                                const std::string& lesson, const std::string& input) {
  auto rows = m_store.query(
      "SELECT asset_id, version, content_hash FROM deploy_models WHERE tenant = ? AND creator = ? AND lesson = ? AND "
      "input = ?",
      {m_tenant, creator, lesson, input});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<OwnedModel>{};
  const Row& row = rows->front();
  return std::optional<OwnedModel>{OwnedModel{creator, lesson, input, row.integer(0), row.integer(1), row.text(2)}};
}

base::Result<void> put_model_row(Transaction& transaction, const std::string& tenant, const OwnedModel& model) {
  auto changed = transaction.execute(
      "INSERT INTO deploy_models (tenant, creator, lesson, input, asset_id, version, content_hash) VALUES "
      "(?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, creator, lesson, input) DO UPDATE SET asset_id = excluded.asset_id, "
      "version = excluded.version, content_hash = excluded.content_hash",
      {tenant, model.creator, model.lesson, model.input, model.asset_id, model.version, model.content_hash});
  if (!changed) return std::move(changed).error();
  return {};
}

}  // namespace rbxpipe::deploy
