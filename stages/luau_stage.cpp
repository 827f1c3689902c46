#include "stages/luau_stage.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <future>
#include <map>
#include <set>

#include "base/file_io.h"
#include "base/source_text.h"
#include "luau/analyzers/analyzers.h"
#include "luau/parser.h"
#include "stages/lesson_instances.h"
#include "stages/project_stage.h"

namespace rbxpipe::stages {
namespace {

namespace fs = std::filesystem;
using rbx::dom::InstanceId;

constexpr std::string_view k_unreadable = "PROJ0011";
constexpr std::string_view k_runtime_folder = "luau/runtime/";

// The project folder as the user named it, for the front of file names ("" for the current folder).
fs::path display_prefix_of(const fs::path& root) {
  fs::path prefix = root.lexically_normal();
  if (prefix == ".") return {};
  if (!prefix.empty() && !prefix.has_filename()) prefix = prefix.parent_path();  // "dir/" -> "dir"
  return prefix;
}

std::string display_name(const fs::path& prefix, const std::string& relative) {
  if (prefix.empty() || prefix == ".") return relative;
  return (prefix / relative).generic_string();
}

bool is_script_class(const std::string& class_name) {
  return class_name == "Script" || class_name == "LocalScript" || class_name == "ModuleScript";
}

std::optional<std::string> script_source(const rbx::dom::Instance& instance) {
  auto found = instance.properties.find("Source");
  if (found == instance.properties.end()) return std::nullopt;
  if (const auto* text = std::get_if<rbx::types::ProtectedString>(&found->second)) return text->text;
  if (const auto* text = std::get_if<std::string>(&found->second)) return *text;
  return std::nullopt;
}

// "ReplicatedStorage.Lesson.Data"; a DataModel root is left out, a model's root named.
std::string instance_path(const rbx::dom::Dom& dom, InstanceId id) {
  std::vector<const std::string*> names;
  for (InstanceId at = id; at != rbx::dom::k_null_instance; at = dom.get(at).parent) {
    const auto& instance = dom.get(at);
    if (at == dom.root() && instance.class_name == "DataModel") break;
    names.push_back(&instance.name);
  }
  std::string path;
  for (auto it = names.rbegin(); it != names.rend(); ++it) path += (path.empty() ? "" : ".") + **it;
  return path;
}

void sort_scripts(std::vector<LuauScript>& scripts) {
  std::stable_sort(scripts.begin(), scripts.end(),
                   [](const LuauScript& a, const LuauScript& b) { return a.name < b.name; });
}

// A project-relative path that stays inside the project.
bool stays_inside(const std::string& relative) {
  const fs::path path = fs::path(relative).lexically_normal();
  return !path.empty() && path.is_relative() && !path.string().starts_with("..");
}

bool is_tool_syntax_error(const std::string& code) {
  return code == "luau-analyze::SyntaxError" || code == "selene::parse_error" || code == "stylua::parse_error";
}

}  // namespace

bool is_luau_file_name(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".luau" || extension == ".lua";
}

std::vector<LuauScript> tree_scripts(const rojo::ProjectBuild& build, const fs::path& root,
                                     const fs::path& display_prefix) {
  std::error_code ec;
  const fs::path absolute_root = fs::absolute(root, ec).lexically_normal();
  const rbx::dom::Dom& dom = build.dom;
  std::vector<LuauScript> scripts;
  for (InstanceId id : dom.descendants(dom.root())) {
    const auto& instance = dom.get(id);
    if (!is_script_class(instance.class_name)) continue;
    auto text = script_source(instance);
    if (!text) continue;
    LuauScript script;
    script.text = std::move(*text);
    if (auto paths = build.file_paths.find(id); paths != build.file_paths.end()) {
      for (const auto& path : paths->second) {
        if (!is_luau_file_name(path)) continue;
        script.file = fs::path(path).lexically_normal().lexically_relative(absolute_root).generic_string();
        break;
      }
    }
    // Scripts from model and data files have no text file of their own: their instance path names them.
    script.name = script.file.empty() ? instance_path(dom, id) : display_name(display_prefix, script.file);
    scripts.push_back(std::move(script));
  }
  sort_scripts(scripts);
  return scripts;
}

std::vector<LuauScript> project_scripts(const pipeline::Project& project) {
  std::error_code ec;
  const fs::path prefix = display_prefix_of(project.root);
  std::vector<LuauScript> scripts;
  // A missing Rojo project file was reported when the project was loaded; its problems are the build check's.
  if (fs::is_regular_file(project.root / project.config.project_file, ec)) {
    const fs::path root = fs::absolute(project.root, ec).lexically_normal();
    rojo::ProjectBuildOptions options;
    options.project = root / project.config.project_file;
    options.display_root = root;
    options.display_prefix = project.root.lexically_normal();
    rojo::SourceFiles files;
    scripts = tree_scripts(rojo::build_project(options, files), project.root, prefix);
  }
  std::set<std::string> seen;
  for (const auto& script : scripts) seen.insert(script.file);
  for (const auto& environment : project.config.environments) {
    if (!environment.smoke_test || !stays_inside(*environment.smoke_test)) continue;
    const std::string file = fs::path(*environment.smoke_test).lexically_normal().generic_string();
    if (!seen.insert(file).second) continue;
    auto text = base::read_file(project.root / file);
    if (text) scripts.push_back({display_name(prefix, file), file, std::move(*text)});  // missing: PROJ's report
  }
  if (project.config.lesson && project.config.lesson->runtime) {
    for (auto& module : shipped_runtime_modules()) {
      if (is_luau_file_name(module.path)) {
        scripts.push_back({std::string(k_runtime_folder) + module.path, {}, std::move(module.source)});
      }
    }
  }
  sort_scripts(scripts);
  return scripts;
}

std::vector<base::Diagnostic> parse_scripts(const std::vector<LuauScript>& scripts) {
  std::vector<std::vector<base::Diagnostic>> found(scripts.size());
  tbb::parallel_for(std::size_t{0}, scripts.size(), [&](std::size_t i) {
    const base::SourceText source(scripts[i].name, scripts[i].text);
    // Everything rbxpipe checks runs on Roblox, so syntax Roblox has not shipped is an error too.
    luau::ParseOptions options;
    options.roblox_only = true;
    found[i] = luau::parse_luau(source, options).diagnostics;
  });
  std::vector<base::Diagnostic> diagnostics;
  for (auto& list : found) {
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
  }
  return diagnostics;
}

std::vector<base::Diagnostic> check_luau_files(const std::vector<fs::path>& files) {
  std::vector<LuauScript> scripts;
  std::vector<base::Diagnostic> diagnostics;
  for (const auto& path : files) {
    const std::string name = path.generic_string();
    auto text = base::read_file(path);
    if (!text) {
      base::Diagnostic unreadable;
      unreadable.code = std::string(k_unreadable);
      unreadable.message = "cannot read this file: " + text.error().message();
      unreadable.file = name;
      diagnostics.push_back(std::move(unreadable));
      continue;
    }
    scripts.push_back({name, name, std::move(*text)});
  }
  auto syntax = parse_scripts(scripts);
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(syntax.begin()), std::make_move_iterator(syntax.end()));
  base::sort_diagnostics(diagnostics);
  return diagnostics;
}

