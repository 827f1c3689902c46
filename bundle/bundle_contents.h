#pragma once
// BundleContents: a whole release bundle in memory (its manifest and the bytes of every file it lists), and the
// check that the two agree, shared by the writer and the reader.

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "base/result.h"
#include "bundle/release_manifest.h"

namespace rbxpipe::bundle {

/// A release bundle: release.json as a value plus every file it lists.
struct BundleContents {
  ReleaseManifest manifest;                                   ///< what release.json says
  std::map<std::string, std::string, std::less<>> files;      ///< bundle path -> bytes; never holds release.json
};

/// What was found for one file: its SHA-256 (lower-case hex) and size.
struct FileDigest {
  std::string sha256;      ///< lower-case hex
  std::uint64_t size = 0;  ///< bytes
  friend bool operator==(const FileDigest&, const FileDigest&) = default;
};

/// Puts `bytes` at `path` and lists it in the manifest with its SHA-256, size and `role`, replacing any file already
/// at that path. The path is checked later (check_contents, write_bundle).
void add_file(BundleContents& contents, const std::string& path, std::string bytes, FileRole role);

/// invalid_input unless `found` holds exactly the files `manifest` lists, each with the listed SHA-256 and size;
/// the message names the first file that is missing, unlisted or different.
base::Result<void> verify_files(const ReleaseManifest& manifest, const std::map<std::string, FileDigest>& found);

/// invalid_input unless the manifest is valid (validate_manifest) and `files` matches it (verify_files).
base::Result<void> check_contents(const BundleContents& contents);

}  // namespace rbxpipe::bundle
