#include "stages/luau_stage.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <deque>
#include <future>
#include <map>
#include <set>

#include "base/file_io.h"
#include "base/source_text.h"
#include "luau/analyzers/analyzers.h"
#include "luau/parser.h"
#include "luau/require_graph.h"
#include "stages/build_stage.h"
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

// The .lua/.luau file an instance came from, relative to the project folder; empty for none.
std::string script_file(const rojo::ProjectBuild& build, InstanceId id, const fs::path& absolute_root) {
  auto paths = build.file_paths.find(id);
  if (paths == build.file_paths.end()) return {};
  for (const auto& path : paths->second) {
    if (is_luau_file_name(path)) {
      return fs::path(path).lexically_normal().lexically_relative(absolute_root).generic_string();
    }
  }
  return {};
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
    script.file = script_file(build, id, absolute_root);
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

namespace {

// Parses every script in parallel with Roblox's syntax: everything rbxpipe checks runs on Roblox, so syntax Roblox
// has not shipped is an error too.
std::vector<luau::ParseResult> parse_all(const std::vector<LuauScript>& scripts) {
  std::vector<luau::ParseResult> parsed(scripts.size());
  tbb::parallel_for(std::size_t{0}, scripts.size(), [&](std::size_t i) {
    luau::ParseOptions options;
    options.roblox_only = true;
    parsed[i] = luau::parse_luau(base::SourceText(scripts[i].name, scripts[i].text), options);
  });
  return parsed;
}

std::string without_carriage_returns(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

// A script of the whole tree, named as the syntax check names it, with its parse.
struct TreeScript {
  InstanceId instance = rbx::dom::k_null_instance;
  LuauScript script;
  const luau::ParseResult* parsed = nullptr;
};

// Every script of the whole tree. Scripts from files are named by their file, the injected runtime by its path
// under luau/runtime/, generated ones by their instance path. A script the syntax check already parsed (same name,
// same text) reuses that parse; the others are parsed into `extra`.
std::vector<TreeScript> whole_tree_scripts(const pipeline::Project& project, const rbx::dom::Dom& dom,
                                           const rojo::ProjectBuild& build, const std::vector<LuauScript>& scripts,
                                           const std::vector<luau::ParseResult>& parsed,
                                           std::vector<luau::ParseResult>& extra) {
  std::error_code ec;
  const fs::path absolute_root = fs::absolute(project.root, ec).lexically_normal();
  const fs::path prefix = display_prefix_of(project.root);
  std::map<std::string, std::size_t> by_name;
  std::map<std::string, std::string> runtime_by_text;
  for (std::size_t i = 0; i < scripts.size(); ++i) {
    by_name.emplace(scripts[i].name, i);
    if (scripts[i].name.starts_with(k_runtime_folder)) {
      runtime_by_text.emplace(without_carriage_returns(scripts[i].text), scripts[i].name);
    }
  }
  std::vector<TreeScript> found;
  std::vector<LuauScript> unparsed;
  for (InstanceId id : dom.descendants(dom.root())) {
    const auto& instance = dom.get(id);
    if (!is_script_class(instance.class_name)) continue;
    auto text = script_source(instance);
    if (!text) continue;
    TreeScript entry{id, {}, nullptr};
    entry.script.file = script_file(build, id, absolute_root);
    if (!entry.script.file.empty()) {
      entry.script.name = display_name(prefix, entry.script.file);
    } else if (auto runtime = runtime_by_text.find(without_carriage_returns(*text)); runtime != runtime_by_text.end()) {
      entry.script.name = runtime->second;
    } else {
      entry.script.name = instance_path(dom, id);
    }
    entry.script.text = std::move(*text);
    if (auto same = by_name.find(entry.script.name);
        same != by_name.end() && scripts[same->second].text == entry.script.text) {
      entry.parsed = &parsed[same->second];
    } else {
      unparsed.push_back(entry.script);
    }
    found.push_back(std::move(entry));
  }
  extra = parse_all(unparsed);
  std::size_t next = 0;
  for (auto& entry : found) {
    if (entry.parsed == nullptr) entry.parsed = &extra[next++];
  }
  return found;
}

// The require check: the whole tree as the build makes it (the Rojo project plus the lesson modules, the runtime
// and the Assets module, which scripts require too), every require resolved in it. Nothing when that tree is
// incomplete: the build check reports why, and requires into the missing part would be reported wrongly.
std::vector<base::Diagnostic> check_requires(const pipeline::Project& project, const std::vector<LuauScript>& scripts,
                                             const std::vector<luau::ParseResult>& parsed) {
  std::error_code ec;
  if (!fs::is_regular_file(project.root / project.config.project_file, ec)) return {};
  if (project.config.lesson && !project.lesson) return {};
  rojo::SourceFiles files;
  TreeOptions options;
  options.sprites.emplace();  // no spritesheet planning: where images are packed changes no instance path
  const BuiltTree tree = build_project_tree(project, files, options);
  if (base::has_errors(tree.diagnostics)) return {};
  const rbx::dom::Dom& dom = tree.build.dom;

  std::vector<luau::ParseResult> extra;
  const std::vector<TreeScript> tree_list = whole_tree_scripts(project, dom, tree.build, scripts, parsed, extra);
  std::deque<base::SourceText> sources;
  std::vector<luau::RequireGraphScript> graph_scripts;
  for (const auto& entry : tree_list) {
    sources.emplace_back(entry.script.name, entry.script.text);
    graph_scripts.push_back({entry.instance, &sources.back(), entry.parsed});
  }
  luau::RequireGraphOptions graph_options;
  graph_options.place = dom.get(dom.root()).class_name == "DataModel";
  return luau::build_require_graph(dom, graph_scripts, graph_options).diagnostics;
}

}  // namespace

std::vector<base::Diagnostic> parse_scripts(const std::vector<LuauScript>& scripts) {
  std::vector<base::Diagnostic> diagnostics;
  for (auto& result : parse_all(scripts)) {
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(result.diagnostics.begin()),
                       std::make_move_iterator(result.diagnostics.end()));
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
  const std::vector<luau::ParseResult> parsed = parse_all(scripts);
  for (const auto& result : parsed) {
    for (const auto& diagnostic : result.diagnostics) {
      if (diagnostic.severity == base::Severity::error) broken.insert(diagnostic.file);
      context.report(diagnostic);
    }
  }
  for (auto& diagnostic : check_requires(*project, scripts, parsed)) context.report(std::move(diagnostic));
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
