// PATCH /assets/v1/assets/{id}: metadata through updateMask, new content for Models only (a new version behind an
// operation), as open-cloud.md §1.5 and §8.2 describe.
#include <algorithm>

#include "cloud/emulator/asset_shapes.h"
#include "cloud/emulator/asset_writes.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr std::size_t k_max_social_links = 3;

bool updatable_field(std::string_view field) {
  return field == "displayName" || field == "description" || field == "icon" || field == "previews" ||
         is_social_link_field(field);
}

struct UpdateRequest {
  Json meta;
  std::optional<MultipartPart> file;
};

// The request comes as multipart (request + optional fileContent) or, for metadata only, as a JSON body.
std::variant<UpdateRequest, Response> read_update(const Request& request) {
  UpdateRequest update;
  if (request.media_type() == "multipart/form-data") {
    auto boundary = multipart_boundary(request.header("content-type").value_or(""));
    if (!boundary) return status_error(400, "The multipart boundary is missing from Content-Type.");
    auto parts = parse_multipart(request.body, *boundary);
    if (!parts) return status_error(400, "Failed to read the request form: " + parts.error().message() + ".");
    const MultipartPart* meta = find_part(*parts, "request");
    if (meta == nullptr) return status_error(400, "The 'request' form field is required.");
    update.meta = Json::parse(meta->body, nullptr, false);
    if (const MultipartPart* file = find_part(*parts, "fileContent")) update.file = *file;
  } else {
    update.meta = Json::parse(request.body, nullptr, false);
  }
  if (update.meta.is_discarded() || !update.meta.is_object()) {
    return status_error(400, "The request is not a JSON object.");
  }
  return update;
}

std::optional<Response> apply_metadata(AssetRecord& asset, const Json& meta, const std::vector<std::string>& fields,
                                       const AssetsSpec& spec) {
  AssetRecord changed = asset;
  for (const auto& field : fields) {
    if (!meta.contains(field)) continue;
    const Json& value = meta[field];
    if (field == "displayName") {
      if (!value.is_string() || value.get<std::string>().empty()) {
        return status_error(400, "displayName must not be empty.");
      }
      if (!moderated_word(spec.moderated_words, value.get<std::string>()).empty()) {
        return status_error(400, "AssetName is moderated.");
      }
      changed.display_name = value.get<std::string>();
    } else if (field == "description") {
      if (!value.is_string() || value.get<std::string>().size() > 1000) {
        return status_error(400, "description must be a string of at most 1000 characters.");
      }
      if (!moderated_word(spec.moderated_words, value.get<std::string>()).empty()) {
        return status_error(400, "AssetDescription is moderated.");
      }
      changed.description = value.get<std::string>();
    } else if (field == "icon") {
      if (!value.is_string()) return status_error(400, "icon must be an asset path such as \"assets/123\".");
      changed.icon = value.get<std::string>();
    } else if (field == "previews") {
      if (!value.is_array()) return status_error(400, "previews must be an array.");
      changed.previews_json = value.dump();
    } else if (value.is_null()) {
      changed.social_links.erase(field);
    } else {
      if (!value.is_object() || !value.contains("uri")) return status_error(400, field + " needs a uri.");
      changed.social_links[field] = value.dump();
    }
  }
  if (changed.social_links.size() > k_max_social_links) {
    return status_error(400, "An asset may have at most 3 social links.");
  }
  asset = std::move(changed);
  return std::nullopt;
}

}  // namespace

Response update_asset(RouteContext& context) {
  auto found = find_asset(context);
  if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
  AssetRecord& asset = *std::get<AssetRecord*>(found);
  if (context.request.body.size() > k_max_request_bytes) return status_error(400, std::string(k_body_too_large));

  std::vector<std::string> fields;
  if (auto mask = context.request.param("updateMask")) {
    fields = split_mask(*mask);
    for (const auto& field : fields) {
      if (!updatable_field(field)) {
        return status_error(400, "updateMask names a field that cannot be updated: '" + field + "'.");
      }
    }
  }
  auto read = read_update(context.request);
  if (auto* response = std::get_if<Response>(&read)) return std::move(*response);
  UpdateRequest& update = std::get<UpdateRequest>(read);
  auto path_id = json_id(update.meta.value("assetId", Json()));
  if (!path_id || *path_id != asset.id) {
    return status_error(400, "request.assetId must equal the asset id in the path.");
  }
  if (update.meta.contains("assetType") && update.meta["assetType"].is_string() &&
      update.meta["assetType"].get<std::string>() != asset.type) {
    return status_error(400, "assetType does not match the asset's type.");
  }
  if (fields.empty()) {
    for (const auto& [key, value] : update.meta.items()) {
      if (updatable_field(key)) fields.push_back(key);
    }
  }
  if (update.file) {
    if (asset.type != "Model") {
      return status_error(400, "Only Model assets can have their content updated; a " + asset.type +
                                   " asset's content never changes.");
    }
    if (auto problem = check_content(asset.type, *update.file, context.scenario.assets)) return std::move(*problem);
  }
  if (auto problem = apply_metadata(asset, update.meta, fields, context.scenario.assets)) return std::move(*problem);
  context.changed = true;

  if (update.file) {
    return json_response(200, operation_started(start_asset_operation(context, asset, *update.file, false)));
  }
  // A metadata-only update finishes at once: its operation is done on the first poll and the answer carries it.
  OperationRecord operation;
  operation.id = context.world.new_uuid();
  operation.asset_id = asset.id;
  operation.revision = asset.versions.back().number;
  operation.created = context.now;
  operation.spec.polls_before_done = -1;
  auto& stored = context.world.operations.emplace(operation.id, operation).first->second;
  return json_response(200, operation_resource(stored, context.world, context.scenario, context.now));
}

}  // namespace rbxpipe::cloud::emulator
