#include "pipeline/project_loader.h"

#include <algorithm>
#include <system_error>

#include "base/file_io.h"
#include "base/glob.h"
#include "pipeline/json_input.h"

namespace rbxpipe::pipeline {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

// Where the configuration lives, and how to name files in messages the way the user named the folder.
struct ProjectFiles {
  fs::path root;
  fs::path config_file;  // rbxpipe.json; empty for a bare Rojo project
  fs::path rojo_file;    // set for a bare Rojo project
  fs::path display_root;

  std::string display(const std::string& relative) const {
    return display_root.empty() ? relative : (display_root / relative).generic_string();
  }
};

bool is_rojo_project_name(const fs::path& file) {
  auto name = file.filename().string();
  return name.ends_with(".project.json") || name.ends_with(".project.jsonc");
}

std::optional<ProjectFiles> find_project_files(const fs::path& path, std::vector<base::Diagnostic>& diagnostics) {
  std::error_code error;
  auto shown = path.lexically_normal();
  if (shown == ".") shown.clear();
  if (!shown.empty() && !shown.has_filename()) shown = shown.parent_path();  // "dir/" -> "dir"
  ProjectFiles files;
  if (fs::is_directory(path, error)) {
    files.root = path;
    files.display_root = shown;
    for (const char* candidate : {"rbxpipe.json", "rbxpipe.jsonc"}) {
      if (fs::is_regular_file(path / candidate, error)) {
        files.config_file = path / candidate;
        return files;
      }
    }
    for (const char* candidate : {"default.project.json", "default.project.jsonc"}) {
      if (fs::is_regular_file(path / candidate, error)) {
        files.rojo_file = path / candidate;
        return files;
      }
    }
    base::Diagnostic missing;
    missing.code = "PROJ0010";
    missing.message = "no rbxpipe.json or default.project.json in this folder";
    missing.file = shown.empty() ? "." : shown.generic_string();
    missing.help = "run 'rbxpipe init' to create a lesson project here";
    diagnostics.push_back(std::move(missing));
    return std::nullopt;
  }
  if (fs::is_regular_file(path, error)) {
    files.root = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    files.display_root = shown.parent_path();
    (is_rojo_project_name(path) ? files.rojo_file : files.config_file) = path;
    return files;
  }
  base::Diagnostic missing;
  missing.code = "PROJ0010";
  missing.message = "no such project folder or file";
  missing.file = shown.empty() ? "." : shown.generic_string();
  diagnostics.push_back(std::move(missing));
  return std::nullopt;
}

std::optional<base::SourceText> read_source(const fs::path& file, const std::string& shown,
                                            std::vector<base::Diagnostic>& diagnostics) {
  auto text = base::read_file(file, std::size_t{16} << 20);
  if (!text) {
    base::Diagnostic unreadable;
    unreadable.code = "PROJ0011";
    unreadable.message = "cannot read this file: " + text.error().message();
    unreadable.file = shown;
    diagnostics.push_back(std::move(unreadable));
    return std::nullopt;
  }
  return base::SourceText(shown, std::move(text).value());
}

// A path in rbxpipe.json must name something inside the project, so a build never reads or writes elsewhere.
bool stays_inside(const std::string& relative) {
  fs::path path(relative);
  if (path.is_absolute() || relative.empty()) return false;
  auto normal = path.lexically_normal();
  return normal.empty() || *normal.begin() != "..";
}

class ConfigReader {
 public:
  ConfigReader(const ProjectFiles& files, const JsonInput& input, std::vector<base::Diagnostic>& diagnostics)
      : m_files(files), m_input(input), m_diagnostics(diagnostics) {}

