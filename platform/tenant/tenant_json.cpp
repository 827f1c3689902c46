#include "platform/tenant/tenant_json.h"

#include <nlohmann/json.hpp>

namespace rbxpipe::platform::tenant {
namespace {

using nlohmann::ordered_json;

ordered_json to_json(const Tenant& tenant) {
  ordered_json targets = ordered_json::array();
  for (const auto& target : tenant.targets) {
    ordered_json item{{"name", target.name}, {"universe", target.universe}, {"place", target.place}};
    item["creator"] = target.creator ? ordered_json(format_creator(*target.creator)) : ordered_json(nullptr);
    item["api_key"] = target.api_key_ref;
    item["protected"] = target.is_protected;
    targets.push_back(std::move(item));
  }
  return ordered_json{{"id", tenant.id},
                      {"name", tenant.name},
                      {"creator", format_creator(tenant.creator)},
                      {"status", tenant_status_name(tenant.status)},
                      {"weight", tenant.weight},
                      {"quotas",
                       {{"deploys_per_day", tenant.quotas.deploys_per_day},
                        {"asset_uploads_per_day", tenant.quotas.asset_uploads_per_day},
                        {"storage_bytes", tenant.quotas.storage_bytes}}},
                      {"targets", std::move(targets)},
                      {"created_at", tenant.created_at}};
}

class RegistryProvider final : public TenantDataProvider {
 public:
  explicit RegistryProvider(TenantRegistry& registry) : m_registry(registry) {}
  std::string name() const override { return "tenant"; }
  base::Result<TenantDataSection> export_tenant(const std::string& tenant) override {
    auto found = m_registry.get(tenant);
    if (!found) return std::move(found).error();
    return TenantDataSection{"tenant", to_json(*found).dump(2) + "\n", {}};
  }
  base::Result<RemovalSummary> remove_tenant(const std::string& tenant) override {
    auto removed = m_registry.remove(tenant);
    if (!removed) return std::move(removed).error();
    return RemovalSummary{"tenant", *removed, 0};
  }

 private:
  TenantRegistry& m_registry;
};

}  // namespace

std::string tenant_to_json(const Tenant& tenant, int indent) {
  return to_json(tenant).dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

std::unique_ptr<TenantDataProvider> make_registry_provider(TenantRegistry& registry) {
  return std::make_unique<RegistryProvider>(registry);
}

}  // namespace rbxpipe::platform::tenant
