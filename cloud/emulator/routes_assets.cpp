// Assets API: create (multipart, every validation of open-cloud.md §8.2), get with readMask, archive, restore.
#include <algorithm>

#include "cloud/emulator/asset_shapes.h"
#include "cloud/emulator/asset_writes.h"
#include "cloud/emulator/auth.h"
#include "cloud/emulator/multipart.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr std::string_view k_asset_types[] = {"Image", "Decal", "Audio", "Model", "Animation", "Video", "Mesh"};

std::string string_field(const Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// The creator of a create request: exactly one of userId/groupId, as a number or a string of digits.
std::optional<Owner> read_creator(const Json& meta) {
  const Json* creator = nullptr;
  if (meta.contains("creationContext") && meta["creationContext"].is_object() &&
      meta["creationContext"].contains("creator") && meta["creationContext"]["creator"].is_object()) {
    creator = &meta["creationContext"]["creator"];
  }
  if (creator == nullptr) return std::nullopt;
  bool has_user = creator->contains("userId");
  bool has_group = creator->contains("groupId");
  if (has_user == has_group) return std::nullopt;
  auto id = json_id((*creator)[has_user ? "userId" : "groupId"]);
  if (!id) return std::nullopt;
  return Owner{has_user ? Owner::Kind::user : Owner::Kind::group, *id};
}

Response create_asset(RouteContext& context) {
  const Request& request = context.request;
  const AssetsSpec& spec = context.scenario.assets;
  if (request.body.size() > k_max_request_bytes) return status_error(400, std::string(k_body_too_large));
  if (request.media_type() != "multipart/form-data") {
    return status_error(400, "Content-Type must be multipart/form-data.");
  }
  auto boundary = multipart_boundary(request.header("content-type").value_or(""));
  if (!boundary) return status_error(400, "The multipart boundary is missing from Content-Type.");
  auto parts = parse_multipart(request.body, *boundary);
  if (!parts) return status_error(400, "Failed to read the request form: " + parts.error().message() + ".");
  const MultipartPart* request_part = find_part(*parts, "request");
  if (request_part == nullptr) return status_error(400, "The 'request' form field is required.");
  Json meta = Json::parse(request_part->body, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    return status_error(400, "The 'request' form field is not a JSON object.");
  }

  std::string type = string_field(meta, "assetType");
  if (std::find(std::begin(k_asset_types), std::end(k_asset_types), type) == std::end(k_asset_types)) {
    return status_error(400, "assetType must be one of Image, Decal, Audio, Model, Animation, Video, Mesh.");
  }
  const MultipartPart* file = find_part(*parts, "fileContent");
  if (file == nullptr) return status_error(400, "The 'fileContent' form field is required.");
  if (auto problem = check_content(type, *file, spec)) return std::move(*problem);

  std::string name = string_field(meta, "displayName");
  if (name.empty()) return status_error(400, "displayName is required.");
  if (!meta.contains("description") || !meta["description"].is_string()) {
    return status_error(400, "description is required.");
  }
  std::string description = meta["description"].get<std::string>();
  if (description.size() > 1000) return status_error(400, "description must be at most 1000 characters.");
  auto creator = read_creator(meta);
  if (!creator) return status_error(400, "creationContext.creator must hold exactly one of userId and groupId.");
  if (!may_act_for(*context.key, *creator)) {
    return status_error(403, "PERMISSION_DENIED",
                        "The API key may not create assets for " + creator->key() + ".");
  }

  int price = spec.prices.count(type) != 0 ? spec.prices.at(type) : 0;
  if (price > 0) {
    const Json& creation = meta["creationContext"];
    std::int64_t expected = creation.contains("expectedPrice") && creation["expectedPrice"].is_number_integer()
                                ? creation["expectedPrice"].get<std::int64_t>()
                                : 0;
    if (expected < price) {
      return status_error(400, "The price of this upload (" + std::to_string(price) +
                                   " Robux) is higher than expectedPrice (" + std::to_string(expected) + ").");
    }
  }
  if (!moderated_word(spec.moderated_words, name).empty()) return status_error(400, "AssetName is moderated.");
  if (!moderated_word(spec.moderated_words, description).empty()) {
    return status_error(400, "AssetDescription is moderated.");
  }
  if (!spec.corrupt_marker.empty() && file->body.find(spec.corrupt_marker) != std::string::npos) {
    return status_error(400, "\"InvalidImage\"");
  }
  QuotaCounter* quota = nullptr;
  if (type == "Audio" || type == "Video") {
    quota = context.world.quota(context.scenario, context.key->user_id, type, context.now);
    if (quota != nullptr && quota->usage >= quota->capacity) {
      return status_error(spec.quota_exceeded_status,
                          "The RATE_LIMIT_UPLOAD quota for " + type + " assets is used up until it resets.");
    }
  }

  AssetRecord asset;
  asset.type = type;
  asset.display_name = name;
  asset.description = description;
  asset.creator = *creator;
  OperationRecord& operation = start_asset_operation(context, asset, *file, true);
  if (quota != nullptr && !operation.spec.error_code) ++quota->usage;
  return json_response(200, operation_started(operation));
}

Response get_asset(RouteContext& context) {
  auto found = find_asset(context);
  if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
  Json asset = asset_resource(*std::get<AssetRecord*>(found), context.scenario, context.now);
  auto mask = context.request.param("readMask");
  if (!mask) return json_response(200, asset);
  Json masked = Json::object();
  for (const auto& field : split_mask(*mask)) {
    bool known = std::find(asset_fields().begin(), asset_fields().end(), field) != asset_fields().end() ||
                 is_social_link_field(field);
    if (!known) return status_error(400, "readMask names an unknown field '" + field + "'.");
    if (asset.contains(field)) masked[field] = asset[field];
  }
  return json_response(200, masked);
}

Response set_archived(RouteContext& context, bool archived) {
  auto found = find_asset(context);
  if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
  AssetRecord& asset = *std::get<AssetRecord*>(found);
  asset.archived = archived;
  context.changed = true;
  return json_response(200, asset_resource(asset, context.scenario, context.now));
}

Response archive_asset(RouteContext& context) { return set_archived(context, true); }
Response restore_asset(RouteContext& context) { return set_archived(context, false); }

}  // namespace

void add_asset_routes(std::vector<Route>& routes) {
  const std::vector<std::string_view> read{"asset:read"};
  const std::vector<std::string_view> write{"asset:read", "asset:write"};
  routes.push_back({"assets.create", "POST", std::regex("/assets/v1/assets"), "assets", write, false, AuthMode::any,
                    true, create_asset});
  routes.push_back({"assets.get", "GET", std::regex("/assets/v1/assets/([^/:]+)"), "assets", read, false,
                    AuthMode::any, false, get_asset});
  routes.push_back({"assets.update", "PATCH", std::regex("/assets/v1/assets/([^/:]+)"), "assets", write, false,
                    AuthMode::any, true, update_asset});
  routes.push_back({"assets.archive", "POST", std::regex("/assets/v1/assets/([^/:]+):archive"), "asset_versions",
                    write, false, AuthMode::any, true, archive_asset});
  routes.push_back({"assets.restore", "POST", std::regex("/assets/v1/assets/([^/:]+):restore"), "asset_versions",
                    write, false, AuthMode::any, true, restore_asset});
}

}  // namespace rbxpipe::cloud::emulator
