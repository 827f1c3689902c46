#pragma once
// Internal to bundle/: walks an archive with libarchive, enforcing every ReadLimits and path rule while the bytes
// stream, hands each entry to a sink, then decodes release.json and verifies the files against it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"
#include "bundle/bundle_reader.h"
#include "bundle/release_manifest.h"

namespace rbxpipe::bundle {

/// Receives the checked entries of an archive as they stream; release.json is passed like any other file.
class EntrySink {
 public:
  virtual ~EntrySink() = default;
  /// A folder entry; `path` is a checked bundle path.
  virtual base::Result<void> add_folder(const std::string& path) = 0;
  /// Starts a file at the checked bundle path `path`; `declared` is its announced size, already within the limits.
  virtual base::Result<void> begin_file(const std::string& path, std::uint64_t declared) = 0;
  /// The next bytes of the current file.
  virtual base::Result<void> write(std::string_view chunk) = 0;
  /// Ends the current file.
  virtual base::Result<void> end_file() = 0;
};

/// Where the archive comes from: the file `file` when set, else `bytes`.
struct ArchiveInput {
  const std::filesystem::path* file = nullptr;  ///< archive on disk
  std::string_view bytes;                        ///< archive in memory (when `file` is null)
};

/// Streams every entry of `input` into `sink` under `limits`, then returns release.json decoded once the files
/// found match it. Errors carry no context naming the archive; callers add it.
base::Result<ReleaseManifest> walk_bundle(const ArchiveInput& input, const ReadLimits& limits, EntrySink& sink);

}  // namespace rbxpipe::bundle
