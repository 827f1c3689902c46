#pragma once
// Reads release bundles made here or elsewhere (CI): zip, tar, tar.gz or tar.zst, recognised by content. Every
// entry is checked while it streams: unsafe paths, links, special files, duplicates, too many entries, too many
// bytes, decompression bombs and size lies are refused with invalid_input naming the entry. Then release.json must
// decode and list exactly the files present, with matching sizes and SHA-256.

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "bundle/bundle_contents.h"

namespace rbxpipe::bundle {

/// Bounds on what a bundle may cost to read; the defaults suit any real lesson.
struct ReadLimits {
  std::uint64_t max_entries = 10'000;                          ///< entries of any kind, folders included
  std::uint64_t max_total_bytes = std::uint64_t{2} << 30;      ///< uncompressed bytes of all files (2 GiB)
  std::uint64_t max_manifest_bytes = std::uint64_t{16} << 20;  ///< release.json at most this big (16 MiB)
  std::uint64_t max_ratio = 200;                               ///< an entry may inflate at most this many times its
                                                               ///< compressed size...
  std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;    ///< ...once it has produced more than this (1 MiB)
};

/// Reads and verifies the bundle at `path` into memory. not_found when the file is missing, invalid_input for
/// anything wrong with the archive or its contents.
base::Result<BundleContents> read_bundle(const std::filesystem::path& path, const ReadLimits& limits = {});

/// Same as read_bundle, over archive bytes already in memory.
base::Result<BundleContents> read_bundle_bytes(std::string_view bytes, const ReadLimits& limits = {});

/// Extracts and verifies the bundle at `path` into `target_dir`, which must not exist or be an empty folder (its
/// parents are created). The archive is read twice: first every check and the verification run with nothing
/// written, so a refused bundle costs no disk writes; then the files stream to disk (never whole in memory) inside
/// a hidden temp folder beside the target, checked again, synced and renamed to `target_dir`. On failure the target
/// gets nothing and the temp folder is removed; nothing is ever written outside these two folders. Returns the
/// verified manifest. already_exists when the target holds anything, conflict when the archive changed between
/// the two reads.
base::Result<ReleaseManifest> extract_bundle(const std::filesystem::path& path, const std::filesystem::path& target_dir,
                                             const ReadLimits& limits = {});

}  // namespace rbxpipe::bundle
