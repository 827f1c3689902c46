#include "cloud/emulator/scenario_read.h"

#include <algorithm>
#include <limits>

#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

using Json = nlohmann::json;

// Integers the schema bounds below but not above are clamped, so a huge number cannot overflow an int.
int as_int(const Json& value) {
  auto wide = value.get<std::int64_t>();
  return static_cast<int>(std::clamp<std::int64_t>(wide, std::numeric_limits<int>::min(),
                                                   std::numeric_limits<int>::max()));
}

template <typename T, typename Read>
void read_if(const Json& object, const char* key, T& out, Read read) {
  auto found = object.find(key);
  if (found != object.end() && !found->is_null()) out = read(*found);
}

void read_int(const Json& object, const char* key, int& out) {
  read_if(object, key, out, [](const Json& v) { return as_int(v); });
}

void read_bool(const Json& object, const char* key, bool& out) {
  read_if(object, key, out, [](const Json& v) { return v.get<bool>(); });
}

void read_string(const Json& object, const char* key, std::string& out) {
  read_if(object, key, out, [](const Json& v) { return v.get<std::string>(); });
}

KeyStatus key_status(const std::string& name) {
  if (name == "disabled") return KeyStatus::disabled;
  if (name == "expired") return KeyStatus::expired;
  if (name == "auto_expired") return KeyStatus::auto_expired;
  if (name == "revoked") return KeyStatus::revoked;
  return KeyStatus::active;
}

ApiKeySpec read_key(const Json& value) {
  ApiKeySpec key;
  key.secret = value.at("key").get<std::string>();
  read_string(value, "name", key.name);
  key.oauth = value.value("kind", std::string("api_key")) == "oauth";
  key.owner = read_owner(value.at("owner"));
  key.user_id = key.owner.kind == Owner::Kind::user ? key.owner.id : 1;
  read_if(value, "user_id", key.user_id, [](const Json& v) { return v.get<std::int64_t>(); });
  if (auto found = value.find("creators"); found != value.end()) {
    for (const auto& creator : *found) key.creators.push_back(read_owner(creator));
  }
  read_if(value, "scopes", key.scopes, [](const Json& v) { return v.get<std::vector<std::string>>(); });
  read_if(value, "universes", key.universes, [](const Json& v) { return v.get<std::vector<std::int64_t>>(); });
  read_if(value, "allowed_cidrs", key.allowed_cidrs, [](const Json& v) { return v.get<std::vector<std::string>>(); });
  if (auto found = value.find("status"); found != value.end()) key.status = key_status(found->get<std::string>());
  if (auto found = value.find("expires_at"); found != value.end()) {
    key.expires_at = parse_rfc3339(found->get<std::string>());
  }
  read_bool(value, "account_moderated", key.account_moderated);
  return key;
}

UniverseSpec read_universe(const Json& value) {
  UniverseSpec universe;
  universe.id = value.at("id").get<std::int64_t>();
  if (auto found = value.find("places"); found != value.end()) {
    for (const auto& item : *found) {
      PlaceSpec place;
      place.id = item.at("id").get<std::int64_t>();
      read_int(item, "versions", place.versions);
      read_bool(item, "team_create_locked", place.team_create_locked);
      universe.places.push_back(place);
    }
  }
  return universe;
}

void read_rate_limits(const Json& value, RateLimitSpec& limits) {
  if (auto found = value.find("per_minute"); found != value.end()) {
    for (const auto& [name, limit] : found->items()) limits.per_minute[name] = as_int(limit);
  }
  read_int(value, "window_seconds", limits.window_seconds);
  read_bool(value, "headers", limits.headers);
  if (auto found = value.find("retry_after"); found != value.end()) {
    auto mode = found->get<std::string>();
    limits.retry_after = mode == "none" ? RetryAfterMode::none
                         : mode == "http_date" ? RetryAfterMode::http_date
                                               : RetryAfterMode::seconds;
  }
  read_int(value, "spurious_429_every", limits.spurious_429_every);
}

