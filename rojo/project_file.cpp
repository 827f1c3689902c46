#include "rojo/project_file.h"

#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rbxpipe::rojo {
namespace {

using nlohmann::json;
using base::Severity;

constexpr std::array<std::string_view, 13> k_top_level_keys = {
    "name",          "tree",           "servePort",        "servePlaceIds", "blockedPlaceIds",
    "placeId",       "gameId",         "serveAddress",     "serveAllowedHosts", "emitLegacyScripts",
    "globIgnorePaths", "syncRules",    "syncbackRules"};

std::string json_type_name(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  return "null";
}

// Reads one project file into typed values, reporting each problem at its place.
class ProjectParser {
 public:
  ProjectParser(const JsonFile& file, std::vector<base::Diagnostic>& diagnostics)
      : m_file(file), m_diagnostics(diagnostics) {}

  void error(std::string code, std::string message, const std::string& pointer, bool at_key = false) {
    m_diagnostics.push_back(m_file.diagnose(Severity::error, std::move(code), std::move(message), pointer, at_key));
    m_failed = true;
  }
  void warning(std::string code, std::string message, const std::string& pointer, bool at_key = false) {
    m_diagnostics.push_back(m_file.diagnose(Severity::warning, std::move(code), std::move(message), pointer, at_key));
  }
  void report(std::string code, std::string message, const std::string& pointer, bool at_key = false) {
    m_diagnostics.push_back(m_file.diagnose(Severity::error, std::move(code), std::move(message), pointer, at_key));
  }
  bool failed() const { return m_failed; }

  std::optional<std::string> string_field(const json& object, const char* key, const std::string& pointer) {
    auto found = object.find(key);
    if (found == object.end()) return std::nullopt;
    if (!found->is_string()) {
      error("ROJO0002", std::string(key) + " must be a string, not " + json_type_name(*found),
            pointer + "/" + base::json_pointer_escape(key));
      return std::nullopt;
    }
    return found->get<std::string>();
  }

  std::optional<bool> bool_field(const json& object, const char* key, const std::string& pointer) {
    auto found = object.find(key);
    if (found == object.end()) return std::nullopt;
    if (!found->is_boolean()) {
      error("ROJO0002", std::string(key) + " must be true or false, not " + json_type_name(*found),
            pointer + "/" + base::json_pointer_escape(key));
      return std::nullopt;
    }
    return found->get<bool>();
  }

  std::vector<LocatedValue> values(const json& object, const char* key, const std::string& pointer) {
    std::vector<LocatedValue> out;
    auto found = object.find(key);
    if (found == object.end()) return out;
    std::string here = pointer + "/" + base::json_pointer_escape(key);
    if (!found->is_object()) {
      error("ROJO0002", std::string(key) + " must be an object of names to values, not " + json_type_name(*found),
            here);
      return out;
    }
    for (const auto& [name, value] : found->items())
      out.push_back(LocatedValue{name, value.dump(), here + "/" + base::json_pointer_escape(name)});
    return out;
  }

  ProjectNode node(const json& value, std::string name, const std::string& pointer) {
    ProjectNode node;
    node.name = std::move(name);
    node.pointer = pointer;
    if (!value.is_object()) {
      error("ROJO0002", "instance '" + node.name + "' must be an object, not " + json_type_name(value), pointer);
      return node;
    }
    node.class_name = string_field(value, "$className", pointer);
    if (auto path = value.find("$path"); path != value.end()) {
      std::string here = pointer + "/$path";
      if (path->is_string()) {
        node.path = path->get<std::string>();
      } else if (path->is_object() && path->size() == 1 && path->contains("optional") &&
                 (*path)["optional"].is_string()) {
        node.path = (*path)["optional"].get<std::string>();
        node.path_optional = true;
      } else {
        error("ROJO0002", "$path must be a path string or {\"optional\": \"path\"}", here);
      }
    }
    node.properties = values(value, "$properties", pointer);
    node.attributes = values(value, "$attributes", pointer);
    node.ignore_unknown_instances = bool_field(value, "$ignoreUnknownInstances", pointer);
    node.id = string_field(value, "$id", pointer);
    for (const auto& [key, child] : value.items()) {
      std::string child_pointer = pointer + "/" + base::json_pointer_escape(key);
      if (key.starts_with('$')) {
        static constexpr std::array<std::string_view, 7> known = {
            "$className", "$path", "$properties", "$attributes", "$ignoreUnknownInstances", "$id", "$schema"};
        bool is_known = false;
        for (auto k : known) is_known = is_known || k == key;
        if (!is_known)
          warning("ROJO0005", "unknown key '" + key + "' ignored; keys starting with $ are reserved for Rojo",
                  child_pointer, true);
        continue;
      }
      node.children.push_back(this->node(child, key, child_pointer));
    }
    return node;
  }

