#pragma once
// ReleaseManifest: the `release.json` of a release bundle. It names the lesson release, lists every file the bundle
// carries with its SHA-256, and records the processed assets. It holds nothing environment-specific (no universe,
// place or key), so one bundle can be deployed anywhere. Its canonical encoding defines the artifact hash and so the
// release id (CONTRACTS.md §4).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::bundle {

/// The manifest format this rbxpipe writes and reads.
inline constexpr int k_manifest_format_version = 1;

/// Hex digits of the artifact hash that a release id carries.
inline constexpr std::size_t k_release_id_hash_digits = 12;

/// What a bundled file is for.
enum class FileRole { place, model, asset, metadata };

/// The role's name in release.json ("place", "model", "asset", "metadata").
std::string_view file_role_name(FileRole role);

/// The role named `name`; nullopt for anything else.
std::optional<FileRole> file_role_from_name(std::string_view name);

/// The source revision a release was built from.
struct GitInfo {
  std::string commit;  ///< full commit id, 40 (SHA-1) or 64 (SHA-256) lower-case hex digits
  bool dirty = false;  ///< the working tree had uncommitted changes
  friend bool operator==(const GitInfo&, const GitInfo&) = default;
};

/// One file carried by the bundle.
struct BundleFile {
  std::string path;                  ///< bundle path (bundle_path.h rules), never "release.json"
  std::string sha256;                ///< lower-case hex SHA-256 of the bytes
  std::uint64_t size = 0;            ///< bytes
  FileRole role = FileRole::metadata;  ///< what it is for
  friend bool operator==(const BundleFile&, const BundleFile&) = default;
};

/// Where a packed image sits in the spritesheet its asset entry's `file` names.
struct SpriteInfo {
  int x = 0;       ///< left edge in the sheet, pixels
  int y = 0;       ///< top edge in the sheet, pixels
  int width = 0;   ///< pixels, at least 1
  int height = 0;  ///< pixels, at least 1
  friend bool operator==(const SpriteInfo&, const SpriteInfo&) = default;
};

/// One processed asset input of the release.
struct BundleAsset {
  std::string input;                 ///< project-relative input path ("assets/images/lava.png")
  std::string kind;                  ///< "image", "audio", "model", "animation" (lower-case letters)
  std::string content_hash;          ///< the input's content hash (64 lower-case hex digits, assets/asset_hash.h)
  std::string file;                  ///< bundle path of the bytes uploaded for it (its sheet when packed); role asset
  std::string mime;                  ///< content type of the upload ("image/png")
  std::optional<SpriteInfo> sprite;  ///< set when the image was packed into the spritesheet `file`
  friend bool operator==(const BundleAsset&, const BundleAsset&) = default;
};

/// The whole manifest. Order of `files` and `assets` does not matter: the encoding sorts them.
struct ReleaseManifest {
  int format_version = k_manifest_format_version;  ///< always k_manifest_format_version
  std::string name;                  ///< lesson id, [a-z0-9-]+
  std::string version;               ///< lesson version ("1.2.0"): letters, digits, '.', '-', '+'
  std::string tenant;                ///< owning tenant: 1-63 of [a-z0-9-], not starting or ending with '-'
  std::string created_by;            ///< who built it (free text, at most 256 bytes, may be empty)
  std::optional<GitInfo> git;        ///< the source revision, when built from a git checkout
  std::string input_hash;            ///< SHA-256 (lower-case hex) over the sources, computed by the caller
  std::vector<BundleFile> files;     ///< every file of the bundle except release.json
  std::vector<BundleAsset> assets;   ///< every processed asset input
  friend bool operator==(const ReleaseManifest&, const ReleaseManifest&) = default;
};

/// invalid_input naming the field (`files[2].sha256: ...`) unless every field follows the rules above, paths are
/// unique, no file lies inside another file's path, and every asset's `file` is listed with role asset.
base::Result<void> validate_manifest(const ReleaseManifest& manifest);

/// The canonical encoding: compact JSON, keys sorted, `files` sorted by path, `assets` by input, one trailing
/// newline; absent optional members are omitted. Equal manifests always give identical bytes.
std::string encode_manifest(const ReleaseManifest& manifest);

/// Decodes release.json: invalid_input naming the field for bad JSON, a missing, unknown or mistyped member, an
/// unsupported format_version, or anything validate_manifest refuses.
base::Result<ReleaseManifest> decode_manifest(std::string_view json);

/// Lower-case hex SHA-256 of encode_manifest(manifest): the release's identity, whatever the archive's layout.
std::string artifact_hash(const ReleaseManifest& manifest);

/// `<name>@<version>+<first 12 hex digits of the artifact hash>` ("volcano@1.2.0+3fa9c1d2e4b5").
std::string release_id(const ReleaseManifest& manifest);

}  // namespace rbxpipe::bundle
