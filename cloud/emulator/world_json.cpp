#include "cloud/emulator/world_json.h"

#include "base/file_io.h"
#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr int k_format = 1;

std::int64_t to_ms(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

TimePoint from_ms(const Json& value) {
  return TimePoint(std::chrono::milliseconds(value.is_number_integer() ? value.get<std::int64_t>() : 0));
}

Json owner_json(const Owner& owner) {
  return Json{{owner.kind == Owner::Kind::user ? "user" : "group", owner.id}};
}

Owner owner_from(const Json& value) {
  if (value.contains("user")) return {Owner::Kind::user, value["user"].get<std::int64_t>()};
  return {Owner::Kind::group, value.value("group", std::int64_t{0})};
}

Json operation_spec_json(const OperationSpec& spec) {
  Json json{{"polls_before_done", spec.polls_before_done},
            {"seconds_before_done", spec.seconds_before_done},
            {"omit_done", spec.omit_done}};
  if (spec.error_code) json["error"] = Json{{"code", *spec.error_code}, {"message", spec.error_message}};
  return json;
}

OperationSpec operation_spec_from(const Json& json) {
  OperationSpec spec;
  spec.polls_before_done = json.value("polls_before_done", 0);
  spec.seconds_before_done = json.value("seconds_before_done", 0);
  spec.omit_done = json.value("omit_done", false);
  if (json.contains("error")) {
    spec.error_code = json["error"].value("code", 13);
    spec.error_message = json["error"].value("message", std::string());
  }
  return spec;
}

Json outcome_json(const LuauOutcomeSpec& outcome) {
  Json results = Json::array();
  for (const auto& result : outcome.results) results.push_back(Json::parse(result, nullptr, false));
  Json logs = Json::array();
  for (const auto& log : outcome.logs) logs.push_back(Json{{"message", log.message}, {"type", log.type}});
  return Json{{"marker", outcome.marker},           {"state", outcome.state},
              {"error_code", outcome.error_code},   {"error_message", outcome.error_message},
              {"results", results},                 {"logs", logs},
              {"queued_polls", outcome.queued_polls}, {"processing_polls", outcome.processing_polls},
              {"seconds", outcome.seconds}};
}

LuauOutcomeSpec outcome_from(const Json& json) {
  LuauOutcomeSpec outcome;
  outcome.marker = json.value("marker", std::string());
  outcome.state = json.value("state", std::string("COMPLETE"));
  outcome.error_code = json.value("error_code", std::string());
  outcome.error_message = json.value("error_message", std::string());
  for (const auto& result : json.value("results", Json::array())) outcome.results.push_back(result.dump());
  for (const auto& log : json.value("logs", Json::array())) {
    outcome.logs.push_back({log.value("message", std::string()), log.value("type", std::string("OUTPUT"))});
  }
  outcome.queued_polls = json.value("queued_polls", 0);
  outcome.processing_polls = json.value("processing_polls", 0);
  outcome.seconds = json.value("seconds", 0);
  return outcome;
}

Json asset_json(const AssetRecord& asset, const TimePoint* now) {
  Json versions = Json::array();
  for (const auto& version : asset.versions) {
    Json item{{"number", version.number},       {"sha256", version.sha256},
              {"size", version.size},           {"content_type", version.content_type},
              {"created_ms", to_ms(version.created)}, {"moderation", version.moderation},
              {"moderation_at_ms", to_ms(version.moderation_at)}};
    if (now != nullptr) item["moderation_state"] = moderation_state(version, *now);
    versions.push_back(std::move(item));
  }
  Json links = Json::object();
  for (const auto& [name, link] : asset.social_links) links[name] = Json::parse(link, nullptr, false);
  return Json{{"id", asset.id},
              {"type", asset.type},
              {"display_name", asset.display_name},
              {"description", asset.description},
              {"creator", owner_json(asset.creator)},
              {"archived", asset.archived},
              {"icon", asset.icon},
              {"previews", Json::parse(asset.previews_json, nullptr, false)},
              {"social_links", links},
              {"versions", versions}};
}

AssetRecord asset_from(const Json& json) {
  AssetRecord asset;
  asset.id = json.value("id", std::int64_t{0});
  asset.type = json.value("type", std::string());
  asset.display_name = json.value("display_name", std::string());
  asset.description = json.value("description", std::string());
  asset.creator = owner_from(json.value("creator", Json::object()));
  asset.archived = json.value("archived", false);
  asset.icon = json.value("icon", std::string());
  asset.previews_json = json.value("previews", Json::array()).dump();
  const Json links = json.value("social_links", Json::object());
  for (const auto& [name, link] : links.items()) {
    asset.social_links[name] = link.dump();
  }
  for (const auto& item : json.value("versions", Json::array())) {
    AssetVersionRecord version;
    version.number = item.value("number", 1);
    version.sha256 = item.value("sha256", std::string());
    version.size = item.value("size", std::size_t{0});
    version.content_type = item.value("content_type", std::string());
    version.created = from_ms(item.value("created_ms", Json()));
    version.moderation = item.value("moderation", std::string("Approved"));
    version.moderation_at = from_ms(item.value("moderation_at_ms", Json()));
    asset.versions.push_back(std::move(version));
  }
  return asset;
}

Json world_json(const World& world, const TimePoint* now) {
  Json assets = Json::array();
  for (const auto& [id, asset] : world.assets) assets.push_back(asset_json(asset, now));
  Json operations = Json::array();
  for (const auto& [id, operation] : world.operations) {
    operations.push_back(Json{{"id", operation.id},           {"asset_id", operation.asset_id},
                              {"revision", operation.revision}, {"created_ms", to_ms(operation.created)},
                              {"polls", operation.polls},     {"spec", operation_spec_json(operation.spec)}});
  }
  Json places = Json::array();
  for (const auto& [id, place] : world.places) {
    Json versions = Json::array();
    for (const auto& version : place.versions) {
      versions.push_back(Json{{"number", version.number}, {"published", version.published},
                              {"sha256", version.sha256}, {"size", version.size},
                              {"created_ms", to_ms(version.created)}});
    }
    Json item{{"id", place.id}, {"universe_id", place.universe_id}, {"team_create_locked", place.team_create_locked},
              {"live_version", place.live_version ? Json(*place.live_version) : Json()}, {"versions", versions}};
    if (now != nullptr && place.live_version) {
      for (const auto& version : place.versions) {
        if (version.number == *place.live_version) item["live_sha256"] = version.sha256;
      }
    }
    places.push_back(std::move(item));
  }
  Json tasks = Json::array();
  for (const auto& [path, task] : world.tasks) {
    tasks.push_back(Json{{"path", task.path},           {"universe_id", task.universe_id},
                         {"place_id", task.place_id},   {"version", task.version},
                         {"script", task.script},       {"timeout", task.timeout},
                         {"user_id", task.user_id},     {"created_ms", to_ms(task.created)},
                         {"updated_ms", to_ms(task.updated)}, {"polls", task.polls},
                         {"state", task.state},
                         {"finished_ms", task.finished ? Json(to_ms(*task.finished)) : Json()},
                         {"outcome", outcome_json(task.outcome)}});
  }
  Json restarts = Json::array();
  for (const auto& call : world.restarts) {
    restarts.push_back(Json{{"universe_id", call.universe_id},
                            {"place_ids", call.place_ids},
                            {"close_all_versions", call.close_all_versions},
                            {"bleed_off_servers", call.bleed_off_servers},
                            {"bleed_off_minutes", call.bleed_off_minutes ? Json(*call.bleed_off_minutes) : Json()},
                            {"time_ms", to_ms(call.time)}});
  }
  Json quotas = Json::array();
  for (const auto& [key, quota] : world.quotas) {
    quotas.push_back(Json{{"user_id", quota.user_id},   {"asset_type", quota.asset_type},
                          {"period", quota.period},     {"capacity", quota.capacity},
                          {"usage", quota.usage},       {"reset_at_ms", to_ms(quota.reset_at)}});
  }
  return Json{{"format", k_format},          {"next_asset_id", world.next_asset_id},
              {"uuid_count", world.uuid_count}, {"assets", assets},
              {"operations", operations},    {"places", places},
              {"tasks", tasks},              {"restarts", restarts},
              {"quotas", quotas}};
}

}  // namespace