  std::vector<std::string> string_list(const json& object, const char* key) {
    std::vector<std::string> out;
    auto found = object.find(key);
    if (found == object.end()) return out;
    std::string here = std::string("/") + key;
    if (!found->is_array()) {
      error("ROJO0002", std::string(key) + " must be an array of strings", here);
      return out;
    }
    for (std::size_t i = 0; i < found->size(); ++i) {
      const json& item = (*found)[i];
      if (!item.is_string()) {
        error("ROJO0002", std::string(key) + " entries must be strings", here + "/" + std::to_string(i));
        continue;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  std::vector<SyncRule> sync_rules(const json& root, const std::filesystem::path& folder) {
    std::vector<SyncRule> rules;
    auto found = root.find("syncRules");
    if (found == root.end()) return rules;
    if (!found->is_array()) {
      error("ROJO0002", "syncRules must be an array of rules", "/syncRules");
      return rules;
    }
    for (std::size_t i = 0; i < found->size(); ++i) {
      std::string here = "/syncRules/" + std::to_string(i);
      const json& item = (*found)[i];
      if (!item.is_object()) {
        error("ROJO0002", "a sync rule must be an object with pattern and use", here);
        continue;
      }
      auto pattern = string_field(item, "pattern", here);
      auto use = string_field(item, "use", here);
      auto exclude = string_field(item, "exclude", here);
      auto suffix = string_field(item, "suffix", here);
      if (!pattern || !use) {
        if (!item.contains("pattern") || !item.contains("use"))
          error("ROJO0004", "a sync rule needs both \"pattern\" and \"use\"", here);
        continue;
      }
      auto middleware = middleware_from_name(*use);
      if (!middleware) {
        error("ROJO0004", "unknown sync rule middleware '" + *use + "'; expected one of " + middleware_names(),
              here + "/use");
        continue;
      }
      auto include = PathGlob::compile(*pattern);
      if (!include) {
        error("ROJO0004", include.error().message(), here + "/pattern");
        continue;
      }
      SyncRule rule{std::move(*include), std::nullopt, *middleware, suffix, folder};
      if (exclude) {
        auto compiled = PathGlob::compile(*exclude);
        if (!compiled) {
          error("ROJO0004", compiled.error().message(), here + "/exclude");
          continue;
        }
        rule.exclude = std::move(*compiled);
      }
      rules.push_back(std::move(rule));
    }
    return rules;
  }

 private:
  const JsonFile& m_file;
  std::vector<base::Diagnostic>& m_diagnostics;
  bool m_failed = false;
};

}  // namespace

bool is_project_file_name(std::string_view file_name) {
  return (file_name.ends_with(".project.json") && file_name.size() > 13) ||
         (file_name.ends_with(".project.jsonc") && file_name.size() > 14);
}

base::Result<std::filesystem::path> locate_project_file(const std::filesystem::path& argument) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(argument, ec);
  if (ec) absolute = argument;
  if (std::filesystem::is_directory(absolute, ec)) {
    for (const char* name : {"default.project.json", "default.project.jsonc"})
      if (std::filesystem::is_regular_file(absolute / name, ec)) return (absolute / name).lexically_normal();
    return base::Error{base::ErrorCode::not_found,
                       "no default.project.json or default.project.jsonc in " + argument.string()};
  }
  if (!is_project_file_name(absolute.filename().string()))
    return base::Error{base::ErrorCode::invalid_input,
                       argument.string() + " is not a project: expected a folder or a *.project.json file"};
  if (!std::filesystem::is_regular_file(absolute, ec))
    return base::Error{base::ErrorCode::not_found, "no project file " + argument.string()};
  return absolute.lexically_normal();
}

std::optional<RojoProject> parse_rojo_project(const std::filesystem::path& file, std::string display_path,
                                              std::string text, std::vector<base::Diagnostic>& diagnostics) {
  RojoProject project;
  project.file = file;
  project.folder = file.parent_path();
  project.json = parse_json_file(std::move(display_path), std::move(text));
  const JsonFile& source = *project.json;
  for (const auto& diagnostic : source.document.diagnostics()) diagnostics.push_back(diagnostic);
  if (!source.document.ok()) return std::nullopt;
  json root = json::parse(source.document.json(), nullptr, false);
  if (root.is_discarded()) return std::nullopt;
  ProjectParser parser(source, diagnostics);
  if (!root.is_object()) {
    parser.error("ROJO0002", "a project file must hold an object with a \"tree\"", "");
    return std::nullopt;
  }
  for (const auto& [key, value] : root.items()) {
    if (key == "$schema") continue;
    bool known = false;
    for (auto k : k_top_level_keys) known = known || k == key;
    // Reported as an error (Rojo refuses the file) but the tree is still read, so every problem shows at once.
    if (!known)
      parser.report("ROJO0001",
                   "unknown field '" + key + "' in a project file; expected one of name, tree, emitLegacyScripts, "
                   "globIgnorePaths, syncRules, servePort, servePlaceIds, placeId, gameId",
                   "/" + base::json_pointer_escape(key), true);
  }
  project.name = parser.string_field(root, "name", "");
  project.emit_legacy_scripts = parser.bool_field(root, "emitLegacyScripts", "");
  project.glob_ignore_paths = parser.string_list(root, "globIgnorePaths");
  for (std::size_t i = 0; i < project.glob_ignore_paths.size(); ++i)
    if (auto compiled = PathGlob::compile(project.glob_ignore_paths[i]); !compiled)
      parser.error("ROJO0004", compiled.error().message(), "/globIgnorePaths/" + std::to_string(i));
  project.sync_rules = parser.sync_rules(root, project.folder);
  auto tree = root.find("tree");
  if (tree == root.end()) {
    parser.error("ROJO0003", "a project file needs a \"tree\" describing its root instance", "");
    return std::nullopt;
  }
  project.tree = parser.node(*tree, project.name.value_or(""), "/tree");
  if (parser.failed()) return std::nullopt;
  return project;
}

}  // namespace rbxpipe::rojo
