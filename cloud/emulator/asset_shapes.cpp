#include "cloud/emulator/asset_shapes.h"

#include <algorithm>

#include "cloud/emulator/auth.h"
#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

std::string upper_snake(const std::string& pascal) {
  std::string out;
  for (char c : pascal) {
    if (c >= 'A' && c <= 'Z' && !out.empty()) out += '_';
    out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return out;
}

const AssetVersionRecord& latest(const AssetRecord& asset) { return asset.versions.back(); }

}  // namespace

std::string asset_type_text(const std::string& type, const Scenario& scenario) {
  return scenario.assets.enum_asset_types ? "ASSET_TYPE_" + upper_snake(type) : type;
}

std::string moderation_text(const std::string& state, const Scenario& scenario) {
  return scenario.assets.enum_moderation_states ? "MODERATION_STATE_" + upper_snake(state) : state;
}

Json creator_json(const Owner& creator) {
  return Json{{creator.kind == Owner::Kind::user ? "userId" : "groupId", id_text(creator.id)}};
}

Json asset_resource(const AssetRecord& asset, const Scenario& scenario, TimePoint now) {
  const auto& version = latest(asset);
  Json json{{"path", "assets/" + id_text(asset.id)},
            {"revisionId", std::to_string(version.number)},
            {"revisionCreateTime", format_timestamp(version.created)},
            {"assetId", id_text(asset.id)},
            {"displayName", asset.display_name},
            {"description", asset.description},
            {"assetType", asset_type_text(asset.type, scenario)},
            {"creationContext", Json{{"creator", creator_json(asset.creator)}}},
            {"moderationResult", Json{{"moderationState", moderation_text(moderation_state(version, now), scenario)}}},
            {"state", asset.archived ? "Archived" : "Active"}};
  if (!asset.icon.empty()) json["icon"] = asset.icon;
  Json previews = Json::parse(asset.previews_json, nullptr, false);
  if (previews.is_array() && !previews.empty()) json["previews"] = previews;
  for (const auto& [name, link] : asset.social_links) json[name] = Json::parse(link, nullptr, false);
  return json;
}

Json asset_version_resource(const AssetRecord& asset, const AssetVersionRecord& version, const Scenario& scenario,
                            TimePoint now) {
  std::string state = moderation_text(moderation_state(version, now), scenario);
  return Json{{"path", "assets/" + id_text(asset.id) + "/versions/" + std::to_string(version.number)},
              {"creationContext", Json{{"creator", creator_json(asset.creator)}}},
              {"moderationResult", Json{{"moderationState", state}}}};
}

bool operation_done(const OperationRecord& operation, TimePoint now) {
  return operation.polls > operation.spec.polls_before_done &&
         now >= operation.created + std::chrono::seconds(operation.spec.seconds_before_done);
}

Json operation_resource(const OperationRecord& operation, const World& world, const Scenario& scenario, TimePoint now) {
  Json json{{"path", "operations/" + operation.id}};
  if (!operation_done(operation, now)) {
    if (!operation.spec.omit_done) json["done"] = false;
    return json;
  }
  json["done"] = true;
  auto asset = world.assets.find(operation.asset_id);
  if (operation.spec.error_code || asset == world.assets.end()) {
    json["error"] = Json{{"code", operation.spec.error_code.value_or(13)},
                         {"message", operation.spec.error_code ? operation.spec.error_message : "Internal error"},
                         {"details", Json::array()}};
    return json;
  }
  Json response{{"@type", "type.googleapis.com/roblox.open_cloud.assets.v1.Asset"}};
  Json resource = asset_resource(asset->second, scenario, now);
  for (auto& [key, value] : resource.items()) response[key] = value;
  // The operation reports the revision it produced, even when later versions exist.
  for (const auto& version : asset->second.versions) {
    if (version.number != operation.revision) continue;
    response["revisionId"] = std::to_string(version.number);
    response["revisionCreateTime"] = format_timestamp(version.created);
    response["moderationResult"] = Json{{"moderationState", moderation_text(moderation_state(version, now), scenario)}};
  }
  json["response"] = response;
  return json;
}

Json operation_started(const OperationRecord& operation) {
  Json json{{"path", "operations/" + operation.id}, {"operationId", operation.id}};
  if (!operation.spec.omit_done) json["done"] = false;
  return json;
}

const std::vector<std::string_view>& asset_fields() {
  static const std::vector<std::string_view> k_fields = {
      "assetType", "assetId",         "creationContext", "description", "displayName", "path",
      "revisionId", "revisionCreateTime", "moderationResult", "state",  "icon",        "previews"};
  return k_fields;
}

bool is_social_link_field(std::string_view field) {
  static constexpr std::string_view k_networks[] = {"facebook", "twitter", "youtube", "twitch", "discord",
                                                    "github",   "roblox",  "guilded", "devForum"};
  if (!field.ends_with("SocialLink")) return false;
  std::string_view network = field.substr(0, field.size() - std::string_view("SocialLink").size());
  return std::find(std::begin(k_networks), std::end(k_networks), network) != std::end(k_networks);
}

std::variant<AssetRecord*, Response> find_asset(RouteContext& context) {
  const std::string& text = context.request.captures.at(0);
  auto id = parse_id(text);
  if (!id) return validation_problem("assetId", text, context.sequence);
  auto found = context.world.assets.find(*id);
  if (found == context.world.assets.end()) return status_error(404, "NOT_FOUND", "Asset not found.");
  if (context.key != nullptr && !may_act_for(*context.key, found->second.creator)) {
    return status_error(403, "PERMISSION_DENIED", "The API key may not access asset " + text + ".");
  }
  return &found->second;
}

std::vector<std::string> split_mask(std::string_view mask) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start <= mask.size()) {
    std::size_t end = mask.find(',', start);
    std::string_view field = mask.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    if (!field.empty()) fields.emplace_back(field);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return fields;
}

std::optional<std::int64_t> json_id(const Json& value) {
  if (value.is_number_integer() && value.get<std::int64_t>() > 0) return value.get<std::int64_t>();
  if (value.is_string()) return parse_id(value.get<std::string>());
  return std::nullopt;
}

std::string moderated_word(const std::vector<std::string>& words, std::string_view text) {
  std::string lowered = to_lower(text);
  for (const auto& word : words) {
    if (!word.empty() && lowered.find(to_lower(word)) != std::string::npos) return word;
  }
  return "";
}

}  // namespace rbxpipe::cloud::emulator