  ProjectConfig read(const ordered_json& json) {
    ProjectConfig config;
    config.name = json_get<std::string>(json, "name", "");
    config.version = json_get<std::string>(json, "version", "");
    config.tenant = json_get<std::string>(json, "tenant", "local");
    config.project_file = json_get<std::string>(json, "project", "default.project.json");
    check_path_inside(config.project_file, "/project");
    if (json.contains("lesson") && json["lesson"].is_object()) config.lesson = read_lesson_config(json["lesson"]);
    if (json.contains("assets") && json["assets"].is_object()) {
      for (const auto& [name, group] : json["assets"].items()) config.assets.push_back(read_asset_group(name, group));
    }
    if (json.contains("codegen")) config.codegen = read_codegen(json["codegen"]);
    if (json.contains("luau") && json["luau"].is_object()) {
      const auto& luau = json["luau"];
      if (luau.contains("analyzers") && luau["analyzers"].is_array()) {
        for (const auto& tool : luau["analyzers"]) {
          if (tool.is_string()) config.luau.analyzers.push_back(tool.get<std::string>());
        }
      }
      config.luau.timeout_s = json_get<int>(luau, "timeout_s", 60);
    }
    config.default_env = json_optional_string(json, "default_env");
    if (json.contains("environments") && json["environments"].is_object()) {
      for (const auto& [name, environment] : json["environments"].items()) {
        config.environments.push_back(read_environment(name, environment));
      }
    }
    return config;
  }

  void check_path_inside(const std::string& relative, const std::string& pointer) {
    if (stays_inside(relative)) return;
    report(base::Severity::error, "PROJ0015",
           "path '" + relative + "' leaves the project folder; paths must be relative and stay inside it", pointer);
  }

  void report(base::Severity severity, const char* code, std::string message, const std::string& pointer,
              bool at_key = false, std::string help = {}) {
    auto diagnostic = m_input.document.diagnose(severity, code, std::move(message), pointer, at_key);
    diagnostic.help = std::move(help);
    m_diagnostics.push_back(std::move(diagnostic));
  }

 private:
  LessonConfig read_lesson_config(const ordered_json& json) {
    LessonConfig lesson;
    lesson.file = json_get<std::string>(json, "file", lesson.file);
    lesson.public_path = json_get<std::string>(json, "public", lesson.public_path);
    lesson.server_path = json_get<std::string>(json, "server", lesson.server_path);
    lesson.runtime = json_get<bool>(json, "runtime", true);
    check_path_inside(lesson.file, "/lesson/file");
    bool server_only = lesson.server_path.starts_with("ServerStorage.") ||
                       lesson.server_path.starts_with("ServerScriptService.");
    if (!server_only) {
      report(base::Severity::error, "PROJ0013",
             "the answer key at '" + lesson.server_path + "' would replicate to every client", "/lesson/server", false,
             "put it under ServerStorage or ServerScriptService");
    }
    return lesson;
  }

  AssetGroupConfig read_asset_group(const std::string& name, const ordered_json& json) {
    AssetGroupConfig group;
    group.name = name;
    group.glob = json_get<std::string>(json, "glob", "");
    group.max_size = json_get<int>(json, "max_size", 1024);
    group.bleed = json_get<bool>(json, "bleed", true);
    group.pack = json_get<bool>(json, "pack", false);
    group.update_in_place = json_get<bool>(json, "update_in_place", false);
    group.sheet_size = json_get<int>(json, "sheet_size", group.sheet_size);
    group.padding = json_get<int>(json, "padding", group.padding);
    return group;
  }

  CodegenConfig read_codegen(const ordered_json& json) {
    CodegenConfig codegen;
    codegen.module = json_get<std::string>(json, "module", codegen.module);
    codegen.style = json_get<std::string>(json, "style", codegen.style);
    codegen.luau_file = json_optional_string(json, "luau_file");
    codegen.typescript_file = json_optional_string(json, "typescript_file");
    if (codegen.luau_file) check_path_inside(*codegen.luau_file, "/codegen/luau_file");
    if (codegen.typescript_file) check_path_inside(*codegen.typescript_file, "/codegen/typescript_file");
    return codegen;
  }

