#pragma once
// Internal to platform/storage: streaming copies into a temp file (hashed on the way) that then replace a target.

#include <filesystem>
#include <string>

#include "base/result.h"

namespace rbxpipe::platform::storage::detail {

/// A fully written, fsynced temp file and the SHA-256 (hex) of its bytes.
struct StagedFile {
  std::filesystem::path temp;  ///< the temp file, in the target's folder
  std::string hash;            ///< SHA-256 of its contents, lower-case hex
};

/// Copies `source` in chunks into a new temp file in `folder` (created when missing), hashing it; fsynced.
base::Result<StagedFile> stage_copy(const std::filesystem::path& source, const std::filesystem::path& folder);

/// Renames the staged file over `target` (same folder) and fsyncs the folder; removes the temp file on failure.
base::Result<void> commit_staged(const StagedFile& staged, const std::filesystem::path& target);

/// Removes a staged temp file that will not be committed.
void discard_staged(const StagedFile& staged);

/// fsyncs a folder so a rename or unlink in it survives a power loss.
base::Result<void> sync_folder(const std::filesystem::path& folder);

/// True for names stage_copy uses, so listings can skip leftovers of a crash.
bool is_temp_name(const std::string& name);

}  // namespace rbxpipe::platform::storage::detail
