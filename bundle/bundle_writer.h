#pragma once
// Writes release bundles: deterministic zip archives (libzip) with release.json first and every other file after it
// in path order, each with the same timestamp (1980-01-01 00:00), permissions (0644) and deflate level. The same
// contents always give byte-identical archives with the same zlib.

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.h"
#include "bundle/bundle_contents.h"

namespace rbxpipe::bundle {

/// What write_bundle produced.
struct BundleWriteResult {
  std::string release_id;       ///< release_id(manifest)
  std::string artifact_hash;    ///< artifact_hash(manifest)
  std::string archive_sha256;   ///< lower-case hex SHA-256 of the archive bytes
  std::uint64_t archive_size = 0;  ///< archive bytes
};

/// The bundle as zip bytes in memory. invalid_input when check_contents refuses the contents; internal when libzip
/// fails.
base::Result<std::string> encode_bundle(const BundleContents& contents);

/// Writes the bundle to `path` atomically: libzip writes a temp file in the same folder, which is synced and
/// renamed over `path` (parents created). Readers see the old file or the whole new one. invalid_input when
/// check_contents refuses the contents, io_error when the file cannot be written.
base::Result<BundleWriteResult> write_bundle(const BundleContents& contents, const std::filesystem::path& path);

}  // namespace rbxpipe::bundle
