// Meta files (`<name>.meta.json`, `init.meta.json`) and the property/attribute values of project, meta and model
// files, resolved against the instance's class.
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "rbx/types/attributes.h"
#include "rojo/snapshot_context.h"
#include "rojo/value_resolver.h"

namespace rbxpipe::rojo {
namespace {

using nlohmann::json;
using base::Severity;

// The existing meta file for a base path without extension ("dir/foo" -> dir/foo.meta.json or .meta.jsonc).
std::optional<std::filesystem::path> find_meta(const SnapshotContext& context, const std::filesystem::path& folder,
                                               const std::string& stem) {
  for (const char* extension : {".meta.json", ".meta.jsonc"}) {
    std::filesystem::path candidate = folder / (stem + extension);
    if (context.files.probe(candidate) == SourceFiles::Kind::file) return candidate;
  }
  return std::nullopt;
}

void apply_meta(const SnapshotContext& context, const std::filesystem::path& meta_path, bool is_folder_meta,
                InstanceSnapshot& snapshot) {
  auto contents = context.files.read(meta_path);
  if (!contents) {
    context.file_error(meta_path, "ROJO0030", contents.error().message());
    return;
  }
  auto file = parse_json_file(context.display(meta_path), **contents);
  context.sink.add_all(file->document.diagnostics());
  if (!file->document.ok()) return;
  snapshot.file_paths.push_back(meta_path.string());
  json root = json::parse(file->document.json(), nullptr, false);
  if (!root.is_object()) {
    context.sink.add(file->diagnose(Severity::error, "ROJO0030", "a meta file must hold an object", ""));
    return;
  }
  std::vector<LocatedValue> properties, attributes;
  for (const auto& [key, value] : root.items()) {
    std::string pointer = "/" + base::json_pointer_escape(key);
    if (key == "properties" || key == "attributes") {
      if (!value.is_object()) {
        context.sink.add(file->diagnose(Severity::error, "ROJO0030", key + " must be an object", pointer));
        continue;
      }
      auto& out = key == "properties" ? properties : attributes;
      for (const auto& [name, item] : value.items())
        out.push_back(LocatedValue{name, item.dump(), pointer + "/" + base::json_pointer_escape(name)});
    } else if (key == "id") {
      if (value.is_string()) snapshot.ref_id = value.get<std::string>();
      else context.sink.add(file->diagnose(Severity::error, "ROJO0030", "id must be a string", pointer));
    } else if (key == "className" && is_folder_meta) {
      if (!value.is_string()) {
        context.sink.add(file->diagnose(Severity::error, "ROJO0030", "className must be a string", pointer));
      } else if (snapshot.class_name != "Folder") {
        context.sink.add(file->diagnose(
            Severity::error, "ROJO0031",
            "className in init.meta.json can only be used on a folder that would be a Folder; this one is a " +
                snapshot.class_name + " because of its init file",
            pointer));
      } else {
        snapshot.class_name = value.get<std::string>();
      }
    } else if (key == "ignoreUnknownInstances" || key == "$schema") {
      continue;  // live-sync and editor settings; nothing to build
    } else {
      context.sink.add(file->diagnose(Severity::error, "ROJO0030",
                                      "unknown field '" + key + "' in a meta file; expected properties, attributes, id" +
                                          std::string(is_folder_meta ? ", className" : "") +
                                          " or ignoreUnknownInstances",
                                      pointer, true));
    }
  }
  apply_values(context, *file, properties, attributes, snapshot);
}

}  // namespace

void apply_values(const SnapshotContext& context, const JsonFile& file, const std::vector<LocatedValue>& properties,
                  const std::vector<LocatedValue>& attributes, InstanceSnapshot& snapshot) {
  for (const auto& value : properties) {
    if (value.key == "Name" || value.key == "Parent") {
      context.sink.add(file.diagnose(Severity::warning, "ROJO0023",
                                     "property " + value.key + " cannot be set here and is ignored; " +
                                         (value.key == "Name" ? "the instance is named by its key or file"
                                                              : "the instance's place in the tree sets it"),
                                     value.pointer, true));
      continue;
    }
    auto resolved = resolve_property(context.database, snapshot.class_name, value.key, value.json);
    if (!resolved) {
      bool unknown = resolved.error().code() == base::ErrorCode::not_found;
      context.sink.add(file.diagnose(Severity::error, unknown ? "ROJO0020" : "ROJO0021", resolved.error().message(),
                                     value.pointer, unknown));
      continue;
    }
    snapshot.properties[resolved->name] = std::move(resolved->value);
  }
  if (attributes.empty()) return;
  rbx::types::Attributes resolved_attributes;
  for (const auto& value : attributes) {
    auto resolved = resolve_attribute(context.database, value.json);
    if (!resolved) {
      context.sink.add(file.diagnose(Severity::error, "ROJO0024",
                                     "attribute " + value.key + ": " + resolved.error().message(), value.pointer));
      continue;
    }
    resolved_attributes.entries.push_back(rbx::types::AttributeEntry{value.key, std::move(*resolved)});
  }
  std::sort(resolved_attributes.entries.begin(), resolved_attributes.entries.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  // Rojo replaces the whole attribute set, it does not merge with attributes from the file system.
  snapshot.properties["Attributes"] = std::move(resolved_attributes);
}

void apply_adjacent_meta(const SnapshotContext& context, const std::filesystem::path& path,
                         InstanceSnapshot& snapshot) {
  if (auto meta = find_meta(context, path.parent_path(), snapshot.name)) apply_meta(context, *meta, false, snapshot);
}

void apply_folder_meta(const SnapshotContext& context, const std::filesystem::path& folder,
                       InstanceSnapshot& snapshot) {
  if (auto meta = find_meta(context, folder, "init")) apply_meta(context, *meta, true, snapshot);
}

}  // namespace rbxpipe::rojo
