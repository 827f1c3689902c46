#include "platform/tenant/tenant_registry.h"

#include <ctime>

namespace rbxpipe::platform::tenant {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

std::tm utc_parts(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return parts;
}

// The UTC day quotas count in ("2026-01-31").
std::string utc_day(std::chrono::system_clock::time_point time) {
  std::tm parts = utc_parts(time);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
  return buffer;
}

std::string utc_timestamp(std::chrono::system_clock::time_point time) {
  std::tm parts = utc_parts(time);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::string_view quota_column(QuotaKind kind) { return kind == QuotaKind::deploys ? "deploys" : "asset_uploads"; }

Tenant tenant_from(const Row& row) {
  Tenant tenant;
  tenant.id = row.text(0);
  tenant.name = row.text(1);
  tenant.creator = parse_creator(row.text(2)).value_or(RobloxCreator{});
  tenant.quotas.deploys_per_day = row.integer(3);
  tenant.quotas.asset_uploads_per_day = row.integer(4);
  tenant.quotas.storage_bytes = row.integer(5);
  tenant.weight = static_cast<int>(row.integer(6));
  tenant.status = row.text(7) == "suspended" ? TenantStatus::suspended : TenantStatus::active;
  tenant.created_at = row.text(8);
  return tenant;
}

constexpr std::string_view k_select_tenant =
    "SELECT id, name, creator, deploys_per_day, asset_uploads_per_day, storage_bytes, weight, status, created_at "
    "FROM tenants";

base::Result<void> check_fields(const Tenant& tenant) {
  RBXPIPE_TRY(validate_tenant_id(tenant.id));
  if (tenant.name.empty() || tenant.name.size() > 200)
    return base::Error{base::ErrorCode::invalid_input, "tenant name must be 1-200 characters"};
  if (tenant.weight < 1 || tenant.weight > 100)
    return base::Error{base::ErrorCode::invalid_input, "fair-share weight must be 1-100"};
  if (tenant.creator.id <= 0) return base::Error{base::ErrorCode::invalid_input, "tenant needs a Roblox creator"};
  if (tenant.quotas.deploys_per_day < 0 || tenant.quotas.asset_uploads_per_day < 0 || tenant.quotas.storage_bytes < 0)
    return base::Error{base::ErrorCode::invalid_input, "quotas cannot be negative (0 means unlimited)"};
  return base::ok();
}

base::Result<std::vector<DeployTarget>> load_targets(store::StateStore& store, const std::string& id) {
  auto rows = store.query(
      "SELECT name, universe, place, creator, api_key_ref, protected FROM tenant_targets WHERE tenant_id = ? "
      "ORDER BY name",
      {id});
  if (!rows) return std::move(rows).error();
  std::vector<DeployTarget> targets;
  for (const auto& row : *rows) {
    DeployTarget target;
    target.name = row.text(0);
    target.universe = row.integer(1);
    target.place = row.integer(2);
    if (!row.is_null(3)) target.creator = parse_creator(row.text(3)).value_or(RobloxCreator{});
    target.api_key_ref = row.text(4);
    target.is_protected = row.integer(5) != 0;
    targets.push_back(std::move(target));
  }
  return targets;
}

base::Result<void> exists(Transaction& tx, const std::string& id) {
  auto rows = tx.query("SELECT 1 FROM tenants WHERE id = ?", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return base::Error{base::ErrorCode::not_found, "no tenant '" + id + "'"};
  return base::ok();
}

}  // namespace

std::vector<store::Migration> tenant_migrations() {
  return {{"tenant", 1,
           "CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL, creator TEXT NOT NULL, "
           "deploys_per_day INTEGER NOT NULL DEFAULT 0, asset_uploads_per_day INTEGER NOT NULL DEFAULT 0, "
           "storage_bytes INTEGER NOT NULL DEFAULT 0, weight INTEGER NOT NULL DEFAULT 1, "
           "status TEXT NOT NULL DEFAULT 'active', created_at TEXT NOT NULL);"
           "CREATE TABLE tenant_targets (tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE, "
           "name TEXT NOT NULL, universe INTEGER NOT NULL, place INTEGER NOT NULL, creator TEXT, "
           "api_key_ref TEXT NOT NULL DEFAULT '', protected INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, name));"
           "CREATE TABLE tenant_usage (tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE, "
           "day TEXT NOT NULL, deploys INTEGER NOT NULL DEFAULT 0, asset_uploads INTEGER NOT NULL DEFAULT 0, "
           "PRIMARY KEY (tenant_id, day));"}};
}

base::Result<Tenant> TenantRegistry::add(Tenant tenant) {
  RBXPIPE_TRY(check_fields(tenant));
  tenant.created_at = utc_timestamp(m_clock.now());
  auto done = m_store.transact([&](Transaction& tx) -> base::Result<void> {
    auto taken = tx.query("SELECT 1 FROM tenants WHERE id = ?", {tenant.id});
    if (!taken) return std::move(taken).error();
    if (!taken->empty()) return base::Error{base::ErrorCode::already_exists, "tenant '" + tenant.id + "' exists"};
    auto inserted = tx.execute(
        "INSERT INTO tenants (id, name, creator, deploys_per_day, asset_uploads_per_day, storage_bytes, weight, "
        "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {tenant.id, tenant.name, format_creator(tenant.creator), tenant.quotas.deploys_per_day,
         tenant.quotas.asset_uploads_per_day, tenant.quotas.storage_bytes, std::int64_t{tenant.weight},
         std::string(tenant_status_name(tenant.status)), tenant.created_at});
    if (!inserted) return std::move(inserted).error();
    return base::ok();
  });
  if (!done) return std::move(done).error();
  for (const auto& target : tenant.targets) RBXPIPE_TRY(put_target(tenant.id, target));
  return get(tenant.id);
}

base::Result<Tenant> TenantRegistry::get(const std::string& id) {
  RBXPIPE_TRY(validate_tenant_id(id));
  auto rows = m_store.query(std::string(k_select_tenant) + " WHERE id = ?", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return base::Error{base::ErrorCode::not_found, "no tenant '" + id + "'"};
  Tenant tenant = tenant_from(rows->front());
  auto targets = load_targets(m_store, id);
  if (!targets) return std::move(targets).error();
  tenant.targets = std::move(*targets);
  return tenant;
}

base::Result<std::vector<Tenant>> TenantRegistry::list() {
  auto rows = m_store.query(std::string(k_select_tenant) + " ORDER BY id");
  if (!rows) return std::move(rows).error();
  std::vector<Tenant> tenants;
  for (const auto& row : *rows) {
    Tenant tenant = tenant_from(row);
    auto targets = load_targets(m_store, tenant.id);
    if (!targets) return std::move(targets).error();
    tenant.targets = std::move(*targets);
    tenants.push_back(std::move(tenant));
  }
  return tenants;
}

base::Result<Tenant> TenantRegistry::update(const Tenant& tenant) {
  RBXPIPE_TRY(check_fields(tenant));
  auto done = m_store.transact([&](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(exists(tx, tenant.id));
    auto updated = tx.execute(
        "UPDATE tenants SET name = ?, creator = ?, deploys_per_day = ?, asset_uploads_per_day = ?, storage_bytes = ?, "
        "weight = ?, status = ? WHERE id = ?",
        {tenant.name, format_creator(tenant.creator), tenant.quotas.deploys_per_day,
         tenant.quotas.asset_uploads_per_day, tenant.quotas.storage_bytes, std::int64_t{tenant.weight},
         std::string(tenant_status_name(tenant.status)), tenant.id});
    if (!updated) return std::move(updated).error();
    return base::ok();
  });
  if (!done) return std::move(done).error();
  return get(tenant.id);
}

base::Result<void> TenantRegistry::set_status(const std::string& id, TenantStatus status) {
  auto tenant = get(id);
  if (!tenant) return std::move(tenant).error();
  tenant->status = status;
  auto updated = update(*tenant);
  if (!updated) return std::move(updated).error();
  return base::ok();
}

base::Result<void> TenantRegistry::put_target(const std::string& id, const DeployTarget& target) {
  RBXPIPE_TRY(validate_tenant_id(id));
  if (target.name.empty() || target.universe <= 0 || target.place <= 0)
    return base::Error{base::ErrorCode::invalid_input, "a deploy target needs a name, a universe and a place"};
  if (!target.api_key_ref.empty() && !target.api_key_ref.starts_with("env:") &&
      !target.api_key_ref.starts_with("secret:"))
    return base::Error{base::ErrorCode::invalid_input,
                       "a key reference is 'env:NAME' or 'secret:NAME'; keys themselves are never stored here"};
  return m_store.transact([&](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(exists(tx, id));
    auto written = tx.execute(
        "INSERT INTO tenant_targets (tenant_id, name, universe, place, creator, api_key_ref, protected) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE SET universe = excluded.universe, "
        "place = excluded.place, creator = excluded.creator, api_key_ref = excluded.api_key_ref, "
        "protected = excluded.protected",
        {id, target.name, target.universe, target.place,
         target.creator ? Value(format_creator(*target.creator)) : Value(), target.api_key_ref,
         std::int64_t{target.is_protected ? 1 : 0}});
    if (!written) return std::move(written).error();
    return base::ok();
  });
}

base::Result<void> TenantRegistry::remove_target(const std::string& id, const std::string& target_name) {
  RBXPIPE_TRY(validate_tenant_id(id));
  return m_store.transact([&](Transaction& tx) -> base::Result<void> {
    auto removed = tx.execute("DELETE FROM tenant_targets WHERE tenant_id = ? AND name = ?", {id, target_name});
    if (!removed) return std::move(removed).error();
    if (*removed == 0)
      return base::Error{base::ErrorCode::not_found, "tenant '" + id + "' has no deploy target '" + target_name + "'"};
    return base::ok();
  });
}

base::Result<std::int64_t> TenantRegistry::remove(const std::string& id) {
  RBXPIPE_TRY(validate_tenant_id(id));
  std::int64_t total = 0;
  auto done = m_store.transact([&](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(exists(tx, id));
    for (const char* sql : {"DELETE FROM tenant_targets WHERE tenant_id = ?", "DELETE FROM tenant_usage WHERE tenant_id = ?",
                            "DELETE FROM tenants WHERE id = ?"}) {
      auto removed = tx.execute(sql, {id});
      if (!removed) return std::move(removed).error();
      total += *removed;
    }
    return base::ok();
  });
  if (!done) return std::move(done).error();
  return total;
}

base::Result<void> TenantRegistry::consume(const std::string& id, QuotaKind kind, std::int64_t amount) {
  RBXPIPE_TRY(validate_tenant_id(id));
  std::string day = utc_day(m_clock.now());
  std::string column(quota_column(kind));
  return m_store.transact([&](Transaction& tx) -> base::Result<void> {
    auto rows = tx.query("SELECT status, " + std::string(kind == QuotaKind::deploys ? "deploys_per_day" : "asset_uploads_per_day") +
                             " FROM tenants WHERE id = ?",
                         {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return base::Error{base::ErrorCode::not_found, "no tenant '" + id + "'"};
    if (rows->front().text(0) == "suspended")
      return base::Error{base::ErrorCode::forbidden, "tenant '" + id + "' is suspended"};
    std::int64_t limit = rows->front().integer(1);
    auto used = tx.query("SELECT " + column + " FROM tenant_usage WHERE tenant_id = ? AND day = ?", {id, day});
    if (!used) return std::move(used).error();
    std::int64_t so_far = used->empty() ? 0 : used->front().integer(0);
    if (limit > 0 && so_far + amount > limit)
      return base::Error{base::ErrorCode::quota_exceeded,
                         "tenant '" + id + "' has used " + std::to_string(so_far) + " of " + std::to_string(limit) +
                             " " + (kind == QuotaKind::deploys ? "deploys" : "asset uploads") +
                             " today (UTC); the quota resets at midnight UTC"};
    auto written = tx.execute("INSERT INTO tenant_usage (tenant_id, day, " + column + ") VALUES (?, ?, ?) "
                                  "ON CONFLICT (tenant_id, day) DO UPDATE SET " + column + " = " + column + " + ?",
                              {id, day, amount, amount});
    if (!written) return std::move(written).error();
    return base::ok();
  });
}

base::Result<std::int64_t> TenantRegistry::used_today(const std::string& id, QuotaKind kind) {
  RBXPIPE_TRY(validate_tenant_id(id));
  std::string day = utc_day(m_clock.now());
  auto rows = m_store.query("SELECT " + std::string(quota_column(kind)) +
                                " FROM tenant_usage WHERE tenant_id = ? AND day = ?",
                            {id, day});
  if (!rows) return std::move(rows).error();
  return rows->empty() ? std::int64_t{0} : rows->front().integer(0);
}

}  // namespace rbxpipe::platform::tenant
