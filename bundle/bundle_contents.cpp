#include "bundle/bundle_contents.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "base/sha256.h"
#include "bundle/bundle_path.h"

namespace rbxpipe::bundle {
namespace {

base::Error mismatch(const std::string& message) { return base::Error(base::ErrorCode::invalid_input, message); }

}  // namespace

void add_file(BundleContents& contents, const std::string& path, std::string bytes, FileRole role) {
  BundleFile listed{path, base::sha256_hex(bytes), bytes.size(), role};
  auto& files = contents.manifest.files;
  auto existing = std::find_if(files.begin(), files.end(), [&](const BundleFile& file) { return file.path == path; });
  if (existing != files.end()) {
    *existing = std::move(listed);
  } else {
    files.push_back(std::move(listed));
  }
  contents.files[path] = std::move(bytes);
}

base::Result<void> verify_files(const ReleaseManifest& manifest, const std::map<std::string, FileDigest>& found) {
  std::vector<const BundleFile*> listed;
  for (const BundleFile& file : manifest.files) listed.push_back(&file);
  std::sort(listed.begin(), listed.end(), [](const BundleFile* a, const BundleFile* b) { return a->path < b->path; });
  for (const BundleFile* file : listed) {
    auto match = found.find(file->path);
    if (match == found.end()) {
      return mismatch("file " + quoted_entry(file->path) + " is listed in release.json but missing from the bundle");
    }
    if (match->second.size != file->size) {
      return mismatch("file " + quoted_entry(file->path) + " holds " + std::to_string(match->second.size) +
                      " bytes, release.json lists " + std::to_string(file->size));
    }
    if (match->second.sha256 != file->sha256) {
      return mismatch("file " + quoted_entry(file->path) + " has SHA-256 " + match->second.sha256 +
                      ", release.json lists " + file->sha256);
    }
  }
  std::set<std::string_view> listed_paths;
  for (const BundleFile* file : listed) listed_paths.insert(file->path);
  for (const auto& [path, digest] : found) {
    if (listed_paths.count(path) == 0) {
      return mismatch("file " + quoted_entry(path) + " is in the bundle but not listed in release.json");
    }
  }
  return base::ok();
}

base::Result<void> check_contents(const BundleContents& contents) {
  RBXPIPE_TRY(validate_manifest(contents.manifest));
  std::map<std::string, FileDigest> found;
  for (const auto& [path, bytes] : contents.files) found[path] = FileDigest{base::sha256_hex(bytes), bytes.size()};
  return verify_files(contents.manifest, found);
}

}  // namespace rbxpipe::bundle
