#include "bundle/release_manifest.h"

#include <map>
#include <set>

#include "base/sha256.h"
#include "bundle/bundle_path.h"

namespace rbxpipe::bundle {
namespace {

constexpr std::size_t k_max_name_bytes = 63;
constexpr std::size_t k_max_version_bytes = 64;
constexpr std::size_t k_max_created_by_bytes = 256;
constexpr std::size_t k_max_mime_bytes = 127;

base::Error bad_field(const std::string& field, const std::string& what) {
  return base::Error(base::ErrorCode::invalid_input, field + ": " + what);
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

bool is_lesson_name(std::string_view name) {
  if (name.empty() || name.size() > k_max_name_bytes) return false;
  for (char c : name) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool is_tenant_id(std::string_view tenant) {
  return is_lesson_name(tenant) && tenant.front() != '-' && tenant.back() != '-';
}

// '+' is allowed (semantic versions carry build metadata after it); a release id is split at its last '+'.
bool is_version(std::string_view version) {
  if (version.empty() || version.size() > k_max_version_bytes || !is_alnum(version.front())) return false;
  for (char c : version) {
    if (!is_alnum(c) && c != '.' && c != '-' && c != '+') return false;
  }
  return true;
}

bool is_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > k_max_name_bytes) return false;
  for (char c : kind) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

// "type/subtype" with the printable ASCII characters RFC 6838 allows in media type names (parameters excluded).
bool is_mime(std::string_view mime) {
  const std::size_t slash = mime.find('/');
  if (mime.size() > k_max_mime_bytes || slash == std::string_view::npos || slash == 0 || slash + 1 == mime.size()) {
    return false;
  }
  if (mime.find('/', slash + 1) != std::string_view::npos) return false;
  for (char c : mime) {
    if (!is_alnum(c) && std::string_view("!#$&-^_.+/").find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool has_control_character(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

base::Result<void> validate_files(const std::vector<BundleFile>& files, std::map<std::string, FileRole>& roles) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    const BundleFile& file = files[i];
    const std::string field = "files[" + std::to_string(i) + "]";
    auto path_ok = check_bundle_path(file.path);
    if (!path_ok) return bad_field(field + ".path", path_ok.error().message());
    if (file.path == k_manifest_path) return bad_field(field + ".path", "release.json cannot list itself");
    if (!is_lower_hex(file.sha256, 64)) {
      return bad_field(field + ".sha256", "expected 64 lower-case hex digits, got " + quoted_entry(file.sha256));
    }
    if (!roles.emplace(file.path, file.role).second) {
      return bad_field(field + ".path", quoted_entry(file.path) + " is listed twice");
    }
  }
  // A file whose path is a folder of another file's path could never be extracted next to it.
  for (const auto& [path, role] : roles) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      if (roles.count(path.substr(0, slash)) != 0) {
        return bad_field("files", quoted_entry(path) + " lies inside the file " + quoted_entry(path.substr(0, slash)));
      }
    }
  }
  return base::ok();
}

base::Result<void> validate_asset(const BundleAsset& asset, const std::string& field,
                                  const std::map<std::string, FileRole>& roles) {
  auto input_ok = check_bundle_path(asset.input);
  if (!input_ok) return bad_field(field + ".input", input_ok.error().message());
  if (!is_kind(asset.kind)) {
    return bad_field(field + ".kind", "expected lower-case letters, got " + quoted_entry(asset.kind));
  }
  if (!is_lower_hex(asset.content_hash, 64)) {
    return bad_field(field + ".content_hash",
                     "expected 64 lower-case hex digits, got " + quoted_entry(asset.content_hash));
  }
  auto role = roles.find(asset.file);
  if (role == roles.end()) return bad_field(field + ".file", quoted_entry(asset.file) + " is not listed in files");
  if (role->second != FileRole::asset) {
    return bad_field(field + ".file", quoted_entry(asset.file) + " is listed with role " +
                                          std::string(file_role_name(role->second)) + ", not asset");
  }
  if (!is_mime(asset.mime)) {
    return bad_field(field + ".mime", "expected a media type such as image/png, got " + quoted_entry(asset.mime));
  }
  if (asset.sprite) {
    const SpriteInfo& sprite = *asset.sprite;
    if (sprite.x < 0 || sprite.y < 0) return bad_field(field + ".sprite", "x and y must not be negative");
    if (sprite.width < 1 || sprite.height < 1) {
      return bad_field(field + ".sprite", "width and height must be at least 1");
    }
  }
  return base::ok();
}

}  // namespace

std::string_view file_role_name(FileRole role) {
  switch (role) {
    case FileRole::place: return "place";
    case FileRole::model: return "model";
    case FileRole::asset: return "asset";
    case FileRole::metadata: return "metadata";
  }
  return "metadata";
}

std::optional<FileRole> file_role_from_name(std::string_view name) {
  for (FileRole role : {FileRole::place, FileRole::model, FileRole::asset, FileRole::metadata}) {
    if (file_role_name(role) == name) return role;
  }
  return std::nullopt;
}

base::Result<void> validate_manifest(const ReleaseManifest& manifest) {
  if (manifest.format_version != k_manifest_format_version) {
    return bad_field("format_version", "unsupported version " + std::to_string(manifest.format_version) +
                                           " (this rbxpipe reads " + std::to_string(k_manifest_format_version) + ")");
  }
  if (!is_lesson_name(manifest.name)) {
    return bad_field("name", "expected 1-63 characters of [a-z0-9-], got " + quoted_entry(manifest.name));
  }
  if (!is_version(manifest.version)) {
    return bad_field("version", "expected letters, digits, '.', '-' or '+' starting with a letter or digit, got " +
                                    quoted_entry(manifest.version));
  }
  if (!is_tenant_id(manifest.tenant)) {
    return bad_field("tenant", "expected 1-63 characters of [a-z0-9-] not starting or ending with '-', got " +
                                   quoted_entry(manifest.tenant));
  }
  if (manifest.created_by.size() > k_max_created_by_bytes || !is_valid_utf8(manifest.created_by) ||
      has_control_character(manifest.created_by)) {
    return bad_field("created_by", "expected at most 256 bytes of UTF-8 text without control characters, got " +
                                       quoted_entry(manifest.created_by));
  }
  if (manifest.git && !is_lower_hex(manifest.git->commit, 40) && !is_lower_hex(manifest.git->commit, 64)) {
    return bad_field("git.commit",
                     "expected 40 or 64 lower-case hex digits, got " + quoted_entry(manifest.git->commit));
  }
  if (!is_lower_hex(manifest.input_hash, 64)) {
    return bad_field("input_hash", "expected 64 lower-case hex digits, got " + quoted_entry(manifest.input_hash));
  }
  std::map<std::string, FileRole> roles;
  RBXPIPE_TRY(validate_files(manifest.files, roles));
  std::set<std::string> inputs;
  for (std::size_t i = 0; i < manifest.assets.size(); ++i) {
    const std::string field = "assets[" + std::to_string(i) + "]";
    RBXPIPE_TRY(validate_asset(manifest.assets[i], field, roles));
    if (!inputs.insert(manifest.assets[i].input).second) {
      return bad_field(field + ".input", quoted_entry(manifest.assets[i].input) + " is listed twice");
    }
  }
  return base::ok();
}

std::string artifact_hash(const ReleaseManifest& manifest) { return base::sha256_hex(encode_manifest(manifest)); }

std::string release_id(const ReleaseManifest& manifest) {
  return manifest.name + "@" + manifest.version + "+" + artifact_hash(manifest).substr(0, k_release_id_hash_digits);
}

}  // namespace rbxpipe::bundle
