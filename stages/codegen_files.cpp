#include "stages/codegen_files.h"

#include <algorithm>
#include <optional>

#include "base/file_io.h"
#include "stages/instance_placer.h"

namespace rbxpipe::stages {
namespace {

namespace fs = std::filesystem;

// One configured codegen file: its setting's name, the path as written in rbxpipe.json, and what to put there.
struct CodegenFile {
  std::string setting;
  std::string relative;
  bool typescript = false;
};

std::vector<CodegenFile> configured_files(const pipeline::Project& project) {
  std::vector<CodegenFile> files;
  const pipeline::CodegenConfig& codegen = project.config.codegen;
  if (codegen.luau_file) files.push_back(CodegenFile{"codegen.luau_file", *codegen.luau_file, false});
  if (codegen.typescript_file) files.push_back(CodegenFile{"codegen.typescript_file", *codegen.typescript_file, true});
  return files;
}

fs::path absolute_root(const pipeline::Project& project) {
  std::error_code error;
  return fs::absolute(project.root, error).lexically_normal();
}

fs::path without_trailing_separator(fs::path path) {
  if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) return path.parent_path();
  return path;
}

// The absolute path of `relative` when it stays inside the project folder, symbolic links resolved; else nullopt.
std::optional<fs::path> inside_project(const fs::path& root, const std::string& relative) {
  const fs::path path(relative);
  if (relative.empty() || path.is_absolute() || path.has_root_name()) return std::nullopt;
  const fs::path normal = path.lexically_normal();
  if (normal.empty() || *normal.begin() == ".." || !normal.has_filename()) return std::nullopt;
  const fs::path full = (root / normal).lexically_normal();
  std::error_code error;
  const fs::path real_root = without_trailing_separator(fs::weakly_canonical(root, error));
  if (error) return std::nullopt;
  const fs::path real_full = fs::weakly_canonical(full, error);
  if (error) return std::nullopt;
  auto [left, right] = std::mismatch(real_root.begin(), real_root.end(), real_full.begin(), real_full.end());
  if (left != real_root.end() || right == real_full.end()) return std::nullopt;
  return full;
}

base::Diagnostic config_diagnostic(const pipeline::Project& project, std::string_view code, std::string message) {
  base::Diagnostic diagnostic;
  diagnostic.code = std::string(code);
  diagnostic.message = std::move(message);
  diagnostic.file = project.config_file.empty() ? std::string("rbxpipe.json") : project.config_file.filename().string();
  return diagnostic;
}

// The dot path of `id` below the root, for messages.
std::string instance_path(const rbx::dom::Dom& dom, rbx::dom::InstanceId id) {
  std::string path;
  for (rbx::dom::InstanceId at = id; at != dom.root() && dom.contains(at); at = dom.get(at).parent) {
    path = path.empty() ? dom.get(at).name : dom.get(at).name + "." + path;
  }
  return path;
}

}  // namespace

std::vector<fs::path> codegen_file_paths(const pipeline::Project& project) {
  std::vector<fs::path> paths;
  const fs::path root = absolute_root(project);
  for (const auto& file : configured_files(project)) {
    if (auto full = inside_project(root, file.relative)) paths.push_back(*full);
  }
  return paths;
}

CodegenFilesResult write_codegen_files(const pipeline::Project& project,
                                       const std::vector<assets::AssetEntry>& entries) {
  CodegenFilesResult result;
  const std::vector<CodegenFile> files = configured_files(project);
  if (files.empty()) return result;
  const auto style = assets::codegen_style_from_name(project.config.codegen.style);
  if (!style) {
    result.diagnostics.push_back(config_diagnostic(
        project, k_asset_keys, "codegen.style '" + project.config.codegen.style + "' must be \"nested\" or \"flat\""));
    return result;
  }
  const fs::path root = absolute_root(project);
  for (const auto& file : files) {
    auto full = inside_project(root, file.relative);
    if (!full) {
      result.diagnostics.push_back(config_diagnostic(
          project, k_codegen_outside,
          file.setting + " '" + file.relative +
              "' is outside the project folder; rbxpipe writes generated files only inside it"));
      continue;
    }
    if (!file.typescript && full->filename().string().starts_with("init.")) {
      result.diagnostics.push_back(config_diagnostic(
          project, k_codegen_init_file,
          file.setting + " '" + file.relative +
              "' is named like a folder's init file, which Rojo turns into the folder's own module; name it after "
              "the module, such as 'Assets.luau'"));
      continue;
    }
    auto text = file.typescript ? assets::generate_assets_typescript(entries, *style)
                                : assets::generate_assets_luau(entries, *style);
    if (!text) {
      result.diagnostics.push_back(config_diagnostic(project, k_asset_keys, text.error().message()));
      continue;
    }
    // Rewriting identical bytes would still wake file watchers and change stamps a no-op build compares.
    if (auto existing = base::read_file(*full); existing && *existing == *text) {
      result.unchanged.push_back(file.relative);
      continue;
    }
    if (auto written = base::write_file_atomic(*full, *text, base::Durability::replaceable); !written) {
      result.diagnostics.push_back(config_diagnostic(
          project, k_codegen_unwritable,
          "cannot write " + file.setting + " '" + file.relative + "': " + written.error().message()));
      continue;
    }
    result.written.push_back(file.relative);
  }
  return result;
}

std::vector<base::Diagnostic> remove_synced_codegen_files(rojo::ProjectBuild& build,
                                                          const pipeline::Project& project) {
  std::vector<base::Diagnostic> diagnostics;
  const fs::path root = absolute_root(project);
  // Instances made from each codegen file, found before any is removed (removing edits file_paths).
  std::vector<std::pair<rbx::dom::InstanceId, const CodegenFile*>> made;
  const std::vector<CodegenFile> files = configured_files(project);
  for (const auto& file : files) {
    auto full = inside_project(root, file.relative);
    if (!full) continue;
    for (const auto& [id, paths] : build.file_paths) {
      if (std::find(paths.begin(), paths.end(), full->string()) != paths.end()) made.emplace_back(id, &file);
    }
  }
  for (const auto& [id, file] : made) {
    if (!build.dom.contains(id) || id == build.dom.root()) continue;
    if (!build.dom.get(id).children.empty()) {
      diagnostics.push_back(config_diagnostic(
          project, k_codegen_init_file,
          file->setting + " '" + file->relative + "' is the init file of " + instance_path(build.dom, id) +
              ", a folder the Rojo project syncs; the generated module would replace the whole folder, so write it "
              "to a file of its own"));
      continue;
    }
    build.file_paths.erase(id);
    build.dom.destroy(id);
  }
  return diagnostics;
}

void link_codegen_module(rojo::ProjectBuild& build, const pipeline::Project& project) {
  const pipeline::CodegenConfig& codegen = project.config.codegen;
  if (!codegen.luau_file) return;
  auto full = inside_project(absolute_root(project), *codegen.luau_file);
  if (!full) return;
  rbx::dom::InstanceId at = build.dom.root();
  for (const auto& segment : split_instance_path(codegen.module)) {
    at = build.dom.find_child(at, segment);
    if (at == rbx::dom::k_null_instance) return;
  }
  if (at == build.dom.root() || build.dom.get(at).class_name != "ModuleScript") return;
  build.file_paths[at] = {full->string()};
}

}  // namespace rbxpipe::stages
