#include "stages/instance_placer.h"

#include "rbx/reflection/database.h"

namespace rbxpipe::stages {
namespace {

// Containers Rojo also creates with their own class rather than as Folders (StarterPlayer's script holders).
std::string container_class(const std::string& parent_class, const std::string& name) {
  if (parent_class == "StarterPlayer" && (name == "StarterPlayerScripts" || name == "StarterCharacterScripts")) {
    return name;
  }
  return "Folder";
}

}  // namespace

std::vector<std::string> split_instance_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    std::string_view segment = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (segment.empty()) return {};
    segments.emplace_back(segment);
    if (dot == std::string_view::npos) return segments;
    start = dot + 1;
  }
}

InstancePlacer::InstancePlacer(rbx::dom::Dom& dom, std::string config_file, std::string project_file,
                               std::vector<base::Diagnostic>& diagnostics)
    : m_dom(dom),
      m_config_file(std::move(config_file)),
      m_project_file(std::move(project_file)),
      m_diagnostics(diagnostics) {}

void InstancePlacer::report(std::string_view code, std::string message) {
  base::Diagnostic diagnostic;
  diagnostic.code = std::string(code);
  diagnostic.message = std::move(message);
  diagnostic.file = m_config_file;
  m_diagnostics.push_back(std::move(diagnostic));
}

std::optional<rbx::dom::InstanceId> InstancePlacer::container(std::string_view path, std::string_view setting) {
  const std::vector<std::string> segments = split_instance_path(path);
  if (segments.empty()) {
    report(k_bad_path, std::string(setting) + " '" + std::string(path) +
                           "' is not an instance path such as \"ReplicatedStorage.Lesson\"");
    return std::nullopt;
  }
  if (!rbx::reflection::Database::shipped().is_service(segments.front())) {
    report(k_not_a_service, std::string(setting) + " '" + std::string(path) + "' must start with a Roblox service; '" +
                                segments.front() + "' is not one");
    return std::nullopt;
  }
  rbx::dom::InstanceId current = m_dom.find_child(m_dom.root(), segments.front());
  if (current == rbx::dom::k_null_instance) {
    current = m_dom.insert(m_dom.root(), segments.front(), segments.front());
  }
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const rbx::dom::InstanceId parent = current;
    current = m_dom.find_child(parent, segments[i]);
    if (current != rbx::dom::k_null_instance) continue;
    current = m_dom.insert(parent, container_class(m_dom.get(parent).class_name, segments[i]), segments[i]);
    m_generated.emplace(current, "as a folder for " + std::string(setting));
  }
  return current;
}

rbx::dom::InstanceId InstancePlacer::folder(rbx::dom::InstanceId parent, const std::string& name) {
  rbx::dom::InstanceId existing = m_dom.find_child(parent, name);
  if (existing != rbx::dom::k_null_instance) return existing;
  rbx::dom::InstanceId created = m_dom.insert(parent, "Folder", name);
  m_generated.emplace(created, "as a folder");
  return created;
}

std::optional<rbx::dom::InstanceId> InstancePlacer::add(rbx::dom::InstanceId parent, const std::string& class_name,
                                                        const std::string& name, const std::string& origin) {
  const rbx::dom::InstanceId existing = m_dom.find_child(parent, name);
  if (existing == rbx::dom::k_null_instance) {
    const rbx::dom::InstanceId created = m_dom.insert(parent, class_name, name);
    m_generated.emplace(created, "from " + origin);
    return created;
  }
  const std::string path = path_of(existing);
  if (auto it = m_generated.find(existing); it != m_generated.end()) {
    report(k_generated_twice, path + " is generated twice: " + it->second + " and from " + origin);
    return std::nullopt;
  }
  base::Diagnostic diagnostic;
  diagnostic.code = std::string(k_exists_in_project);
  diagnostic.message = path + " already exists in the project tree; rbxpipe generates it from " + origin;
  diagnostic.file = m_project_file;
  m_diagnostics.push_back(std::move(diagnostic));
  return std::nullopt;
}

std::string InstancePlacer::path_of(rbx::dom::InstanceId id) const {
  std::string path;
  for (rbx::dom::InstanceId at = id; at != m_dom.root() && at != rbx::dom::k_null_instance;
       at = m_dom.get(at).parent) {
    path = path.empty() ? m_dom.get(at).name : m_dom.get(at).name + "." + path;
  }
  return path;
}

}  // namespace rbxpipe::stages
