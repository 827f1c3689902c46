#pragma once
// Tenants as JSON: for `rbxpipe tenant show --json`, exports, and the data provider of the tenant module itself.

#include <memory>
#include <string>

#include "platform/tenant/tenant.h"
#include "platform/tenant/tenant_export.h"
#include "platform/tenant/tenant_registry.h"

namespace rbxpipe::platform::tenant {

/// A tenant as a JSON object (targets included; key references as written, never keys).
std::string tenant_to_json(const Tenant& tenant, int indent = -1);

/// The tenant module's own records as a TenantDataProvider (the tenant row, targets, usage counters).
std::unique_ptr<TenantDataProvider> make_registry_provider(TenantRegistry& registry);

}  // namespace rbxpipe::platform::tenant
