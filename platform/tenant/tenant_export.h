#pragma once
// Exporting and deleting everything a tenant owns across modules: each module contributes a TenantDataProvider,
// and the export is one .tar.gz holding every provider's records and files.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace rbxpipe::platform::tenant {

/// One module's share of a tenant's data.
struct TenantDataSection {
  std::string name;                                         ///< "tenant", "tokens", "artifacts"
  std::string records_json;                                 ///< the module's records as JSON ("[]" when none)
  std::vector<std::pair<std::string, std::string>> files;   ///< path inside the archive -> bytes
};

/// What deleting removed, for the report.
struct RemovalSummary {
  std::string name;         ///< the provider
  std::int64_t records = 0; ///< rows or objects removed
  std::int64_t bytes = 0;   ///< bytes freed, when the provider knows
};

/// A module holding tenant data.
class TenantDataProvider {
 public:
  virtual ~TenantDataProvider() = default;
  /// Stable provider name.
  virtual std::string name() const = 0;
  /// Everything this module holds for `tenant`.
  virtual base::Result<TenantDataSection> export_tenant(const std::string& tenant) = 0;
  /// Removes everything this module holds for `tenant`.
  virtual base::Result<RemovalSummary> remove_tenant(const std::string& tenant) = 0;
};

/// Writes every provider's section for `tenant` to a .tar.gz at `archive` (atomically): `<section>/records.json`
/// and `<section>/files/...`, plus `manifest.json` listing the sections. Returns the number of bytes written.
base::Result<std::int64_t> export_tenant(const std::string& tenant,
                                         const std::vector<std::unique_ptr<TenantDataProvider>>& providers,
                                         const std::filesystem::path& archive);

/// Removes the tenant's data from every provider, in order, and returns what each removed. Stops at the first
/// failure (what was removed before it is reported in the error's context).
base::Result<std::vector<RemovalSummary>> remove_tenant(const std::string& tenant,
                                                        const std::vector<std::unique_ptr<TenantDataProvider>>& providers);

}  // namespace rbxpipe::platform::tenant
