#pragma once
// ArtifactStore: content-addressed blobs (release bundles, place files) kept per tenant. Every object lives under
// its tenant's prefix and is named by the SHA-256 of its bytes, which is checked again on every read.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::platform::storage {

/// The content-addressed store. Tenant ids and hashes are validated first (invalid_input), so no argument can name
/// a path outside the tenant's prefix; a tenant only ever sees its own objects.
class ArtifactStore {
 public:
  virtual ~ArtifactStore() = default;
  /// Stores `bytes` for `tenant`; returns their SHA-256 (lower-case hex). Storing the same bytes again is cheap.
  virtual base::Result<std::string> put(std::string_view tenant, std::string_view bytes) = 0;
  /// Stores a file's contents, read in chunks (never whole in memory); returns their SHA-256.
  virtual base::Result<std::string> put_file(std::string_view tenant, const std::filesystem::path& source) = 0;
  /// The object's bytes: not_found when absent; io_error naming the object when its bytes no longer match `hash`.
  virtual base::Result<std::string> get(std::string_view tenant, std::string_view hash) = 0;
  /// Copies the object to `destination` in chunks, verified before it appears there (atomic; parents created).
  virtual base::Result<void> get_file(std::string_view tenant, std::string_view hash,
                                      const std::filesystem::path& destination) = 0;
  /// True when the tenant holds the object (its bytes are not verified).
  virtual base::Result<bool> exists(std::string_view tenant, std::string_view hash) = 0;
  /// The tenant's object hashes, sorted.
  virtual base::Result<std::vector<std::string>> list(std::string_view tenant) = 0;
  /// Deletes the object: not_found when the tenant does not hold it.
  virtual base::Result<void> remove(std::string_view tenant, std::string_view hash) = 0;
};

/// invalid_input unless `tenant` is 1-63 characters of [a-z0-9-] not starting or ending with '-'.
base::Result<void> validate_tenant(std::string_view tenant);

/// invalid_input unless `hash` is 64 lower-case hex digits.
base::Result<void> validate_object_hash(std::string_view hash);

/// `<home>/artifacts` (CONTRACTS.md §1).
std::filesystem::path artifacts_root(const std::filesystem::path& home);

/// The local-filesystem backend: `<root>/<tenant>/<sha256>`, written atomically and fsynced.
std::unique_ptr<ArtifactStore> make_local_artifact_store(const std::filesystem::path& root);

/// An in-memory backend (thread-safe) for tests and throwaway runs.
std::unique_ptr<ArtifactStore> make_memory_artifact_store();

}  // namespace rbxpipe::platform::storage
