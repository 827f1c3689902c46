#pragma once
// The on-disk cache of processed asset outputs, keyed by content hash (`<project>/.rbxpipe/assets/`): a hit skips
// probing and processing. Entries are written atomically, so a killed run never leaves a partial one.

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"

namespace rbxpipe::assets {

/// One cached output: the processed bytes and a small metadata record (JSON text) describing them.
struct CachedAsset {
  std::string bytes;     ///< the processed output
  std::string metadata;  ///< what processing found (kind, size, dimensions or duration, diagnostics), as JSON text
};

/// Processed outputs stored as `<dir>/<hh>/<hash>.bin` and `<hash>.json`, where hh is the hash's first two digits.
class AssetCache {
 public:
  /// A cache rooted at `dir` (created on the first store).
  explicit AssetCache(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  /// The cache folder of a project: `<root>/.rbxpipe/assets`.
  static std::filesystem::path project_dir(const std::filesystem::path& project_root);

  /// The entry for `hash`, or nullopt when it is missing or incomplete.
  std::optional<CachedAsset> load(const std::string& hash) const;
  /// Only the metadata of the entry for `hash` (the processed bytes are not read), or nullopt when it is missing.
  std::optional<std::string> load_metadata(const std::string& hash) const;
  /// Stores `asset` under `hash`, replacing any entry; io_error when the files cannot be written.
  base::Result<void> store(const std::string& hash, const CachedAsset& asset) const;
  /// Path of the processed bytes of `hash` (whether or not it exists).
  std::filesystem::path bytes_path(const std::string& hash) const;
  /// The cache folder.
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path metadata_path(const std::string& hash) const;
  std::filesystem::path m_dir;
};

}  // namespace rbxpipe::assets
