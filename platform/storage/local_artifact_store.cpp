// The local-filesystem ArtifactStore: `<root>/<tenant>/<sha256>`.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "base/file_io.h"
#include "base/sha256.h"
#include "platform/storage/artifact_store.h"
#include "platform/storage/staged_file.h"

namespace rbxpipe::platform::storage {

namespace {

using base::Error;
using base::ErrorCode;

class LocalArtifactStore final : public ArtifactStore {
 public:
  explicit LocalArtifactStore(std::filesystem::path root) : m_root(std::move(root)) {}

  base::Result<std::string> put(std::string_view tenant, std::string_view bytes) override {
    RBXPIPE_TRY(validate_tenant(tenant));
    std::string hash = base::sha256_hex(bytes);
    const auto path = object_path(tenant, hash);
    // Already there and intact: nothing to write. A damaged copy is replaced by the good bytes.
    if (intact(path, hash)) return hash;
    RBXPIPE_TRY(base::write_file_atomic(path, bytes, base::Durability::synced));
    return hash;
  }

  base::Result<std::string> put_file(std::string_view tenant, const std::filesystem::path& source) override {
    RBXPIPE_TRY(validate_tenant(tenant));
    auto staged = detail::stage_copy(source, tenant_folder(tenant));
    if (!staged) return std::move(staged).error();
    const auto path = object_path(tenant, staged->hash);
    if (intact(path, staged->hash)) {
      detail::discard_staged(*staged);
      return staged->hash;
    }
    RBXPIPE_TRY(detail::commit_staged(*staged, path));
    return staged->hash;
  }

  base::Result<std::string> get(std::string_view tenant, std::string_view hash) override {
    RBXPIPE_TRY(check(tenant, hash));
    const auto path = object_path(tenant, hash);
    auto bytes = base::read_file(path);
    if (!bytes) {
      if (bytes.error().code() == ErrorCode::not_found) return missing(tenant, hash);
      return std::move(bytes).error().with_context("read artifact " + name(tenant, hash));
    }
    const std::string actual = base::sha256_hex(*bytes);
    if (actual != hash) return tampered(tenant, hash, path, actual);
    return bytes;
  }

  base::Result<void> get_file(std::string_view tenant, std::string_view hash,
                              const std::filesystem::path& destination) override {
    RBXPIPE_TRY(check(tenant, hash));
    const auto path = object_path(tenant, hash);
    if (!std::filesystem::is_regular_file(path)) return missing(tenant, hash);
    const auto folder = destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
    auto staged = detail::stage_copy(path, folder);
    if (!staged) return std::move(staged).error().with_context("read artifact " + name(tenant, hash));
    if (staged->hash != hash) {
      detail::discard_staged(*staged);
      return tampered(tenant, hash, path, staged->hash);
    }
    return detail::commit_staged(*staged, destination);
  }

  base::Result<bool> exists(std::string_view tenant, std::string_view hash) override {
    RBXPIPE_TRY(check(tenant, hash));
    std::error_code ec;
    return std::filesystem::is_regular_file(object_path(tenant, hash), ec);
  }

  base::Result<std::vector<std::string>> list(std::string_view tenant) override {
    RBXPIPE_TRY(validate_tenant(tenant));
    std::vector<std::string> hashes;
    const auto folder = tenant_folder(tenant);
    std::error_code ec;
    if (!std::filesystem::exists(folder, ec)) return hashes;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::string file = it->path().filename().string();
      // Temp files of an interrupted write and anything else that is not an object name are not objects.
      if (detail::is_temp_name(file) || !validate_object_hash(file).ok()) continue;
      if (it->is_regular_file()) hashes.push_back(std::move(file));
    }
    if (ec) return Error(ErrorCode::io_error, "cannot list '" + folder.string() + "': " + ec.message());
    std::sort(hashes.begin(), hashes.end());
    return hashes;
  }

  base::Result<void> remove(std::string_view tenant, std::string_view hash) override {
    RBXPIPE_TRY(check(tenant, hash));
    const auto path = object_path(tenant, hash);
    if (::unlink(path.c_str()) != 0) {
      const int error_number = errno;
      if (error_number == ENOENT) return missing(tenant, hash);
      return Error(ErrorCode::io_error, "cannot remove '" + path.string() + "': " + std::strerror(error_number));
    }
    return detail::sync_folder(path.parent_path());
  }

 private:
  static base::Result<void> check(std::string_view tenant, std::string_view hash) {
    RBXPIPE_TRY(validate_tenant(tenant));
    return validate_object_hash(hash);
  }
  static std::string name(std::string_view tenant, std::string_view hash) {
    return std::string(tenant) + "/" + std::string(hash);
  }
  static Error missing(std::string_view tenant, std::string_view hash) {
    return Error(ErrorCode::not_found, "artifact " + name(tenant, hash) + " does not exist");
  }
  static Error tampered(std::string_view tenant, std::string_view hash, const std::filesystem::path& path,
                        const std::string& actual) {
    return Error(ErrorCode::io_error, "artifact " + name(tenant, hash) + " ('" + path.string() +
                                          "') was modified or damaged: its bytes hash to " + actual);
  }
  static bool intact(const std::filesystem::path& path, std::string_view hash) {
    auto digest = base::sha256_file(path);
    return digest.ok() && base::to_hex(*digest) == hash;
  }

  std::filesystem::path tenant_folder(std::string_view tenant) const { return m_root / std::string(tenant); }
  std::filesystem::path object_path(std::string_view tenant, std::string_view hash) const {
    return tenant_folder(tenant) / std::string(hash);
  }

  std::filesystem::path m_root;
};

}  // namespace

std::unique_ptr<ArtifactStore> make_local_artifact_store(const std::filesystem::path& root) {
  return std::make_unique<LocalArtifactStore>(root);
}

}  // namespace rbxpipe::platform::storage
