#include "cloud/emulator/asset_writes.h"

#include "cloud/emulator/asset_shapes.h"
#include "cloud/emulator/file_sniff.h"

namespace rbxpipe::cloud::emulator {

namespace {

std::string media_type_of(const std::string& content_type) {
  std::string type = to_lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

}  // namespace

std::optional<Response> check_content(const std::string& type, const MultipartPart& file, const AssetsSpec& spec) {
  std::string mime = media_type_of(file.content_type);
  if (mime.empty()) return status_error(400, "The 'fileContent' form field needs a Content-Type.");
  if (!mime_allowed(type, mime)) {
    return status_error(400, type + " assets cannot be made from '" + mime + "' content.");
  }
  if (file.body.empty() || !magic_matches(mime, file.body)) {
    return status_error(400, "The file content is not valid " + mime + ".");
  }
  if (file.body.size() > spec.max_upload_bytes) return status_error(400, std::string(k_body_too_large));
  if (type == "Image" || type == "Decal") {
    auto size = image_size(mime, file.body);
    if (!size) return status_error(400, "\"InvalidImage\"");
    if (size->width >= 8000 || size->height >= 8000) {
      return status_error(400, "Image dimensions must be smaller than 8000x8000 pixels (got " +
                                   std::to_string(size->width) + "x" + std::to_string(size->height) + ").");
    }
  }
  return std::nullopt;
}

const AssetRule* matching_rule(const AssetsSpec& spec, std::string_view display_name) {
  for (const auto& rule : spec.rules) {
    if (display_name.find(rule.name_contains) != std::string_view::npos) return &rule;
  }
  return nullptr;
}

OperationRecord& start_asset_operation(RouteContext& context, AssetRecord& asset, const MultipartPart& file,
                                       bool create) {
  const AssetsSpec& spec = context.scenario.assets;
  const AssetRule* rule = matching_rule(spec, asset.display_name);
  OperationRecord operation;
  operation.id = context.world.new_uuid();
  operation.created = context.now;
  operation.spec = rule != nullptr && rule->operation ? *rule->operation : spec.operation;
  context.changed = true;

  // A create whose scripted outcome is an error never becomes an asset; an update's failure leaves it unchanged.
  if (!operation.spec.error_code) {
    const ModerationSpec& moderation = rule != nullptr && rule->moderation ? *rule->moderation : spec.moderation;
    AssetVersionRecord version;
    version.number = asset.versions.empty() ? 1 : asset.versions.back().number + 1;
    version.size = file.body.size();
    version.content_type = media_type_of(file.content_type);
    version.sha256 = context.world.store_blob(file.body);
    version.created = context.now;
    version.moderation = moderation.state;
    version.moderation_at = context.now + std::chrono::seconds(moderation.seconds);
    asset.versions.push_back(version);
    operation.revision = version.number;
    if (create) {
      asset.id = context.world.next_asset_id++;
      context.world.assets.emplace(asset.id, asset);
    }
    operation.asset_id = asset.id;
  }
  auto [found, inserted] = context.world.operations.emplace(operation.id, operation);
  (void)inserted;
  return found->second;
}

}  // namespace rbxpipe::cloud::emulator