OperationSpec read_operation(const Json& value, OperationSpec operation) {
  read_int(value, "polls_before_done", operation.polls_before_done);
  read_int(value, "seconds_before_done", operation.seconds_before_done);
  read_bool(value, "omit_done", operation.omit_done);
  if (auto found = value.find("error"); found != value.end()) {
    operation.error_code = as_int(found->at("code"));
    operation.error_message = found->at("message").get<std::string>();
  }
  return operation;
}

ModerationSpec read_moderation(const Json& value, ModerationSpec moderation) {
  read_string(value, "state", moderation.state);
  read_int(value, "seconds", moderation.seconds);
  return moderation;
}

QuotaSpec read_quota(const Json& value) {
  QuotaSpec quota;
  read_if(value, "user_id", quota.user_id, [](const Json& v) { return std::optional(v.get<std::int64_t>()); });
  read_string(value, "asset_type", quota.asset_type);
  read_string(value, "period", quota.period);
  read_int(value, "capacity", quota.capacity);
  read_int(value, "usage", quota.usage);
  return quota;
}

void read_assets(const Json& value, AssetsSpec& assets) {
  read_if(value, "first_id", assets.first_id, [](const Json& v) { return v.get<std::int64_t>(); });
  read_if(value, "max_upload_bytes", assets.max_upload_bytes, [](const Json& v) { return v.get<std::size_t>(); });
  read_if(value, "moderated_words", assets.moderated_words,
          [](const Json& v) { return v.get<std::vector<std::string>>(); });
  read_string(value, "corrupt_marker", assets.corrupt_marker);
  if (auto found = value.find("prices"); found != value.end()) {
    for (const auto& [type, price] : found->items()) assets.prices[type] = as_int(price);
  }
  if (auto found = value.find("asset_type_style"); found != value.end()) {
    assets.enum_asset_types = found->get<std::string>() == "enum";
  }
  if (auto found = value.find("moderation_state_style"); found != value.end()) {
    assets.enum_moderation_states = found->get<std::string>() == "enum";
  }
  if (auto found = value.find("operation"); found != value.end()) {
    assets.operation = read_operation(*found, assets.operation);
  }
  if (auto found = value.find("moderation"); found != value.end()) {
    assets.moderation = read_moderation(*found, assets.moderation);
  }
  if (auto found = value.find("rules"); found != value.end()) {
    assets.rules.clear();
    for (const auto& item : *found) {
      AssetRule rule;
      rule.name_contains = item.at("name_contains").get<std::string>();
      // A rule's partial operation or moderation fills its gaps from the scenario-wide default.
      if (auto op = item.find("operation"); op != item.end()) rule.operation = read_operation(*op, assets.operation);
      if (auto mod = item.find("moderation"); mod != item.end()) {
        rule.moderation = read_moderation(*mod, assets.moderation);
      }
      assets.rules.push_back(std::move(rule));
    }
  }
  if (auto found = value.find("quotas"); found != value.end()) {
    assets.quotas.clear();
    for (const auto& item : *found) assets.quotas.push_back(read_quota(item));
  }
  read_int(value, "quota_exceeded_status", assets.quota_exceeded_status);
}

LuauOutcomeSpec read_outcome(const Json& value, LuauOutcomeSpec outcome) {
  read_string(value, "marker", outcome.marker);
  read_string(value, "state", outcome.state);
  if (auto found = value.find("error"); found != value.end()) {
    outcome.error_code = found->at("code").get<std::string>();
    outcome.error_message = found->value("message", std::string());
  }
  if (auto found = value.find("results"); found != value.end()) {
    outcome.results.clear();
    for (const auto& result : *found) outcome.results.push_back(result.dump());
  }
  if (auto found = value.find("logs"); found != value.end()) {
    outcome.logs.clear();
    for (const auto& log : *found) {
      outcome.logs.push_back({log.at("message").get<std::string>(), log.value("type", std::string("OUTPUT"))});
    }
  }
  read_int(value, "queued_polls", outcome.queued_polls);
  read_int(value, "processing_polls", outcome.processing_polls);
  read_int(value, "seconds", outcome.seconds);
  return outcome;
}

