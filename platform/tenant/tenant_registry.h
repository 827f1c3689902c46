#pragma once
// TenantRegistry: tenants, their deploy targets and quota usage in the state database (platform/store).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "platform/store/state_store.h"
#include "platform/tenant/tenant.h"

namespace rbxpipe::platform::tenant {

/// What a quota counts.
enum class QuotaKind { deploys, asset_uploads };

/// The tenant module's tables (module "tenant"); register them with StateStore::migrate.
std::vector<store::Migration> tenant_migrations();

/// Reads and writes tenants. Every call checks its tenant id; not_found for unknown tenants.
class TenantRegistry {
 public:
  /// A registry over `store` (migrated with tenant_migrations()), dating records with `clock`.
  TenantRegistry(store::StateStore& store, base::Clock& clock) : m_store(store), m_clock(clock) {}

  /// Adds a tenant; already_exists when the id is taken.
  base::Result<Tenant> add(Tenant tenant);
  /// The tenant.
  base::Result<Tenant> get(const std::string& id);
  /// Every tenant, by id.
  base::Result<std::vector<Tenant>> list();
  /// Replaces name, creator, quotas, weight and status (not the id or targets).
  base::Result<Tenant> update(const Tenant& tenant);
  /// Sets the status.
  base::Result<void> set_status(const std::string& id, TenantStatus status);
  /// Adds or replaces a deploy target.
  base::Result<void> put_target(const std::string& id, const DeployTarget& target);
  /// Removes a deploy target; not_found when it does not exist.
  base::Result<void> remove_target(const std::string& id, const std::string& target_name);
  /// Removes the tenant and its targets and usage; returns how many rows went.
  base::Result<std::int64_t> remove(const std::string& id);

  /// Counts `amount` against today's quota (UTC); quota_exceeded (nothing counted) when it would pass the limit;
  /// forbidden when the tenant is suspended.
  base::Result<void> consume(const std::string& id, QuotaKind kind, std::int64_t amount = 1);
  /// Used today.
  base::Result<std::int64_t> used_today(const std::string& id, QuotaKind kind);

 private:
  store::StateStore& m_store;
  base::Clock& m_clock;
};

}  // namespace rbxpipe::platform::tenant