  EnvironmentConfig read_environment(const std::string& name, const ordered_json& json) {
    EnvironmentConfig environment;
    environment.name = name;
    environment.universe = json_get<std::int64_t>(json, "universe", 0);
    environment.place = json_get<std::int64_t>(json, "place", 0);
    if (json.contains("creator") && json["creator"].is_object()) {
      const auto& creator = json["creator"];
      if (creator.contains("user")) environment.creator = {Creator::Kind::user, json_get<std::int64_t>(creator, "user", 0)};
      if (creator.contains("group")) environment.creator = {Creator::Kind::group, json_get<std::int64_t>(creator, "group", 0)};
    }
    if (json.contains("api_key") && json["api_key"].is_object()) {
      const auto& key = json["api_key"];
      if (auto env = json_optional_string(key, "env")) environment.api_key = {ApiKeyRef::Kind::env, *env};
      if (auto secret = json_optional_string(key, "secret")) environment.api_key = {ApiKeyRef::Kind::secret, *secret};
    }
    environment.open_cloud_url = json_optional_string(json, "open_cloud_url");
    environment.smoke_test = json_optional_string(json, "smoke_test");
    if (json.contains("moderation") && json["moderation"].is_object()) {
      environment.moderation_wait_s = json_get<int>(json["moderation"], "wait_s", 120);
      environment.moderation_proceed_on_timeout = json_get<std::string>(json["moderation"], "on_timeout", "fail") == "proceed";
    }
    environment.restart_servers = json_get<bool>(json, "restart_servers", true);
    environment.is_protected = json_get<bool>(json, "protected", false);
    std::string pointer = "/environments/" + base::json_pointer_escape(name);
    if (environment.smoke_test) {
      check_path_inside(*environment.smoke_test, pointer + "/smoke_test");
      std::error_code error;
      if (stays_inside(*environment.smoke_test) && !fs::is_regular_file(m_files.root / *environment.smoke_test, error)) {
        report(base::Severity::error, "PROJ0005",
               "smoke test '" + *environment.smoke_test + "' of environment '" + name + "' does not exist",
               pointer + "/smoke_test");
      }
    }
    return environment;
  }

  const ProjectFiles& m_files;
  const JsonInput& m_input;
  std::vector<base::Diagnostic>& m_diagnostics;
};

}  // namespace

namespace {

void check_environments(const ProjectConfig& config, ConfigReader& reader) {
  if (config.default_env && !config.find_environment(*config.default_env)) {
    std::string known;
    for (const auto& environment : config.environments) known += (known.empty() ? "" : ", ") + environment.name;
    reader.report(base::Severity::error, "PROJ0008",
                  "default_env '" + *config.default_env + "' names no environment" +
                      (known.empty() ? std::string(" (none are defined)") : "; defined: " + known),
                  "/default_env");
  }
  // Two environments publishing to one place would overwrite each other's releases.
  for (std::size_t i = 0; i < config.environments.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto& a = config.environments[j];
      const auto& b = config.environments[i];
      if (a.place != 0 && a.place == b.place) {
        reader.report(base::Severity::warning, "PROJ0014",
                      "environments '" + a.name + "' and '" + b.name + "' both publish to place " +
                          std::to_string(a.place),
                      "/environments/" + base::json_pointer_escape(b.name) + "/place");
      }
    }
  }
}

