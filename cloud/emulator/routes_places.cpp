// Place publishing (open-cloud.md §2.1, §8.3) and universe restartServers (§2.2).
#include "cloud/emulator/auth.h"
#include "cloud/emulator/routes.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr std::string_view k_binary_magic = "<roblox!";
constexpr std::string_view k_xml_magic = "<roblox";

Response publish_place(RouteContext& context) {
  const Request& request = context.request;
  auto universe_id = parse_id(request.captures.at(0));
  if (!universe_id) return validation_problem("universeId", request.captures.at(0), context.sequence);
  auto place_id = parse_id(request.captures.at(1));
  if (!place_id) return validation_problem("placeId", request.captures.at(1), context.sequence);

  auto version_type = request.param("versionType");
  if (!version_type || (*version_type != "Saved" && *version_type != "Published")) {
    return status_error(400, "versionType must be Saved or Published.");
  }
  if (context.world.universes.count(*universe_id) == 0) {
    return status_error(404, "NOT_FOUND", "The universe does not exist.");
  }
  if (!may_use_universe(*context.key, *universe_id)) return universe_denied(*universe_id);
  auto place = context.world.places.find(*place_id);
  if (place == context.world.places.end()) return status_error(404, "NOT_FOUND", "The place does not exist.");
  if (place->second.universe_id != *universe_id) {
    return status_error(409, "ABORTED", "The place is not part of the universe.");
  }

  std::string media = request.media_type();
  const std::string& body = request.body;
  if (media != "application/octet-stream" && media != "application/xml") {
    return status_error(400, "Content-Type must be application/octet-stream (.rbxl) or application/xml (.rbxlx).");
  }
  if (body.size() > context.scenario.places.max_bytes) {
    if (context.scenario.places.oversize_status == 413) {
      return status_error(413, "INVALID_ARGUMENT", "The place file exceeds the size limit.");
    }
    return problem_500(context.sequence);
  }
  bool binary = body.compare(0, k_binary_magic.size(), k_binary_magic) == 0;
  bool xml = !binary && body.compare(0, k_xml_magic.size(), k_xml_magic) == 0;
  if (body.empty() || (media == "application/octet-stream" && !binary) || (media == "application/xml" && !xml)) {
    return status_error(400, "Invalid file content.");
  }
  if (place->second.team_create_locked) {
    return status_error(409, "ABORTED", "The place is locked by an active Team Create session.");
  }

  PlaceRecord& record = place->second;
  PlaceVersionRecord version;
  version.number = record.latest() + 1;
  version.published = *version_type == "Published";
  version.sha256 = context.world.store_blob(body);
  version.size = body.size();
  version.created = context.now;
  record.versions.push_back(version);
  if (version.published) record.live_version = version.number;
  context.changed = true;

  Response response;
  response.content_type = "text/plain";
  response.body = "{\"versionNumber\":" + std::to_string(version.number) + "}";
  return response;
}

std::optional<std::vector<std::int64_t>> read_place_ids(const Json& body) {
  std::vector<std::int64_t> ids;
  if (!body.contains("placeIds")) return ids;
  if (!body["placeIds"].is_array()) return std::nullopt;
  for (const auto& item : body["placeIds"]) {
    std::optional<std::int64_t> id;
    if (item.is_number_integer() && item.get<std::int64_t>() > 0) id = item.get<std::int64_t>();
    if (item.is_string()) id = parse_id(item.get<std::string>());
    if (!id) return std::nullopt;
    ids.push_back(*id);
  }
  return ids;
}

Response restart_servers(RouteContext& context) {
  const std::string& text = context.request.captures.at(0);
  auto universe_id = parse_id(text);
  if (!universe_id) return validation_problem("universeId", text, context.sequence);
  if (context.world.universes.count(*universe_id) == 0) {
    return status_error(404, "NOT_FOUND", "The universe does not exist.");
  }
  if (!may_use_universe(*context.key, *universe_id)) return universe_denied(*universe_id);
  Json body = context.request.body.empty() ? Json::object() : Json::parse(context.request.body, nullptr, false);
  if (!body.is_object()) return status_error(400, "The body must be a JSON object.");
  auto place_ids = read_place_ids(body);
  if (!place_ids) return status_error(400, "placeIds must be an array of place ids.");
  for (auto place_id : *place_ids) {
    auto place = context.world.places.find(place_id);
    if (place == context.world.places.end() || place->second.universe_id != *universe_id) {
      return status_error(400, "Place " + std::to_string(place_id) + " is not part of the universe.");
    }
  }
  RestartCall call;
  call.universe_id = *universe_id;
  call.place_ids = *place_ids;
  call.close_all_versions = body.value("closeAllVersions", false);
  call.bleed_off_servers = body.value("bleedOffServers", false);
  if (body.contains("bleedOffDurationMinutes")) {
    const Json& minutes = body["bleedOffDurationMinutes"];
    if (!minutes.is_number_integer() || minutes.get<std::int64_t>() < 1 || minutes.get<std::int64_t>() > 60) {
      return status_error(400, "bleedOffDurationMinutes must be between 1 and 60.");
    }
    call.bleed_off_minutes = minutes.get<int>();
  }
  call.time = context.now;
  context.world.restarts.push_back(std::move(call));
  context.changed = true;
  return json_response(200, Json::object());
}

}  // namespace

void add_place_routes(std::vector<Route>& routes) {
  routes.push_back({"places.publish", "POST", std::regex("/universes/v1/([^/]+)/places/([^/]+)/versions"),
                    "place_publishing", {"universe-places:write"}, false, AuthMode::api_key_only, true,
                    publish_place});
  routes.push_back({"universes.restart_servers", "POST", std::regex("/cloud/v2/universes/([^/:]+):restartServers"),
                    "restart_servers", {"universe:write"}, false, AuthMode::any, true, restart_servers});
}

}  // namespace rbxpipe::cloud::emulator
