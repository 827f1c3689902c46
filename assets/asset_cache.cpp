#include "assets/asset_cache.h"

#include "base/file_io.h"

namespace rbxpipe::assets {

namespace {

// Hashes are hex; anything else must not become a path.
bool is_hex_hash(const std::string& hash) {
  if (hash.size() < 2) return false;
  for (char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::filesystem::path AssetCache::project_dir(const std::filesystem::path& project_root) {
  return project_root / ".rbxpipe" / "assets";
}

std::filesystem::path AssetCache::bytes_path(const std::string& hash) const {
  return m_dir / hash.substr(0, 2) / (hash + ".bin");
}

std::filesystem::path AssetCache::metadata_path(const std::string& hash) const {
  return m_dir / hash.substr(0, 2) / (hash + ".json");
}

std::optional<CachedAsset> AssetCache::load(const std::string& hash) const {
  if (!is_hex_hash(hash)) return std::nullopt;
  // The metadata is written last, so its presence means the bytes are complete.
  auto metadata = base::read_file(metadata_path(hash));
  if (!metadata) return std::nullopt;
  auto bytes = base::read_file(bytes_path(hash));
  if (!bytes) return std::nullopt;
  return CachedAsset{std::move(*bytes), std::move(*metadata)};
}

std::optional<std::string> AssetCache::load_metadata(const std::string& hash) const {
  if (!is_hex_hash(hash)) return std::nullopt;
  auto metadata = base::read_file(metadata_path(hash));
  if (!metadata) return std::nullopt;
  return std::move(metadata).value();
}

base::Result<void> AssetCache::store(const std::string& hash, const CachedAsset& asset) const {
  if (!is_hex_hash(hash)) {
    return base::Error(base::ErrorCode::invalid_input, "asset cache key '" + hash + "' is not a hex hash");
  }
  RBXPIPE_TRY(base::write_file_atomic(bytes_path(hash), asset.bytes, base::Durability::replaceable));
  RBXPIPE_TRY(base::write_file_atomic(metadata_path(hash), asset.metadata, base::Durability::replaceable));
  return base::ok();
}

}  // namespace rbxpipe::assets