// Compiles every asset glob; bad syntax is an error located inside the string, a glob matching nothing a warning.
std::vector<base::Glob> check_asset_globs(const ProjectConfig& config, const ProjectFiles& files,
                                          const JsonInput& input, ConfigReader& reader,
                                          std::vector<base::Diagnostic>& diagnostics) {
  std::vector<base::Glob> globs;
  for (const auto& group : config.assets) {
    if (group.glob.empty()) continue;
    std::string pointer = "/assets/" + base::json_pointer_escape(group.name) + "/glob";
    std::size_t offset = 0;
    auto glob = base::Glob::compile(group.glob, &offset);
    if (!glob) {
      auto diagnostic = input.document.diagnose(base::Severity::error, "PROJ0006",
                                                "asset group '" + group.name + "' has a bad glob: " +
                                                    glob.error().message(),
                                                pointer);
      // Point at the offending character: one past the opening quote, plus the offset into the pattern.
      diagnostic.location.column += 1 + static_cast<int>(offset);
      diagnostic.length = 1;
      diagnostics.push_back(std::move(diagnostic));
      continue;
    }
    auto matched = glob->expand(files.root);
    if (matched && matched->empty()) {
      reader.report(base::Severity::warning, "PROJ0007",
                    "asset group '" + group.name + "' matches no files with '" + group.glob + "'", pointer);
    }
    globs.push_back(std::move(glob).value());
  }
  return globs;
}

std::optional<Lesson> load_lesson(const ProjectConfig& config, const ProjectFiles& files,
                                  const std::vector<base::Glob>& globs, ConfigReader& reader,
                                  std::vector<base::Diagnostic>& diagnostics) {
  const auto& file = config.lesson->file;
  if (!stays_inside(file)) return std::nullopt;
  std::error_code error;
  if (!fs::is_regular_file(files.root / file, error)) {
    reader.report(base::Severity::error, "PROJ0005", "lesson file '" + file + "' does not exist", "/lesson/file");
    return std::nullopt;
  }
  auto source = read_source(files.root / file, files.display(file), diagnostics);
  if (!source) return std::nullopt;
  LessonContext context;
  context.asset_exists = [&](const std::string& path) {
    std::error_code ignored;
    return stays_inside(path) && fs::is_regular_file(files.root / path, ignored);
  };
  context.asset_in_group = [&](const std::string& path) {
    return std::any_of(globs.begin(), globs.end(), [&](const base::Glob& glob) { return glob.matches(path); });
  };
  return read_lesson(*source, context, diagnostics);
}

ProjectLoadResult load_bare_rojo_project(const ProjectFiles& files) {
  ProjectLoadResult result;
  auto relative = files.rojo_file.filename().string();
  Project project;
  project.root = files.root;
  project.config.name = files.rojo_file.filename().string();
  project.config.name.erase(project.config.name.find(".project.json"));
  project.config.version = "0.0.0";
  project.config.project_file = relative;
  result.project = std::move(project);
  return result;
}

}  // namespace

ProjectLoadResult load_project(const fs::path& path) {
  ProjectLoadResult result;
  auto files = find_project_files(path, result.diagnostics);
  if (!files) return result;
  if (files->config_file.empty()) return load_bare_rojo_project(*files);

  auto config_name = files->config_file.filename().string();
  auto source = read_source(files->config_file, files->display(config_name), result.diagnostics);
  if (!source) return result;
  JsonInput input = read_json_input(*source, "schemas/rbxpipe.schema.json", "PROJ", result.diagnostics);
  if (!input.value || !input.value->is_object()) return result;

  ConfigReader reader(*files, input, result.diagnostics);
  Project project;
  project.root = files->root;
  project.config_file = files->config_file;
  project.config = reader.read(*input.value);
  check_environments(project.config, reader);
  auto globs = check_asset_globs(project.config, *files, input, reader, result.diagnostics);

  const auto& rojo = project.config.project_file;
  std::error_code error;
  if (stays_inside(rojo)) {
    // The Rojo project itself is checked by building it (stages/build_stage.h).
    if (!fs::is_regular_file(files->root / rojo, error)) {
      reader.report(base::Severity::error, "PROJ0005", "Rojo project file '" + rojo + "' does not exist",
                    input.value->contains("project") ? "/project" : "", false,
                    "create it, or name the project file with \"project\"");
    }
  }
  if (project.config.lesson) project.lesson = load_lesson(project.config, *files, globs, reader, result.diagnostics);
  base::sort_diagnostics(result.diagnostics);
  result.project = std::move(project);
  return result;
}

}  // namespace rbxpipe::pipeline
