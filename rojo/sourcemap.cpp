#include "rojo/sourcemap.h"

#include <nlohmann/json.hpp>

namespace rbxpipe::rojo {
namespace {

using nlohmann::ordered_json;

bool is_script(const std::string& class_name) {
  return class_name == "Script" || class_name == "LocalScript" || class_name == "ModuleScript";
}

std::optional<ordered_json> node(const rbx::dom::Dom& dom, rbx::dom::InstanceId id,
                                 const std::map<rbx::dom::InstanceId, std::vector<std::string>>& file_paths,
                                 const SourcemapOptions& options) {
  const auto& instance = dom.get(id);
  ordered_json children = ordered_json::array();
  for (auto child : instance.children)
    if (auto made = node(dom, child, file_paths, options)) children.push_back(std::move(*made));
  if (children.empty() && !options.include_non_scripts && !is_script(instance.class_name)) return std::nullopt;
  ordered_json out = ordered_json::object();
  out["name"] = instance.name;
  out["className"] = instance.class_name;
  ordered_json paths = ordered_json::array();
  if (auto found = file_paths.find(id); found != file_paths.end()) {
    for (const auto& path : found->second) {
      std::error_code error;
      if (!std::filesystem::is_regular_file(path, error)) continue;
      std::filesystem::path relative = std::filesystem::path(path).lexically_relative(options.project_dir);
      paths.push_back(relative.empty() || relative.begin()->string() == ".." ? path : relative.generic_string());
    }
  }
  if (!paths.empty()) out["filePaths"] = std::move(paths);
  if (!children.empty()) out["children"] = std::move(children);
  return out;
}

}  // namespace

std::string write_sourcemap(const rbx::dom::Dom& dom, rbx::dom::InstanceId root,
                            const std::map<rbx::dom::InstanceId, std::vector<std::string>>& file_paths,
                            const SourcemapOptions& options) {
  auto tree = node(dom, root, file_paths, options);
  if (!tree) return "null";
  return tree->dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace rbxpipe::rojo
