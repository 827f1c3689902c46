// The in-memory ArtifactStore: the same contract as the local one, kept in a map.
#include <map>
#include <mutex>

#include "base/file_io.h"
#include "base/sha256.h"
#include "platform/storage/artifact_store.h"

namespace rbxpipe::platform::storage {

namespace {

using base::Error;
using base::ErrorCode;

class MemoryArtifactStore final : public ArtifactStore {
 public:
  base::Result<std::string> put(std::string_view tenant, std::string_view bytes) override {
    RBXPIPE_TRY(validate_tenant(tenant));
    std::string hash = base::sha256_hex(bytes);
    std::lock_guard lock(m_mutex);
    m_objects[std::string(tenant)][hash] = std::string(bytes);
    return hash;
  }

  base::Result<std::string> put_file(std::string_view tenant, const std::filesystem::path& source) override {
    RBXPIPE_TRY(validate_tenant(tenant));
    auto bytes = base::read_file(source);
    if (!bytes) return std::move(bytes).error();
    return put(tenant, *bytes);
  }

  base::Result<std::string> get(std::string_view tenant, std::string_view hash) override {
    RBXPIPE_TRY(check(tenant, hash));
    std::lock_guard lock(m_mutex);
    const std::string* bytes = find(tenant, hash);
    if (bytes == nullptr) return missing(tenant, hash);
    return *bytes;
  }

  base::Result<void> get_file(std::string_view tenant, std::string_view hash,
                              const std::filesystem::path& destination) override {
    auto bytes = get(tenant, hash);
    if (!bytes) return std::move(bytes).error();
    return base::write_file_atomic(destination, *bytes);
  }

  base::Result<bool> exists(std::string_view tenant, std::string_view hash) override {
    RBXPIPE_TRY(check(tenant, hash));
    std::lock_guard lock(m_mutex);
    return find(tenant, hash) != nullptr;
  }

  base::Result<std::vector<std::string>> list(std::string_view tenant) override {
    RBXPIPE_TRY(validate_tenant(tenant));
    std::lock_guard lock(m_mutex);
    std::vector<std::string> hashes;
    const auto it = m_objects.find(std::string(tenant));
    if (it == m_objects.end()) return hashes;
    for (const auto& entry : it->second) hashes.push_back(entry.first);  // std::map keeps them sorted
    return hashes;
  }

  base::Result<void> remove(std::string_view tenant, std::string_view hash) override {
    RBXPIPE_TRY(check(tenant, hash));
    std::lock_guard lock(m_mutex);
    const auto it = m_objects.find(std::string(tenant));
    if (it == m_objects.end() || it->second.erase(std::string(hash)) == 0) return missing(tenant, hash);
    return base::ok();
  }

 private:
  static base::Result<void> check(std::string_view tenant, std::string_view hash) {
    RBXPIPE_TRY(validate_tenant(tenant));
    return validate_object_hash(hash);
  }
  static Error missing(std::string_view tenant, std::string_view hash) {
    return Error(ErrorCode::not_found, "artifact " + std::string(tenant) + "/" + std::string(hash) + " does not exist");
  }
  const std::string* find(std::string_view tenant, std::string_view hash) const {
    const auto it = m_objects.find(std::string(tenant));
    if (it == m_objects.end()) return nullptr;
    const auto object = it->second.find(std::string(hash));
    return object == it->second.end() ? nullptr : &object->second;
  }

  std::mutex m_mutex;
  std::map<std::string, std::map<std::string, std::string>> m_objects;
};

}  // namespace

std::unique_ptr<ArtifactStore> make_memory_artifact_store() { return std::make_unique<MemoryArtifactStore>(); }

}  // namespace rbxpipe::platform::storage