std::filesystem::path blob_folder(const std::filesystem::path& state_file) {
  return std::filesystem::path(state_file.string() + ".blobs");
}

base::Result<void> save_world(const World& world, const std::filesystem::path& state_file) {
  const auto folder = blob_folder(state_file);
  for (const auto& [hash, bytes] : world.blobs) {
    std::error_code error;
    if (std::filesystem::exists(folder / hash, error)) continue;
    RBXPIPE_TRY(base::write_file_atomic(folder / hash, bytes, base::Durability::replaceable));
  }
  return base::write_file_atomic(state_file, world_json(world, nullptr).dump(1), base::Durability::replaceable);
}

base::Result<World> load_world(std::string_view text, const std::filesystem::path& blobs, const Scenario& scenario) {
  Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || json.value("format", 0) != k_format) {
    return base::Error(base::ErrorCode::invalid_input, "not an emulator state file (format 1)");
  }
  World world = make_world(scenario);
  world.next_asset_id = json.value("next_asset_id", world.next_asset_id);
  world.uuid_count = json.value("uuid_count", std::uint64_t{0});
  auto load_blob = [&](const std::string& hash) -> base::Result<void> {
    if (hash.empty() || world.blobs.count(hash) != 0) return base::ok();
    auto bytes = base::read_file(blobs / hash);
    if (!bytes) return std::move(bytes).error();
    world.blobs.emplace(hash, std::move(bytes).value());
    return base::ok();
  };
  for (const auto& item : json.value("assets", Json::array())) {
    AssetRecord asset = asset_from(item);
    for (const auto& version : asset.versions) RBXPIPE_TRY(load_blob(version.sha256));
    world.assets[asset.id] = std::move(asset);
  }
  for (const auto& item : json.value("operations", Json::array())) {
    OperationRecord operation{item.value("id", std::string()), item.value("asset_id", std::int64_t{0}),
                              item.value("revision", 0), from_ms(item.value("created_ms", Json())),
                              item.value("polls", 0), operation_spec_from(item.value("spec", Json::object()))};
    world.operations[operation.id] = std::move(operation);
  }
  for (const auto& item : json.value("places", Json::array())) {
    PlaceRecord place;
    place.id = item.value("id", std::int64_t{0});
    place.universe_id = item.value("universe_id", std::int64_t{0});
    place.team_create_locked = item.value("team_create_locked", false);
    if (item.contains("live_version") && item["live_version"].is_number_integer()) {
      place.live_version = item["live_version"].get<int>();
    }
    for (const auto& version : item.value("versions", Json::array())) {
      PlaceVersionRecord record{version.value("number", 0), version.value("published", false),
                                version.value("sha256", std::string()), version.value("size", std::size_t{0}),
                                from_ms(version.value("created_ms", Json()))};
      RBXPIPE_TRY(load_blob(record.sha256));
      place.versions.push_back(std::move(record));
    }
    world.universes.insert(place.universe_id);
    world.places[place.id] = std::move(place);
  }
  for (const auto& item : json.value("tasks", Json::array())) {
    TaskRecord task;
    task.path = item.value("path", std::string());
    task.universe_id = item.value("universe_id", std::int64_t{0});
    task.place_id = item.value("place_id", std::int64_t{0});
    task.version = item.value("version", 0);
    task.script = item.value("script", std::string());
    task.timeout = item.value("timeout", std::string());
    task.user_id = item.value("user_id", std::int64_t{0});
    task.created = from_ms(item.value("created_ms", Json()));
    task.updated = from_ms(item.value("updated_ms", Json()));
    task.polls = item.value("polls", 0);
    task.state = item.value("state", std::string("QUEUED"));
    if (item.contains("finished_ms") && item["finished_ms"].is_number_integer()) {
      task.finished = from_ms(item["finished_ms"]);
    }
    task.outcome = outcome_from(item.value("outcome", Json::object()));
    world.tasks[task.path] = std::move(task);
  }
  for (const auto& item : json.value("restarts", Json::array())) {
    RestartCall call;
    call.universe_id = item.value("universe_id", std::int64_t{0});
    call.place_ids = item.value("place_ids", std::vector<std::int64_t>{});
    call.close_all_versions = item.value("close_all_versions", false);
    call.bleed_off_servers = item.value("bleed_off_servers", false);
    if (item.contains("bleed_off_minutes") && item["bleed_off_minutes"].is_number_integer()) {
      call.bleed_off_minutes = item["bleed_off_minutes"].get<int>();
    }
    call.time = from_ms(item.value("time_ms", Json()));
    world.restarts.push_back(std::move(call));
  }
  for (const auto& item : json.value("quotas", Json::array())) {
    QuotaCounter quota{item.value("user_id", std::int64_t{0}), item.value("asset_type", std::string()),
                       item.value("period", std::string("MONTH")), item.value("capacity", 0),
                       item.value("usage", 0), from_ms(item.value("reset_at_ms", Json()))};
    world.quotas[{quota.user_id, quota.asset_type}] = quota;
  }
  return world;
}

Json fault_json(const FaultSpec& fault) {
  Json json{{"route", fault.route}, {"kind", fault_kind_name(fault.kind)}, {"times", fault.times},
            {"always", fault.always}, {"skip", fault.skip}, {"delay_ms", fault.delay_ms},
            {"after_commit", fault.commits_first()}};
  return json;
}

Json request_json(const RequestRecord& record) {
  return Json{{"sequence", record.sequence}, {"method", record.method}, {"path", record.path},
              {"route", record.route},       {"status", record.status}, {"fault", record.fault},
              {"owner", record.owner},       {"time", format_timestamp(record.time)}};
}

std::string inspection_json(const World& world, const Scenario& scenario, TimePoint now,
                            const std::vector<RequestRecord>& log, const std::vector<FaultSpec>& faults) {
  (void)scenario;
  Json json = world_json(world, &now);
  json["now"] = format_timestamp(now);
  Json requests = Json::array();
  for (const auto& record : log) requests.push_back(request_json(record));
  json["requests"] = requests;
  Json pending = Json::array();
  for (const auto& fault : faults) pending.push_back(fault_json(fault));
  json["faults"] = pending;
  return json.dump(2);
}

}  // namespace rbxpipe::cloud::emulator
