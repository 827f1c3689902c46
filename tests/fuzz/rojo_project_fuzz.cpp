// Fuzzes Rojo project files: the project parser, then every $properties and $attributes value through the
// reflection-typed resolver, as a build would.
#include <cstdint>
#include <string>

#include "rojo/project_file.h"
#include "rojo/value_resolver.h"

namespace {

void resolve_all(const rbxpipe::rojo::ProjectNode& node, const rbxpipe::rbx::reflection::Database& database) {
  const std::string class_name = node.class_name.value_or("Part");
  for (const auto& value : node.properties) (void)rbxpipe::rojo::resolve_property(database, class_name, value.key, value.json);
  for (const auto& value : node.attributes) (void)rbxpipe::rojo::resolve_attribute(database, value.json);
  for (const auto& child : node.children) resolve_all(child, database);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<rbxpipe::base::Diagnostic> diagnostics;
  auto project = rbxpipe::rojo::parse_rojo_project("/fuzz/default.project.json", "default.project.json",
                                                   std::string(reinterpret_cast<const char*>(data), size), diagnostics);
  if (project) resolve_all(project->tree, rbxpipe::rbx::reflection::Database::shipped());
  for (const auto& diagnostic : diagnostics) (void)rbxpipe::base::render_text(diagnostic);
  return 0;
}
