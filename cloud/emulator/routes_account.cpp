// Asset quotas (filter grammar `quotaType == X && assetType == Y`) and API key introspection; plus the id helpers
// every route uses.
#include <algorithm>
#include <regex>

#include "cloud/emulator/auth.h"
#include "cloud/emulator/routes.h"
#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr int k_default_quota_page = 10;
constexpr int k_max_quota_page = 100;

// Filter values come as RATE_LIMIT_UPLOAD or RateLimitUpload, AUDIO or Audio: compare them without '_' and case.
std::string normalize(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c != '_' && c != '"') out += c;
  }
  return to_lower(out);
}

struct QuotaFilter {
  std::optional<std::string> quota_type;
  std::optional<std::string> asset_type;
};

std::optional<QuotaFilter> parse_filter(const std::string& text) {
  QuotaFilter filter;
  if (text.empty()) return filter;
  static const std::regex k_clause("\\s*(quotaType|assetType)\\s*==\\s*\"?([A-Za-z_]+)\"?\\s*");
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("&&", start);
    std::string clause = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::smatch match;
    if (!std::regex_match(clause, match, k_clause)) return std::nullopt;
    (match[1].str() == "quotaType" ? filter.quota_type : filter.asset_type) = normalize(match[2].str());
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return filter;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

Response list_quotas(RouteContext& context) {
  const std::string& text = context.request.captures.at(0);
  auto user_id = parse_id(text);
  if (!user_id) return validation_problem("userId", text, context.sequence);
  if (*user_id != context.key->user_id) {
    return status_error(403, "PERMISSION_DENIED", "The API key may not read the quotas of user " + text + ".");
  }
  auto filter = parse_filter(context.request.param("filter").value_or(""));
  if (!filter) return status_error(400, "filter only supports `quotaType == X && assetType == Y`.");
  int page_size = k_default_quota_page;
  if (auto size = context.request.param("maxPageSize")) {
    auto parsed = parse_id(*size);
    if (!parsed || *parsed > k_max_quota_page) return status_error(400, "maxPageSize must be between 1 and 100.");
    page_size = static_cast<int>(*parsed);
  }
  std::size_t offset = 0;
  if (auto token = context.request.param("pageToken"); token && !token->empty()) {
    auto decoded = decode_page_token(*token);
    if (!decoded || !decoded->starts_with("quotas:") || !parse_id(decoded->substr(7))) {
      return status_error(400, "pageToken is not valid.");
    }
    offset = std::stoul(decoded->substr(7));
  }

  Json items = Json::array();
  std::size_t matched = 0;
  for (std::string type : {"Audio", "Video"}) {
    QuotaCounter* quota = context.world.quota(context.scenario, *user_id, type, context.now);
    if (quota == nullptr) continue;
    context.changed = true;
    if (filter->quota_type && *filter->quota_type != "ratelimitupload") continue;
    if (filter->asset_type && *filter->asset_type != normalize(type)) continue;
    if (matched++ < offset || items.size() >= static_cast<std::size_t>(page_size)) continue;
    items.push_back(Json{{"path", "users/" + text + "/asset-quotas/" + to_lower(type)},
                         {"quotaType", "RATE_LIMIT_UPLOAD"},
                         {"assetType", upper(type)},
                         {"usage", quota->usage},
                         {"capacity", quota->capacity},
                         {"period", quota->period},
                         {"usageResetTime", format_timestamp(quota->reset_at)}});
  }
  std::size_t next = offset + items.size();
  std::string token = next < matched ? encode_page_token("quotas:" + std::to_string(next)) : "";
  return json_response(200, Json{{"assetQuotas", items}, {"nextPageToken", token}});
}

Json scope_list(const ApiKeySpec& key) {
  std::vector<std::pair<std::string, std::vector<std::string>>> grouped;
  for (const auto& scope : key.scopes) {
    std::string name = scope == "*" ? "*" : scope.substr(0, scope.rfind(':'));
    std::string operation = scope == "*" ? "*" : scope.substr(scope.rfind(':') + 1);
    auto found = std::find_if(grouped.begin(), grouped.end(), [&](const auto& entry) { return entry.first == name; });
    if (found == grouped.end()) {
      grouped.push_back({name, {operation}});
    } else {
      found->second.push_back(operation);
    }
  }
  Json universes = Json::array();
  if (key.universes.empty()) universes.push_back("*");
  for (auto universe : key.universes) universes.push_back(id_text(universe));
  Json scopes = Json::array();
  for (const auto& [name, operations] : grouped) {
    scopes.push_back(Json{{"name", name}, {"operations", operations}, {"universeIds", universes}});
  }
  return scopes;
}

Response introspect(RouteContext& context) {
  Json body = Json::parse(context.request.body, nullptr, false);
  if (!body.is_object() || !body.contains("apiKey") || !body["apiKey"].is_string()) {
    return status_error(400, "apiKey is required.");
  }
  const std::string secret = body["apiKey"].get<std::string>();
  auto found = std::find_if(context.scenario.keys.begin(), context.scenario.keys.end(),
                            [&](const ApiKeySpec& key) { return !key.oauth && key.secret == secret; });
  if (found == context.scenario.keys.end()) return gateway_error(401, "Invalid API Key");
  bool expired = found->status == KeyStatus::expired || found->status == KeyStatus::auto_expired ||
                 (found->expires_at && context.now >= *found->expires_at);
  Json json{{"name", found->name},
            {"authorizedUserId", found->user_id},
            {"scopes", scope_list(*found)},
            {"enabled", found->status == KeyStatus::active || found->status == KeyStatus::expired ||
                            found->status == KeyStatus::auto_expired},
            {"expired", expired}};
  json["expirationTimeUtc"] = found->expires_at ? Json(format_timestamp(*found->expires_at)) : Json();
  return json_response(200, json);
}

}  // namespace

std::optional<std::int64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

std::string id_text(std::int64_t id) { return std::to_string(id); }

std::string encode_page_token(std::string_view state) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string token;
  for (char c : state) {
    auto byte = static_cast<unsigned char>(c);
    token += k_digits[byte >> 4U];
    token += k_digits[byte & 0x0FU];
  }
  return token;
}

std::optional<std::string> decode_page_token(std::string_view token) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (token.size() % 2 != 0) return std::nullopt;
  std::string state;
  for (std::size_t i = 0; i < token.size(); i += 2) {
    int high = nibble(token[i]);
    int low = nibble(token[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    state += static_cast<char>(high * 16 + low);
  }
  return state;
}

void add_account_routes(std::vector<Route>& routes) {
  routes.push_back({"quotas.list", "GET", std::regex("/cloud/v2/users/([^/]+)/asset-quotas"), "asset_quotas",
                    {"asset:read"}, false, AuthMode::any, false, list_quotas});
  routes.push_back({"keys.introspect", "POST", std::regex("/api-keys/v1/introspect"), "api_keys", {}, false,
                    AuthMode::none, false, introspect});
}

}  // namespace rbxpipe::cloud::emulator