std::vector<std::string> LuauStage::needs() const { return {k_project_artifact}; }

base::Result<void> LuauStage::run(pipeline::StageContext& context) {
  const auto* project = context.artifacts().get<pipeline::Project>(k_project_artifact);
  if (project == nullptr) return base::Error{base::ErrorCode::internal, "the Luau check ran without a project"};
  const std::vector<LuauScript> scripts = project_scripts(*project);
  const fs::path prefix = display_prefix_of(project->root);

  // The analyzers see the script files on disk, named relative to the project folder where they run.
  std::map<std::string, base::SourceText> sources;
  for (const auto& script : scripts) {
    if (!script.file.empty()) sources.try_emplace(script.file, script.name, script.text);
  }
  luau::analyzers::AnalyzerRequest request;
  request.analyzers = project->config.luau.analyzers;
  for (const auto& [file, source] : sources) request.files.push_back(file);
  request.working_directory = project->root;
  request.timeout = std::chrono::seconds(std::max(project->config.luau.timeout_s, 1));
  if (!project->config_file.empty()) request.config_file = project->config_file.filename().string();
  request.sources = [&sources](const std::string& file) -> const base::SourceText* {
    auto found = sources.find(file);
    return found == sources.end() ? nullptr : &found->second;
  };
  std::future<std::vector<base::Diagnostic>> tools;
  if (!request.analyzers.empty() && !request.files.empty()) {
    tools = std::async(std::launch::async, [&request] { return luau::analyzers::run_analyzers(request); });
  }

  std::set<std::string> broken;  // scripts with syntax errors of our own
  for (auto& diagnostic : parse_scripts(scripts)) {
    if (diagnostic.severity == base::Severity::error) broken.insert(diagnostic.file);
    context.report(std::move(diagnostic));
  }
  if (tools.valid()) {
    for (auto& diagnostic : tools.get()) {
      if (!diagnostic.file.empty()) diagnostic.file = display_name(prefix, diagnostic.file);
      // A tool failing to parse a file we already reported says the same thing again, less precisely.
      if (is_tool_syntax_error(diagnostic.code) && broken.contains(diagnostic.file)) continue;
      context.report(std::move(diagnostic));
    }
  }
  return base::ok();
}

}  // namespace rbxpipe::stages
