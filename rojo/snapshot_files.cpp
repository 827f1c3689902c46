// File middlewares: scripts, data files, text, localization CSV, JSON models and model files.
#include <atomic>

#include <nlohmann/json.hpp>

#include "rbx/files/model_file.h"
#include "rojo/data_files.h"
#include "rojo/snapshot_context.h"

namespace rbxpipe::rojo {
namespace {

using base::Severity;
using nlohmann::json;
namespace types = rbx::types;

std::string normalize_line_endings(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

std::optional<std::shared_ptr<const std::string>> read_input(const SnapshotContext& context,
                                                             const std::filesystem::path& path) {
  auto contents = context.files.read(path);
  if (!contents) {
    context.file_error(path, "ROJO0040", contents.error().message());
    return std::nullopt;
  }
  return *contents;
}

InstanceSnapshot make_snapshot(std::string name, std::string class_name, const std::filesystem::path& path) {
  InstanceSnapshot snapshot;
  snapshot.name = std::move(name);
  snapshot.class_name = std::move(class_name);
  snapshot.file_paths.push_back(path.string());
  return snapshot;
}

std::optional<InstanceSnapshot> snapshot_script(const SnapshotContext& context, const SnapshotScope& scope,
                                                const std::filesystem::path& path, Middleware middleware,
                                                const std::string& name) {
  // RunContext values from the RunContext enum: Legacy 0, Server 1, Client 2, Plugin 3.
  std::string class_name = "Script";
  std::optional<std::uint32_t> run_context;
  bool legacy = scope.emit_legacy_scripts;
  switch (middleware) {
    case Middleware::server_script: run_context = legacy ? 0u : 1u; break;
    case Middleware::client_script:
      if (legacy) class_name = "LocalScript";
      else run_context = 2u;
      break;
    case Middleware::module_script: class_name = "ModuleScript"; break;
    case Middleware::plugin_script: run_context = 3u; break;
    case Middleware::legacy_server_script: run_context = 0u; break;
    case Middleware::legacy_client_script: class_name = "LocalScript"; break;
    case Middleware::run_context_server_script: run_context = 1u; break;
    case Middleware::run_context_client_script: run_context = 2u; break;
    default: break;
  }
  auto contents = read_input(context, path);
  if (!contents) return std::nullopt;
  InstanceSnapshot snapshot = make_snapshot(name, class_name, path);
  snapshot.properties["Source"] = types::ProtectedString{normalize_line_endings(**contents)};
  if (run_context) snapshot.properties["RunContext"] = types::Enum{*run_context};
  apply_adjacent_meta(context, path, snapshot);
  return snapshot;
}

std::optional<InstanceSnapshot> snapshot_data_module(const SnapshotContext& context, const std::filesystem::path& path,
                                                     Middleware middleware, const std::string& name) {
  auto contents = read_input(context, path);
  if (!contents) return std::nullopt;
  base::SourceText source(context.display(path), **contents);
  std::vector<base::Diagnostic> diagnostics;
  std::optional<LuaValue> value;
  if (middleware == Middleware::json) value = read_json_data(source, diagnostics);
  else if (middleware == Middleware::toml) value = read_toml_data(source, diagnostics);
  else value = read_yaml_data(source, diagnostics);
  context.sink.add_all(diagnostics);
  if (!value) return std::nullopt;
  InstanceSnapshot snapshot = make_snapshot(name, "ModuleScript", path);
  snapshot.properties["Source"] = types::ProtectedString{lua_module_source(*value)};
  apply_adjacent_meta(context, path, snapshot);
  return snapshot;
}

std::optional<InstanceSnapshot> snapshot_csv(const SnapshotContext& context, const std::filesystem::path& path,
                                             const std::string& name) {
  auto contents = read_input(context, path);
  if (!contents) return std::nullopt;
  base::SourceText source(context.display(path), **contents);
  std::vector<base::Diagnostic> diagnostics;
  auto table = read_localization_csv(source, diagnostics);
  context.sink.add_all(diagnostics);
  if (!table) return std::nullopt;
  InstanceSnapshot snapshot = make_snapshot(name, "LocalizationTable", path);
  snapshot.properties["Contents"] = std::move(*table);
  apply_adjacent_meta(context, path, snapshot);
  return snapshot;
}

std::optional<InstanceSnapshot> snapshot_text(const SnapshotContext& context, const std::filesystem::path& path,
                                              const std::string& name) {
  auto contents = read_input(context, path);
  if (!contents) return std::nullopt;
  InstanceSnapshot snapshot = make_snapshot(name, "StringValue", path);
  snapshot.properties["Value"] = std::string(**contents);  // Rojo keeps text files' line endings as they are
  apply_adjacent_meta(context, path, snapshot);
  return snapshot;
}

// One node of a .model.json file; children default their names to their class.
std::optional<InstanceSnapshot> json_model_node(const SnapshotContext& context, const JsonFile& file,
                                                const json& node, const std::string& pointer, std::string name,
                                                int depth) {
  if (!node.is_object()) {
    context.sink.add(file.diagnose(Severity::error, "ROJO0041", "a model instance must be an object", pointer));
    return std::nullopt;
  }
  if (depth > 256) {
    context.sink.add(file.diagnose(Severity::error, "ROJO0041", "model nested deeper than 256 levels", pointer));
    return std::nullopt;
  }
  auto field = [&](const char* lower, const char* upper) -> std::pair<const json*, std::string> {
    if (auto found = node.find(lower); found != node.end()) return {&*found, std::string("/") + lower};
    if (auto found = node.find(upper); found != node.end()) return {&*found, std::string("/") + upper};
    return {nullptr, {}};
  };
  auto [class_value, class_pointer] = field("className", "ClassName");
  if (class_value == nullptr || !class_value->is_string()) {
    context.sink.add(file.diagnose(Severity::error, "ROJO0041",
                                   class_value == nullptr ? "a model instance needs a className"
                                                          : "className must be a string",
                                   pointer + class_pointer));
    return std::nullopt;
  }
  InstanceSnapshot snapshot;
  snapshot.class_name = class_value->get<std::string>();
  if (name.empty()) {
    auto [name_value, name_pointer] = field("name", "Name");
    name = name_value != nullptr && name_value->is_string() ? name_value->get<std::string>() : snapshot.class_name;
  }
  snapshot.name = std::move(name);
  if (auto id = node.find("id"); id != node.end() && id->is_string()) snapshot.ref_id = id->get<std::string>();
  std::vector<LocatedValue> properties, attributes;
  auto collect = [&](const char* lower, const char* upper, std::vector<LocatedValue>& out) {
    auto [value, value_pointer] = field(lower, upper);
    if (value == nullptr) return;
    if (!value->is_object()) {
      context.sink.add(file.diagnose(Severity::error, "ROJO0041", std::string(lower) + " must be an object",
                                     pointer + value_pointer));
      return;
    }
    for (const auto& [key, item] : value->items())
      out.push_back(LocatedValue{key, item.dump(), pointer + value_pointer + "/" + base::json_pointer_escape(key)});
  };
  collect("properties", "Properties", properties);
  collect("attributes", "Attributes", attributes);
  apply_values(context, file, properties, attributes, snapshot);
  auto [children, children_pointer] = field("children", "Children");
  if (children != nullptr) {
    if (!children->is_array()) {
      context.sink.add(file.diagnose(Severity::error, "ROJO0041", "children must be an array of instances",
                                     pointer + children_pointer));
    } else {
      for (std::size_t i = 0; i < children->size(); ++i)
        if (auto child = json_model_node(context, file, (*children)[i],
                                         pointer + children_pointer + "/" + std::to_string(i), {}, depth + 1))
          snapshot.children.push_back(std::move(*child));
    }
  }
  return snapshot;
}

std::optional<InstanceSnapshot> snapshot_json_model(const SnapshotContext& context, const std::filesystem::path& path,
                                                    const std::string& name) {
  auto contents = read_input(context, path);
  if (!contents) return std::nullopt;
  if ((*contents)->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;  // empty: no instance
  auto file = parse_json_file(context.display(path), **contents);
  context.sink.add_all(file->document.diagnostics());
  if (!file->document.ok()) return std::nullopt;
  json root = json::parse(file->document.json(), nullptr, false);
  if (root.is_object()) {
    for (const char* key : {"name", "Name"})
      if (root.contains(key))
        context.sink.add(file->diagnose(Severity::warning, "ROJO0042",
                                        "the top-level name of a model file is ignored; the file name (" + name +
                                            ") names the instance",
                                        std::string("/") + key, true));
  }
  auto snapshot = json_model_node(context, *file, root, "", name, 0);
  if (snapshot) snapshot->file_paths.push_back(path.string());
  return snapshot;
}

std::atomic<std::uint64_t> g_model_ref_counter{0};

// Converts one instance of a model file, giving referenced instances internal ref ids.
InstanceSnapshot from_model(const rbx::dom::Dom& dom, types::InstanceId id, std::map<types::InstanceId, std::string>& ids) {
  const auto& instance = dom.get(id);
  InstanceSnapshot snapshot;
  snapshot.name = instance.name;
  snapshot.class_name = instance.class_name;
  auto id_for = [&](types::InstanceId target) -> const std::string& {
    auto [it, inserted] = ids.try_emplace(target);
    if (inserted) it->second = "\x01model-ref-" + std::to_string(++g_model_ref_counter);
    return it->second;
  };
  for (const auto& [key, value] : instance.properties) {
    if (const auto* ref = std::get_if<types::Ref>(&value); ref && ref->target != types::k_null_instance) {
      if (dom.contains(ref->target)) snapshot.ref_targets.emplace_back(key, id_for(ref->target));
      continue;
    }
    snapshot.properties.emplace(key, value);
  }
  if (auto found = ids.find(id); found != ids.end()) snapshot.ref_id = found->second;
  for (auto child : instance.children) snapshot.children.push_back(from_model(dom, child, ids));
  return snapshot;
}

// Ref ids are handed out while walking, so a target met before its referrer gets its id on a second pass.
void assign_ids(InstanceSnapshot& snapshot, const rbx::dom::Dom& dom, types::InstanceId id,
                const std::map<types::InstanceId, std::string>& ids) {
  if (auto found = ids.find(id); found != ids.end()) snapshot.ref_id = found->second;
  const auto& instance = dom.get(id);
  for (std::size_t i = 0; i < instance.children.size(); ++i)
    assign_ids(snapshot.children[i], dom, instance.children[i], ids);
}

std::optional<InstanceSnapshot> snapshot_model_file(const SnapshotContext& context, const std::filesystem::path& path,
                                                    const std::string& name, bool binary) {
  auto contents = read_input(context, path);
  if (!contents) return std::nullopt;
  auto dom = rbx::files::decode_model(**contents, binary ? rbx::files::FileKind::binary_model
                                                         : rbx::files::FileKind::xml_model);
  if (!dom) {
    context.file_error(path, "ROJO0050", "cannot read model file: " + dom.error().to_string());
    return std::nullopt;
  }
  const auto& top = dom->get(dom->root()).children;
  if (top.size() != 1) {
    context.file_error(path, "ROJO0051",
                       "a model file used in a project must hold exactly one top-level instance; this one holds " +
                           std::to_string(top.size()));
    return std::nullopt;
  }
  std::map<types::InstanceId, std::string> ids;
  InstanceSnapshot snapshot = from_model(*dom, top[0], ids);
  assign_ids(snapshot, *dom, top[0], ids);
  snapshot.name = name;
  snapshot.file_paths.push_back(path.string());
  return snapshot;
}

}  // namespace

std::optional<InstanceSnapshot> snapshot_file(const SnapshotContext& context, const SnapshotScope& scope,
                                              const std::filesystem::path& path, Middleware middleware,
                                              const std::string& name) {
  switch (middleware) {
    case Middleware::server_script:
    case Middleware::client_script:
    case Middleware::module_script:
    case Middleware::plugin_script:
    case Middleware::legacy_server_script:
    case Middleware::legacy_client_script:
    case Middleware::run_context_server_script:
    case Middleware::run_context_client_script:
      return snapshot_script(context, scope, path, middleware, name);
    case Middleware::json:
    case Middleware::toml:
    case Middleware::yaml:
      return snapshot_data_module(context, path, middleware, name);
    case Middleware::csv: return snapshot_csv(context, path, name);
    case Middleware::text: return snapshot_text(context, path, name);
    case Middleware::json_model: return snapshot_json_model(context, path, name);
    case Middleware::rbxm: return snapshot_model_file(context, path, name, true);
    case Middleware::rbxmx: return snapshot_model_file(context, path, name, false);
    case Middleware::project: return snapshot_project_file(context, scope, path, name);
    case Middleware::ignore: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace rbxpipe::rojo
