#include "cloud/universes_api.h"

#include <cctype>

#include "cloud/resource_json.h"

namespace rbxpipe::cloud {
namespace {

using detail::Json;

std::vector<std::string> strings(const Json& object, const char* key) {
  std::vector<std::string> out;
  if (!object.is_object() || !object.contains(key) || !object[key].is_array()) return out;
  for (const auto& item : object[key]) out.push_back(item.is_string() ? item.get<std::string>() : item.dump());
  return out;
}

}  // namespace

base::Result<void> restart_servers(OpenCloudClient& client, std::int64_t universe_id, const RestartOptions& options) {
  Json body = Json::object();
  if (!options.place_ids.empty()) {
    body["placeIds"] = Json::array();
    for (auto id : options.place_ids) body["placeIds"].push_back(std::to_string(id));
  }
  body["closeAllVersions"] = options.close_all_versions;
  if (options.bleed_off_minutes) {
    if (*options.bleed_off_minutes < 1 || *options.bleed_off_minutes > 60)
      return base::Error{base::ErrorCode::invalid_input, "bleed-off must be 1 to 60 minutes"};
    body["bleedOffServers"] = true;
    body["bleedOffDurationMinutes"] = *options.bleed_off_minutes;
  }
  HttpRequest request;
  request.method = "POST";
  request.url = "/cloud/v2/universes/" + std::to_string(universe_id) + ":restartServers";
  request.headers.set("Content-Type", "application/json");
  request.body = body.dump();
  auto response = client.call(ApiCall{EndpointClass::restart_servers, Idempotency::repeatable, std::move(request)});
  if (!response) return std::move(response).error().with_context("restart servers of universe " + std::to_string(universe_id));
  return base::ok();
}

base::Result<std::vector<AssetQuota>> asset_quotas(OpenCloudClient& client, std::int64_t user_id,
                                                   const std::string& filter) {
  std::vector<AssetQuota> quotas;
  std::string token;
  for (int page = 0; page < 100; ++page) {
    HttpRequest request;
    request.url = "/cloud/v2/users/" + std::to_string(user_id) + "/asset-quotas?maxPageSize=100";
    if (!filter.empty()) {
      std::string encoded;
      for (unsigned char c : filter) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') encoded += static_cast<char>(c);
        else {
          static const char* hex = "0123456789ABCDEF";
          encoded += '%';
          encoded += hex[c >> 4];
          encoded += hex[c & 15];
        }
      }
      request.url += "&filter=" + encoded;
    }
    if (!token.empty()) request.url += "&pageToken=" + token;
    auto response = client.call(ApiCall{EndpointClass::asset_quotas, Idempotency::safe, std::move(request)});
    if (!response) return std::move(response).error().with_context("read asset quotas of user " + std::to_string(user_id));
    auto json = detail::parse_body(response->http.body, "read asset quotas");
    if (!json) return std::move(json).error();
    for (const auto& item : json->value("assetQuotas", Json::array())) {
      AssetQuota quota;
      quota.quota_type = detail::text(item, "quotaType");
      quota.asset_type = detail::text(item, "assetType");
      quota.usage = detail::integer_field(item, "usage").value_or(0);
      quota.capacity = detail::integer_field(item, "capacity").value_or(0);
      quota.period = detail::text(item, "period");
      quota.reset_time = detail::text(item, "usageResetTime");
      quotas.push_back(std::move(quota));
    }
    token = detail::text(*json, "nextPageToken");
    if (token.empty()) break;
  }
  return quotas;
}

base::Result<ApiKeyInfo> introspect_api_key(OpenCloudClient& client) {
  HttpRequest request;
  request.method = "POST";
  request.url = "/api-keys/v1/introspect";
  request.headers.set("Content-Type", "application/json");
  request.body = Json{{"apiKey", client.options().api_key}}.dump();
  auto response = client.call(ApiCall{EndpointClass::api_keys, Idempotency::safe, std::move(request)});
  if (!response) return std::move(response).error().with_context("introspect the API key");
  auto json = detail::parse_body(response->http.body, "introspect the API key");
  if (!json) return std::move(json).error();
  ApiKeyInfo info;
  info.name = detail::text(*json, "name");
  info.authorized_user_id = detail::integer_field(*json, "authorizedUserId").value_or(0);
  info.enabled = json->value("enabled", false);
  info.expired = json->value("expired", false);
  info.expiration_time = detail::text(*json, "expirationTimeUtc");
  for (const auto& item : json->value("scopes", Json::array())) {
    ApiKeyInfo::Scope scope;
    scope.name = detail::text(item, "name");
    scope.operations = strings(item, "operations");
    scope.universe_ids = strings(item, "universeIds");
    scope.group_ids = strings(item, "groupIds");
    scope.user_ids = strings(item, "userIds");
    info.scopes.push_back(std::move(scope));
  }
  return info;
}

std::string_view moderation_state_name(ModerationState state) {
  switch (state) {
    case ModerationState::reviewing: return "Reviewing";
    case ModerationState::approved: return "Approved";
    case ModerationState::rejected: return "Rejected";
    case ModerationState::unknown: break;
  }
  return "Unknown";
}

bool ApiKeyInfo::allows(std::string_view system, std::string_view operation) const {
  for (const auto& scope : scopes)
    if (scope.name == system || scope.name == "*")
      for (const auto& granted : scope.operations)
        if (granted == operation || granted == "*") return true;
  return false;
}

bool ApiKeyInfo::allows_universe(std::string_view system, std::int64_t universe) const {
  for (const auto& scope : scopes) {
    if (scope.name != system && scope.name != "*") continue;
    if (scope.universe_ids.empty()) return true;
    for (const auto& id : scope.universe_ids)
      if (id == "*" || id == std::to_string(universe)) return true;
  }
  return false;
}

}  // namespace rbxpipe::cloud
