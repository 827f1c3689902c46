// release.json: the canonical encoding and a strict decoder that names the offending member.

#include <algorithm>
#include <climits>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "bundle/release_manifest.h"

namespace rbxpipe::bundle {
namespace {

// nlohmann::json keeps object members in a std::map, so every dump lists keys in byte order: canonical for free.
using Json = nlohmann::json;

base::Error bad(const std::string& field, const std::string& what) {
  return base::Error(base::ErrorCode::invalid_input, field + ": " + what);
}

std::string member_name(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : where + "." + std::string(key);
}

base::Result<void> check_members(const Json& object, const std::string& where,
                                 std::initializer_list<std::string_view> required,
                                 std::initializer_list<std::string_view> optional = {}) {
  if (!object.is_object()) return bad(where.empty() ? "top level" : where, "expected an object");
  for (std::string_view key : required) {
    if (!object.contains(std::string(key))) return bad(member_name(where, key), "missing");
  }
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    const auto known = [&](std::initializer_list<std::string_view> keys) {
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    if (!known(required) && !known(optional)) return bad(member_name(where, key), "unknown member");
  }
  return base::ok();
}

base::Result<std::string> get_string(const Json& object, std::string_view key, const std::string& where) {
  const Json& value = object.at(std::string(key));
  if (!value.is_string()) return bad(member_name(where, key), "expected a string");
  return value.get<std::string>();
}

base::Result<bool> get_bool(const Json& object, std::string_view key, const std::string& where) {
  const Json& value = object.at(std::string(key));
  if (!value.is_boolean()) return bad(member_name(where, key), "expected true or false");
  return value.get<bool>();
}

base::Result<std::uint64_t> get_unsigned(const Json& object, std::string_view key, const std::string& where) {
  const Json& value = object.at(std::string(key));
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  return bad(member_name(where, key), "expected a whole number of at least 0");
}

base::Result<int> get_int(const Json& object, std::string_view key, const std::string& where) {
  const Json& value = object.at(std::string(key));
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (number <= static_cast<std::uint64_t>(INT_MAX)) return static_cast<int>(number);
  } else if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    if (number >= INT_MIN && number <= INT_MAX) return static_cast<int>(number);
  }
  return bad(member_name(where, key), "expected a whole number that fits in 32 bits");
}

base::Result<const Json*> get_array(const Json& object, std::string_view key, const std::string& where) {
  const Json& value = object.at(std::string(key));
  if (!value.is_array()) return bad(member_name(where, key), "expected an array");
  return &value;
}

// Unwraps a Result into `target`, returning its error from the enclosing function on failure.
#define RBXPIPE_BUNDLE_READ(target, expr)                    \
  do {                                                       \
    auto read_result_ = (expr);                              \
    if (!read_result_) return std::move(read_result_).error(); \
    target = std::move(read_result_).value();                \
  } while (false)

base::Result<BundleFile> decode_file(const Json& value, const std::string& where) {
  RBXPIPE_TRY(check_members(value, where, {"path", "sha256", "size", "role"}));
  BundleFile file;
  RBXPIPE_BUNDLE_READ(file.path, get_string(value, "path", where));
  RBXPIPE_BUNDLE_READ(file.sha256, get_string(value, "sha256", where));
  RBXPIPE_BUNDLE_READ(file.size, get_unsigned(value, "size", where));
  std::string role;
  RBXPIPE_BUNDLE_READ(role, get_string(value, "role", where));
  const auto parsed = file_role_from_name(role);
  if (!parsed) return bad(where + ".role", "expected place, model, asset or metadata, got '" + role + "'");
  file.role = *parsed;
  return file;
}

base::Result<BundleAsset> decode_asset(const Json& value, const std::string& where) {
  RBXPIPE_TRY(check_members(value, where, {"input", "kind", "content_hash", "file", "mime"}, {"sprite"}));
  BundleAsset asset;
  RBXPIPE_BUNDLE_READ(asset.input, get_string(value, "input", where));
  RBXPIPE_BUNDLE_READ(asset.kind, get_string(value, "kind", where));
  RBXPIPE_BUNDLE_READ(asset.content_hash, get_string(value, "content_hash", where));
  RBXPIPE_BUNDLE_READ(asset.file, get_string(value, "file", where));
  RBXPIPE_BUNDLE_READ(asset.mime, get_string(value, "mime", where));
  if (value.contains("sprite")) {
    const Json& sprite = value.at("sprite");
    const std::string at = where + ".sprite";
    RBXPIPE_TRY(check_members(sprite, at, {"x", "y", "width", "height"}));
    SpriteInfo info;
    RBXPIPE_BUNDLE_READ(info.x, get_int(sprite, "x", at));
    RBXPIPE_BUNDLE_READ(info.y, get_int(sprite, "y", at));
    RBXPIPE_BUNDLE_READ(info.width, get_int(sprite, "width", at));
    RBXPIPE_BUNDLE_READ(info.height, get_int(sprite, "height", at));
    asset.sprite = info;
  }
  return asset;
}

