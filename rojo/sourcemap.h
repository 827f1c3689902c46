#pragma once
// Sourcemaps in Rojo's format (`{"name","className","filePaths","children"}`), which luau-lsp and other editor
// tools read to map instances to files.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "rbx/dom/dom.h"

namespace rbxpipe::rojo {

/// Options of a sourcemap.
struct SourcemapOptions {
  bool include_non_scripts = false;   ///< keep instances that are not scripts and hold none
  std::filesystem::path project_dir;  ///< filePaths are written relative to this folder
};

/// The sourcemap of a tree as compact JSON, from the instance at `root`; files per instance come from
/// `file_paths` (absolute; only existing regular files are listed, as Rojo does).
std::string write_sourcemap(const rbx::dom::Dom& dom, rbx::dom::InstanceId root,
                            const std::map<rbx::dom::InstanceId, std::vector<std::string>>& file_paths,
                            const SourcemapOptions& options);

}  // namespace rbxpipe::rojo