void read_luau(const Json& value, LuauSpec& luau) {
  read_int(value, "max_incomplete_per_place", luau.max_incomplete_per_place);
  if (auto found = value.find("default"); found != value.end()) {
    luau.default_outcome = read_outcome(*found, luau.default_outcome);
  }
  if (auto found = value.find("outcomes"); found != value.end()) {
    luau.outcomes.clear();
    // Marker outcomes start from the default outcome's timing, so a file need only say what differs.
    LuauOutcomeSpec base = luau.default_outcome;
    base.results.clear();
    base.logs.clear();
    for (const auto& item : *found) luau.outcomes.push_back(read_outcome(item, base));
  }
}

FaultKind fault_kind(const std::string& name) {
  static const std::pair<const char*, FaultKind> k_kinds[] = {
      {"status_500", FaultKind::status_500}, {"status_502", FaultKind::status_502},
      {"status_503", FaultKind::status_503}, {"status_499", FaultKind::status_499},
      {"status_429", FaultKind::status_429}, {"reset", FaultKind::reset},
      {"delay", FaultKind::delay},           {"malformed_json", FaultKind::malformed_json}};
  for (const auto& [text, kind] : k_kinds) {
    if (name == text) return kind;
  }
  return FaultKind::status_500;
}

}  // namespace

Owner read_owner(const Json& value) {
  if (auto found = value.find("user"); found != value.end()) {
    return {Owner::Kind::user, found->get<std::int64_t>()};
  }
  return {Owner::Kind::group, value.at("group").get<std::int64_t>()};
}

FaultSpec read_fault(const Json& value) {
  FaultSpec fault;
  read_string(value, "route", fault.route);
  fault.kind = fault_kind(value.at("kind").get<std::string>());
  read_int(value, "times", fault.times);
  read_bool(value, "always", fault.always);
  read_int(value, "skip", fault.skip);
  read_int(value, "delay_ms", fault.delay_ms);
  read_if(value, "after_commit", fault.after_commit, [](const Json& v) { return std::optional(v.get<bool>()); });
  return fault;
}

void read_scenario_sections(const Json& document, Scenario& scenario) {
  if (auto found = document.find("seed"); found != document.end()) scenario.seed = found->get<std::uint64_t>();
  if (auto found = document.find("clock"); found != document.end()) {
    if (auto mode = found->find("mode"); mode != found->end()) {
      scenario.clock = mode->get<std::string>() == "manual" ? ClockMode::manual : ClockMode::system;
    }
    if (auto start = found->find("start"); start != found->end()) {
      if (auto time = parse_rfc3339(start->get<std::string>())) scenario.clock_start = *time;
    }
  }
  if (auto found = document.find("keys"); found != document.end()) {
    scenario.keys.clear();
    for (const auto& item : *found) scenario.keys.push_back(read_key(item));
  }
  if (auto found = document.find("universes"); found != document.end()) {
    scenario.universes.clear();
    for (const auto& item : *found) scenario.universes.push_back(read_universe(item));
  }
  if (auto found = document.find("rate_limits"); found != document.end()) {
    read_rate_limits(*found, scenario.rate_limits);
  }
  if (auto found = document.find("assets"); found != document.end()) read_assets(*found, scenario.assets);
  if (auto found = document.find("places"); found != document.end()) {
    read_if(*found, "max_bytes", scenario.places.max_bytes, [](const Json& v) { return v.get<std::size_t>(); });
    read_int(*found, "oversize_status", scenario.places.oversize_status);
  }
  if (auto found = document.find("luau"); found != document.end()) read_luau(*found, scenario.luau);
  if (auto found = document.find("faults"); found != document.end()) {
    scenario.faults.clear();
    for (const auto& item : *found) scenario.faults.push_back(read_fault(item));
  }
}

}  // namespace rbxpipe::cloud::emulator
