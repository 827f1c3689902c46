#include "rojo/project_build.h"

#include <array>
#include <unordered_map>

#include "rojo/snapshot_context.h"

namespace rbxpipe::rojo {
namespace {

using base::Severity;
namespace types = rbx::types;

constexpr std::string_view k_ref_id_attribute = "Rojo_Id";
constexpr std::string_view k_ref_target_prefix = "Rojo_Target_";

struct PendingRef {
  types::InstanceId instance;
  std::string property;
  std::string target_id;
};

// Places snapshots into the Dom, collecting ref ids and the refs that point at them.
class TreeWriter {
 public:
  TreeWriter(ProjectBuild& build, const rbx::reflection::Database& database, DiagnosticSink& sink,
             const SnapshotContext& context)
      : m_build(build), m_database(database), m_sink(sink), m_context(context) {}

  void write(InstanceSnapshot& snapshot, types::InstanceId id) {
    auto& instance = m_build.dom.get(id);
    instance.class_name = std::move(snapshot.class_name);
    instance.name = std::move(snapshot.name);
    for (auto& [key, value] : snapshot.properties) instance.properties.insert_or_assign(key, std::move(value));
    if (needs_pivot_migration_flag(instance.class_name))
      instance.properties.try_emplace("NeedsPivotMigration", false);
    if (snapshot.ref_id) register_id(*snapshot.ref_id, id, snapshot.file_paths);
    for (auto& [property, target] : snapshot.ref_targets) m_pending.push_back({id, property, target});
    scan_attributes(id, snapshot.file_paths);
    m_build.file_paths[id] = std::move(snapshot.file_paths);
    for (auto& child : snapshot.children) {
      types::InstanceId child_id = m_build.dom.insert(id, std::string(), std::string());
      write(child, child_id);
    }
  }

  void link() {
    for (const auto& pending : m_pending) {
      auto target = m_ids.find(pending.target_id);
      auto& instance = m_build.dom.get(pending.instance);
      if (target == m_ids.end()) {
        m_sink.add(file_diagnostic(Severity::error, "ROJO0061",
                                   instance.name + "." + pending.property + " points at Rojo id '" +
                                       pending.target_id + "', which no instance has (set it with $id, a meta "
                                       "file's id or a Rojo_Id attribute)",
                                   where(pending.instance)));
        continue;
      }
      const auto* descriptor = m_database.find_property(instance.class_name, pending.property);
      std::string name = descriptor != nullptr ? descriptor->name : pending.property;
      instance.properties.insert_or_assign(name, types::Ref{target->second});
    }
  }

 private:
  std::string where(types::InstanceId id) const {
    auto found = m_build.file_paths.find(id);
    if (found == m_build.file_paths.end() || found->second.empty()) return {};
    return m_context.display(found->second.back());
  }

  void register_id(const std::string& ref_id, types::InstanceId id, const std::vector<std::string>& files) {
    auto [it, inserted] = m_ids.emplace(ref_id, id);
    if (!inserted && it->second != id)
      m_sink.add(file_diagnostic(Severity::warning, "ROJO0060",
                                 "Rojo id '" + ref_id + "' is given to two instances; refs to it use the first",
                                 files.empty() ? std::string() : m_context.display(files.back())));
  }

  void scan_attributes(types::InstanceId id, const std::vector<std::string>& files) {
    auto& instance = m_build.dom.get(id);
    auto found = instance.properties.find("Attributes");
    if (found == instance.properties.end()) return;
    const auto* attributes = std::get_if<types::Attributes>(&found->second);
    if (attributes == nullptr) return;
    for (const auto& entry : attributes->entries) {
      const auto* text = std::get_if<std::string>(&entry.value);
      if (text == nullptr) continue;
      if (entry.name == k_ref_id_attribute) register_id(*text, id, files);
      else if (entry.name.starts_with(k_ref_target_prefix))
        m_pending.push_back({id, entry.name.substr(k_ref_target_prefix.size()), *text});
    }
  }

  ProjectBuild& m_build;
  const rbx::reflection::Database& m_database;
  DiagnosticSink& m_sink;
  const SnapshotContext& m_context;
  std::unordered_map<std::string, types::InstanceId> m_ids;
  std::vector<PendingRef> m_pending;
};

std::string default_root_name(const std::filesystem::path& project_file) {
  std::string file_name = project_file.filename().string();
  if (file_name == "default.project.json" || file_name == "default.project.jsonc")
    return project_file.parent_path().filename().string();
  for (std::string_view suffix : {".project.jsonc", ".project.json"})
    if (file_name.ends_with(suffix)) return file_name.substr(0, file_name.size() - suffix.size());
  return file_name;
}

}  // namespace

bool needs_pivot_migration_flag(std::string_view class_name) {
  static constexpr std::array<std::string_view, 8> classes = {"Model",      "Actor",     "Tool",   "HopperBin",
                                                              "Flag",       "WorldModel", "Workspace", "Status"};
  for (auto name : classes)
    if (name == class_name) return true;
  return false;
}

ProjectBuild build_project(const ProjectBuildOptions& options, SourceFiles& files) {
  ProjectBuild build;
  DiagnosticSink sink;
  const auto& database = options.database != nullptr ? *options.database : rbx::reflection::Database::shipped();
  auto located = locate_project_file(options.project);
  if (!located) {
    build.diagnostics.push_back(file_diagnostic(Severity::error, "ROJO0007", located.error().message(),
                                                options.project.string()));
    return build;
  }
  build.project_file = *located;
  std::filesystem::path display_root =
      options.display_root.empty() ? build.project_file.parent_path() : options.display_root;
  SnapshotContext context{files, database, sink, display_root, options.display_prefix, options.parallel};
  SnapshotScope scope;
  auto root = snapshot_project_file(context, scope, build.project_file, default_root_name(build.project_file));
  if (root) {
    TreeWriter writer(build, database, sink, context);
    writer.write(*root, build.dom.root());
    writer.link();
  }
  build.diagnostics = sink.take();
  return build;
}

base::Result<std::string> encode_build(const rbx::dom::Dom& dom, rbx::files::FileKind kind) {
  if (rbx::files::is_place(kind)) return rbx::files::encode_instances(dom, dom.get(dom.root()).children, kind);
  return rbx::files::encode_instances(dom, {dom.root()}, kind);
}

}  // namespace rbxpipe::rojo
