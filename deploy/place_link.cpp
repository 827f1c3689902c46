// link_place: the bundled place with real asset ids. Only two modules hold ids (the Assets module and the lesson's
// Data), so linking regenerates exactly those two sources with the functions the build uses: a linked place holds
// the tree a build with the same ids makes.
#include "assets/asset_codegen.h"
#include "deploy/release.h"
#include "rbx/files/model_file.h"
#include "rbx/types/variant.h"
#include "stages/instance_placer.h"
#include "stages/lesson_instances.h"
#include "stages/lesson_modules.h"

namespace rbxpipe::deploy {

namespace {

using rbx::dom::InstanceId;

// The instance at a dot path from the DataModel ("ReplicatedStorage.Lesson.Data"), or k_null_instance.
InstanceId find_path(const rbx::dom::Dom& dom, const std::string& path) {
  InstanceId current = dom.root();
  for (const auto& segment : stages::split_instance_path(path)) {
    current = dom.find_child(current, segment);
    if (current == rbx::dom::k_null_instance) return current;
  }
  return current;
}

base::Result<void> set_module_source(rbx::dom::Dom& dom, const std::string& path, std::string source) {
  InstanceId id = find_path(dom, path);
  if (id == rbx::dom::k_null_instance || dom.get(id).class_name != "ModuleScript") {
    return base::Error(base::ErrorCode::invalid_input, "the release's place has no ModuleScript " + path);
  }
  dom.set_property(id, "Source", rbx::types::ProtectedString{std::move(source)});
  return {};
}

std::map<std::string, assets::SpriteRect> linked_sprites(const Release& release,
                                                        const std::map<std::string, std::int64_t>& asset_ids) {
  std::map<std::string, assets::SpriteRect> sprites = release.sprites;
  for (auto& [input, rect] : sprites) {
    auto sheet = release.sprite_sheets.find(input);
    if (sheet == release.sprite_sheets.end()) continue;
    if (auto id = asset_ids.find(sheet->second); id != asset_ids.end()) rect.sheet_id = id->second;
  }
  return sprites;
}

}  // namespace

base::Result<std::vector<assets::AssetEntry>> linked_asset_entries(const Release& release,
                                                                  const std::map<std::string, std::int64_t>& asset_ids) {
  return stages::project_asset_entries(release.project, asset_ids, linked_sprites(release, asset_ids));
}

base::Result<std::string> link_place(const Release& release, const std::map<std::string, std::int64_t>& asset_ids) {
  const pipeline::Project& project = release.project;
  const std::map<std::string, assets::SpriteRect> sprites = linked_sprites(release, asset_ids);
  auto place = rbx::files::decode_model(release.place, rbx::files::FileKind::binary_place);
  if (!place) return std::move(place).error().with_context("read the release's place");
  rbx::dom::Dom& dom = *place;

  if (!project.config.assets.empty()) {
    auto style = assets::codegen_style_from_name(project.config.codegen.style);
    if (!style) return base::Error(base::ErrorCode::invalid_input, "unknown codegen.style " + project.config.codegen.style);
    auto entries = linked_asset_entries(release, asset_ids);
    if (!entries) return std::move(entries).error();
    auto source = assets::generate_assets_luau(*entries, *style);
    if (!source) return std::move(source).error();
    RBXPIPE_TRY(set_module_source(dom, project.config.codegen.module, std::move(*source)));
  }
  if (project.config.lesson && project.lesson) {
    const stages::ImageResolver resolve_image = [&](const std::string& input) {
      assets::AssetEntry entry;
      entry.input = input;
      if (auto it = asset_ids.find(input); it != asset_ids.end()) entry.id = it->second;
      if (auto it = sprites.find(input); it != sprites.end()) entry.sprite = it->second;
      return assets::asset_luau_value(entry);
    };
    const auto& lesson = *project.config.lesson;
    RBXPIPE_TRY(set_module_source(dom, lesson.public_path + ".Data",
                                  stages::lesson_data_source(*project.lesson, lesson.file, resolve_image)));
  }
  return rbx::files::encode_model(dom, rbx::files::FileKind::binary_place);
}

}  // namespace rbxpipe::deploy
