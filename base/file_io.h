#pragma once
// File helpers: bounded reads and crash-safe atomic writes.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::base {

/// Largest file read_file accepts unless told otherwise (256 MiB).
inline constexpr std::size_t k_default_max_read = std::size_t{256} << 20;

/// Reads a whole file; not_found when missing, too_large when over `max_bytes`, io_error otherwise.
Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes = k_default_max_read);

/// Whether an atomic write also waits for the bytes to reach the disk.
enum class Durability {
  synced,     ///< fsync the file and its folder: survives a power loss (state, artifacts, outputs users keep)
  replaceable ///< rename only: still never partial, but may be lost on power loss (caches)
};

/// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync (when synced), rename over, fsync the
/// folder. Readers see the old file or the new one, never a partial one. Parent folders are created.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                               Durability durability = Durability::synced);

/// `path` relative to `base` with forward slashes when it lies under it, else `path` unchanged (for messages).
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace rbxpipe::base
