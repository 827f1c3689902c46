#pragma once
// The Assets module as files (`codegen.luau_file`, `codegen.typescript_file` in rbxpipe.json), for editors and
// roblox-ts: the same text the build places at `codegen.module`. A codegen file inside a folder the Rojo project
// syncs is not also built as a second module: the generated module at codegen.module stands for it, and sourcemaps
// name the file as that module's source.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "assets/asset_codegen.h"
#include "base/diagnostic.h"
#include "pipeline/project.h"
#include "rojo/project_build.h"

namespace rbxpipe::stages {

/// Diagnostic codes of codegen files.
inline constexpr std::string_view k_codegen_outside = "BUILD0110";     ///< a codegen file outside the project folder
inline constexpr std::string_view k_codegen_unwritable = "BUILD0111";  ///< a codegen file that cannot be written
inline constexpr std::string_view k_codegen_init_file = "BUILD0112";   ///< a codegen file Rojo syncs as an init file

/// What write_codegen_files did; paths as rbxpipe.json names them.
struct CodegenFilesResult {
  std::vector<std::string> written;           ///< files whose bytes changed, replaced atomically
  std::vector<std::string> unchanged;         ///< files that already held these bytes, left alone
  std::vector<base::Diagnostic> diagnostics;  ///< files refused or not written, keys the module cannot hold
};

/// The absolute, normalised paths of the project's codegen files (Luau first) that lie inside the project folder,
/// whether or not they exist yet.
std::vector<std::filesystem::path> codegen_file_paths(const pipeline::Project& project);

/// Writes the Assets module for `entries` to codegen.luau_file (Luau) and codegen.typescript_file (roblox-ts
/// declaration), each atomically and only when its bytes change, so watchers and no-op builds see nothing. A path
/// that leaves the project folder, also through a symbolic link, is refused (BUILD0110), as is a Luau file named
/// like a folder's init file (BUILD0112); a failed write is BUILD0111; entries the module cannot key are BUILD0104.
/// Deploys call it with the uploaded ids.
CodegenFilesResult write_codegen_files(const pipeline::Project& project,
                                       const std::vector<assets::AssetEntry>& entries);

/// Removes from `build` the instances Rojo made from the project's codegen files, which would otherwise be a second
/// Assets module. A codegen file Rojo syncs as a folder's init file is reported instead (BUILD0112): removing it
/// would drop the folder's other children.
std::vector<base::Diagnostic> remove_synced_codegen_files(rojo::ProjectBuild& build, const pipeline::Project& project);

/// Records codegen.luau_file as the source of the ModuleScript at codegen.module in `build.file_paths`, so a
/// sourcemap sends editors to the file (and its types) for that module.
void link_codegen_module(rojo::ProjectBuild& build, const pipeline::Project& project);

}  // namespace rbxpipe::stages