base::Result<ReleaseManifest> decode_object(const Json& root) {
  if (!root.is_object()) return bad("top level", "expected an object");
  // The version comes first: a newer format may add members this reader would otherwise call unknown.
  if (!root.contains("format_version")) return bad("format_version", "missing");
  ReleaseManifest manifest;
  RBXPIPE_BUNDLE_READ(manifest.format_version, get_int(root, "format_version", ""));
  if (manifest.format_version != k_manifest_format_version) {
    return bad("format_version", "unsupported version " + std::to_string(manifest.format_version) +
                                     " (this rbxpipe reads " + std::to_string(k_manifest_format_version) + ")");
  }
  RBXPIPE_TRY(check_members(root, "",
                            {"format_version", "name", "version", "tenant", "created_by", "input_hash", "files",
                             "assets"},
                            {"git"}));
  RBXPIPE_BUNDLE_READ(manifest.name, get_string(root, "name", ""));
  RBXPIPE_BUNDLE_READ(manifest.version, get_string(root, "version", ""));
  RBXPIPE_BUNDLE_READ(manifest.tenant, get_string(root, "tenant", ""));
  RBXPIPE_BUNDLE_READ(manifest.created_by, get_string(root, "created_by", ""));
  RBXPIPE_BUNDLE_READ(manifest.input_hash, get_string(root, "input_hash", ""));
  if (root.contains("git")) {
    const Json& git = root.at("git");
    RBXPIPE_TRY(check_members(git, "git", {"commit", "dirty"}));
    GitInfo info;
    RBXPIPE_BUNDLE_READ(info.commit, get_string(git, "commit", "git"));
    RBXPIPE_BUNDLE_READ(info.dirty, get_bool(git, "dirty", "git"));
    manifest.git = std::move(info);
  }
  const Json* files = nullptr;
  RBXPIPE_BUNDLE_READ(files, get_array(root, "files", ""));
  for (std::size_t i = 0; i < files->size(); ++i) {
    BundleFile file;
    RBXPIPE_BUNDLE_READ(file, decode_file((*files)[i], "files[" + std::to_string(i) + "]"));
    manifest.files.push_back(std::move(file));
  }
  const Json* assets = nullptr;
  RBXPIPE_BUNDLE_READ(assets, get_array(root, "assets", ""));
  for (std::size_t i = 0; i < assets->size(); ++i) {
    BundleAsset asset;
    RBXPIPE_BUNDLE_READ(asset, decode_asset((*assets)[i], "assets[" + std::to_string(i) + "]"));
    manifest.assets.push_back(std::move(asset));
  }
  RBXPIPE_TRY(validate_manifest(manifest));
  return manifest;
}

#undef RBXPIPE_BUNDLE_READ

}  // namespace

std::string encode_manifest(const ReleaseManifest& manifest) {
  std::vector<BundleFile> files = manifest.files;
  std::sort(files.begin(), files.end(), [](const BundleFile& a, const BundleFile& b) { return a.path < b.path; });
  std::vector<BundleAsset> assets = manifest.assets;
  std::sort(assets.begin(), assets.end(), [](const BundleAsset& a, const BundleAsset& b) { return a.input < b.input; });

  Json root = Json::object();
  root["format_version"] = manifest.format_version;
  root["name"] = manifest.name;
  root["version"] = manifest.version;
  root["tenant"] = manifest.tenant;
  root["created_by"] = manifest.created_by;
  root["input_hash"] = manifest.input_hash;
  if (manifest.git) root["git"] = Json{{"commit", manifest.git->commit}, {"dirty", manifest.git->dirty}};
  root["files"] = Json::array();
  for (const BundleFile& file : files) {
    root["files"].push_back(
        Json{{"path", file.path}, {"sha256", file.sha256}, {"size", file.size}, {"role", file_role_name(file.role)}});
  }
  root["assets"] = Json::array();
  for (const BundleAsset& asset : assets) {
    Json item{{"input", asset.input},
              {"kind", asset.kind},
              {"content_hash", asset.content_hash},
              {"file", asset.file},
              {"mime", asset.mime}};
    if (asset.sprite) {
      item["sprite"] = Json{{"x", asset.sprite->x},
                            {"y", asset.sprite->y},
                            {"width", asset.sprite->width},
                            {"height", asset.sprite->height}};
    }
    root["assets"].push_back(std::move(item));
  }
  // Invalid UTF-8 only reaches here from a manifest validate_manifest would refuse; replacing it keeps encoding total.
  return root.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

base::Result<ReleaseManifest> decode_manifest(std::string_view json) {
  Json root;
  try {
    root = Json::parse(json.begin(), json.end());
  } catch (const Json::exception& error) {
    // Syntax errors and number overflows ("1e999") both land here. what() starts with
    // "[json.exception.parse_error.101] "; the rest says where and why.
    std::string what = error.what();
    const std::size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return base::Error(base::ErrorCode::invalid_input, "release.json is not valid JSON: " + what);
  }
  auto manifest = decode_object(root);
  if (!manifest) return std::move(manifest).error().with_context("release.json");
  return manifest;
}

}  // namespace rbxpipe::bundle
