#pragma once
// Tenants: each school (or other organisation) with its own Roblox creator, deploy targets, quotas and fair share.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::platform::tenant {

/// Who owns a tenant's Roblox assets by default.
struct RobloxCreator {
  enum class Kind { user, group } kind = Kind::group;  ///< a user or a group
  std::int64_t id = 0;                                 ///< the user or group id
  friend bool operator==(const RobloxCreator&, const RobloxCreator&) = default;
};

/// Where a release deployed without sources goes (`rbxpipe deploy --release ID --env NAME`).
struct DeployTarget {
  std::string name;                       ///< "class-7b", "staging"
  std::int64_t universe = 0;              ///< universe id
  std::int64_t place = 0;                 ///< place id
  std::optional<RobloxCreator> creator;   ///< asset owner; empty: the tenant's creator
  std::string api_key_ref;                ///< "env:NAME" or "secret:NAME", never the key itself
  bool is_protected = false;              ///< deploying needs deploy:protected
  friend bool operator==(const DeployTarget&, const DeployTarget&) = default;
};

/// Daily and total limits; 0 means unlimited.
struct Quotas {
  std::int64_t deploys_per_day = 0;        ///< deploys started per UTC day
  std::int64_t asset_uploads_per_day = 0;  ///< asset creates and updates per UTC day
  std::int64_t storage_bytes = 0;          ///< bytes of artifacts kept
  friend bool operator==(const Quotas&, const Quotas&) = default;
};

/// Whether a tenant may act.
enum class TenantStatus { active, suspended };

/// "active" or "suspended".
std::string_view tenant_status_name(TenantStatus status);

/// One tenant.
struct Tenant {
  std::string id;                          ///< [a-z0-9-]+, at most 63 characters; also the artifact prefix
  std::string name;                        ///< display name
  RobloxCreator creator;                   ///< default owner of uploaded assets
  std::vector<DeployTarget> targets;       ///< named deploy targets, sorted by name
  Quotas quotas;                           ///< limits
  int weight = 1;                          ///< fair-share weight for Open Cloud budgets (1..100)
  TenantStatus status = TenantStatus::active;  ///< suspended tenants can do nothing but be read and exported
  std::string created_at;                  ///< ISO 8601 UTC
  friend bool operator==(const Tenant&, const Tenant&) = default;
};

/// invalid_input unless `id` is 1-63 characters of [a-z0-9-] not starting or ending with '-'.
base::Result<void> validate_tenant_id(std::string_view id);

/// The keystore entry a tenant's `secret:NAME` key reference names: "<tenant>.<name>". Tenant ids hold no '.', so
/// the first '.' separates them and one tenant's references can never reach another tenant's secrets.
base::Result<std::string> tenant_secret_name(std::string_view tenant, std::string_view name);

/// Parses "group:789" or "user:42".
base::Result<RobloxCreator> parse_creator(std::string_view text);
/// "group:789" / "user:42".
std::string format_creator(const RobloxCreator& creator);

}  // namespace rbxpipe::platform::tenant
