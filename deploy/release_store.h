#pragma once
// Release bundles in the artifact store: a built release packed into a deterministic zip (bundle/), recorded in
// the state database, and loaded back (from its id, or from a bundle file made elsewhere) without the sources.

#include <filesystem>
#include <string>

#include "base/result.h"
#include "deploy/deploy_state.h"
#include "deploy/release.h"
#include "platform/storage/artifact_store.h"

namespace rbxpipe::deploy {

/// The bundle of `release` (zip bytes): place.rbxl, project/ (configuration, lesson, smoke tests, processed
/// assets at their input paths), deploy.json, and release.json listing every file's hash. Sets release.record's
/// id and artifact_hash.
base::Result<std::string> pack_release(Release& release, const std::string& tenant);

/// Packs `release`, stores the bundle in `artifacts` and records it in `state`; sets record.bundle_object.
base::Result<void> store_release(Release& release, DeployState& state, platform::storage::ArtifactStore& artifacts);

/// The stored release `id_or_prefix`, unpacked into a private temporary folder that lives as long as the Release.
base::Result<Release> load_release(const std::string& id_or_prefix, DeployState& state,
                                   platform::storage::ArtifactStore& artifacts);

/// Reads a bundle file (zip, tar.gz or tar.zst) with every safety check, stores it and records it; returns its record.
base::Result<ReleaseRecord> import_release(const std::filesystem::path& bundle, DeployState& state,
                                           platform::storage::ArtifactStore& artifacts, const std::string& who);

/// The commit checked out at `folder` and whether the work tree has changes; nullopt outside git (or without git).
std::optional<std::pair<std::string, bool>> read_git_state(const std::filesystem::path& folder);

}  // namespace rbxpipe::deploy
