#include "stages/lesson_instances.h"

#include <algorithm>

#include "base/embedded_files.h"
#include "base/glob.h"
#include "stages/instance_placer.h"
#include "stages/lesson_modules.h"

namespace rbxpipe::stages {
namespace {

using rbx::dom::InstanceId;

constexpr std::string_view k_runtime_prefix = "runtime/";
constexpr std::string_view k_runtime_folder = "RbxPipe";
const std::string k_assets_origin = "the asset groups in rbxpipe.json";

// Script sources as Rojo stores them: line endings normalised to LF.
std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

void set_source(rbx::dom::Dom& dom, InstanceId id, std::string source) {
  dom.set_property(id, "Source", rbx::types::ProtectedString{std::move(source)});
}

void add_module(InstancePlacer& placer, rbx::dom::Dom& dom, InstanceId parent, const std::string& name,
                std::string source, const std::string& origin) {
  if (auto id = placer.add(parent, "ModuleScript", name, origin)) set_source(dom, *id, std::move(source));
}

void add_lesson_data(InstancePlacer& placer, rbx::dom::Dom& dom, const pipeline::LessonConfig& config,
                     const pipeline::Lesson& lesson, const LessonInstancesOptions& options) {
  // Images are embedded as the values the Assets module holds for them (see asset_luau_value), not required from it
  // at run time: Data stays plain data, and both come from the same ids in the same build.
  const ImageResolver resolve_image = [&](const std::string& input) {
    assets::AssetEntry entry;
    entry.input = input;
    if (auto it = options.asset_ids.find(input); it != options.asset_ids.end()) entry.id = it->second;
    if (auto it = options.sprites.find(input); it != options.sprites.end()) entry.sprite = it->second;
    return assets::asset_luau_value(entry);
  };
  if (auto folder = placer.container(config.public_path, "lesson.public")) {
    add_module(placer, dom, *folder, "Data", lesson_data_source(lesson, config.file, resolve_image), config.file);
    if (!lesson.translations.empty()) {
      if (auto table = placer.add(*folder, "LocalizationTable", "Translations", config.file)) {
        dom.set_property(*table, "Contents", localization_contents(lesson));
      }
    }
  }
  if (auto folder = placer.container(config.server_path, "lesson.server")) {
    add_module(placer, dom, *folder, "Answers", lesson_answers_source(lesson, config.file), config.file);
  }
}

void add_assets_module(InstancePlacer& placer, rbx::dom::Dom& dom, const pipeline::Project& project,
                       const LessonInstancesOptions& options) {
  const pipeline::CodegenConfig& codegen = project.config.codegen;
  const auto style = assets::codegen_style_from_name(codegen.style);
  if (!style) {
    placer.report(k_asset_keys, "codegen.style '" + codegen.style + "' must be \"nested\" or \"flat\"");
    return;
  }
  auto entries = project_asset_entries(project, options.asset_ids, options.sprites);
  if (!entries) {
    placer.report(k_asset_inputs, entries.error().to_string());
    return;
  }
  auto source = assets::generate_assets_luau(*entries, *style);
  if (!source) {
    placer.report(k_asset_keys, source.error().message());
    return;
  }
  std::vector<std::string> segments = split_instance_path(codegen.module);
  if (segments.size() < 2) {
    placer.report(k_bad_path, "codegen.module '" + codegen.module +
                                  "' must name a ModuleScript inside a service, such as \"ReplicatedStorage.Assets\"");
    return;
  }
  const std::string name = segments.back();
  const std::string parent_path = codegen.module.substr(0, codegen.module.size() - name.size() - 1);
  if (auto parent = placer.container(parent_path, "codegen.module")) {
    add_module(placer, dom, *parent, name, std::move(*source), k_assets_origin);
  }
}

// The instance a runtime file becomes: its class and name from the file name as Rojo maps scripts, or nullopt for
// files that are not Luau.
struct ScriptKind {
  std::string class_name;
  std::string name;
};

std::optional<ScriptKind> script_kind(const std::string& file_name) {
  static const std::vector<std::pair<std::string_view, std::string_view>> k_suffixes = {
      {".server.luau", "Script"},     {".server.lua", "Script"}, {".client.luau", "LocalScript"},
      {".client.lua", "LocalScript"}, {".luau", "ModuleScript"}, {".lua", "ModuleScript"}};
  for (const auto& [suffix, class_name] : k_suffixes) {
    if (file_name.size() > suffix.size() && file_name.ends_with(suffix)) {
      return ScriptKind{std::string(class_name), file_name.substr(0, file_name.size() - suffix.size())};
    }
  }
  return std::nullopt;
}

std::string runtime_root(std::string_view top_folder) {
  if (top_folder == "server") return "ServerScriptService." + std::string(k_runtime_folder);
  if (top_folder == "shared") return "ReplicatedStorage." + std::string(k_runtime_folder);
  if (top_folder == "client") return "StarterPlayer.StarterPlayerScripts." + std::string(k_runtime_folder);
  return {};
}

void add_runtime_module(InstancePlacer& placer, rbx::dom::Dom& dom, const RuntimeModule& module) {
  std::vector<std::string> segments;
  for (std::size_t start = 0; start <= module.path.size();) {
    const std::size_t slash = std::min(module.path.find('/', start), module.path.size());
    if (slash > start) segments.push_back(module.path.substr(start, slash - start));
    start = slash + 1;
  }
  const auto kind = segments.empty() ? std::nullopt : script_kind(segments.back());
  if (!kind) return;  // not Luau: ignored, as Rojo ignores files no rule takes
  const std::string root = segments.size() > 1 ? runtime_root(segments.front()) : std::string();
  if (root.empty()) {
    placer.report(k_runtime_layout,
                  "runtime file '" + module.path + "' must be under server/, shared/ or client/");
    return;
  }
  auto parent = placer.container(root, "the rbxpipe runtime");
  if (!parent) return;
  for (std::size_t i = 1; i + 1 < segments.size(); ++i) *parent = placer.folder(*parent, segments[i]);
  const std::string origin = "the rbxpipe runtime (" + module.path + ")";
  if (auto id = placer.add(*parent, kind->class_name, kind->name, origin)) {
    set_source(dom, *id, normalize_newlines(module.source));
    // Rojo writes legacy server scripts with an explicit RunContext of Legacy (0).
    if (kind->class_name == "Script") dom.set_property(*id, "RunContext", rbx::types::Enum{0});
  }
}

void add_runtime(InstancePlacer& placer, rbx::dom::Dom& dom, const pipeline::Project& project,
                 std::vector<RuntimeModule> runtime) {
  std::sort(runtime.begin(), runtime.end(),
            [](const RuntimeModule& a, const RuntimeModule& b) { return a.path < b.path; });
  for (const auto& module : runtime) add_runtime_module(placer, dom, module);
  if (auto shared = placer.container(runtime_root("shared"), "the rbxpipe runtime")) {
    add_module(placer, dom, *shared, "Config", runtime_config_source(project), "rbxpipe.json");
  }
}

}  // namespace

std::vector<base::Diagnostic> add_lesson_instances(rbx::dom::Dom& dom, const pipeline::Project& project,
                                                   const LessonInstancesOptions& options) {
  std::vector<base::Diagnostic> diagnostics;
  const pipeline::ProjectConfig& config = project.config;
  const std::string config_name =
      project.config_file.empty() ? std::string("rbxpipe.json") : project.config_file.filename().string();
  InstancePlacer placer(dom, config_name, config.project_file, diagnostics);
  // A lesson that failed to load has its errors from the loader already; its instances are left out.
  if (config.lesson && project.lesson) add_lesson_data(placer, dom, *config.lesson, *project.lesson, options);
  if (!config.assets.empty()) add_assets_module(placer, dom, project, options);
  if (config.lesson && config.lesson->runtime) add_runtime(placer, dom, project, options.runtime);
  return diagnostics;
}

base::Result<std::vector<assets::AssetEntry>> project_asset_entries(
    const pipeline::Project& project, const std::map<std::string, std::int64_t>& asset_ids,
    const std::map<std::string, assets::SpriteRect>& sprites) {
  std::vector<std::string> globs;
  // A glob that does not compile was reported when the project was loaded (PROJ0006); it simply adds nothing.
  for (const auto& group : project.config.assets)
    if (base::Glob::compile(group.glob)) globs.push_back(group.glob);
  auto entries = assets::collect_asset_entries(project.root, globs);
  if (!entries) return std::move(entries).error();
  assets::assign_asset_ids(*entries, asset_ids);
  for (auto& entry : *entries) {
    if (auto it = sprites.find(entry.input); it != sprites.end()) entry.sprite = it->second;
  }
  return entries;
}

std::map<std::string, assets::SpriteRect> sprite_rects(
    const std::map<std::string, assets::SpritePlacement>& placements,
    const std::map<std::string, std::int64_t>& asset_ids) {
  std::map<std::string, assets::SpriteRect> rects;
  for (const auto& [input, placement] : placements) {
    assets::SpriteRect rect = placement.rect;
    auto sheet = asset_ids.find(placement.packed_into);
    rect.sheet_id = sheet == asset_ids.end() ? 0 : sheet->second;
    rects.emplace(input, rect);
  }
  return rects;
}

std::vector<RuntimeModule> shipped_runtime_modules() {
  std::vector<RuntimeModule> modules;
  for (const auto& path : base::embedded_files_under(k_runtime_prefix)) {
    modules.push_back(RuntimeModule{path.substr(k_runtime_prefix.size()), std::string(*base::embedded_file(path))});
  }
  return modules;
}

}  // namespace rbxpipe::stages
