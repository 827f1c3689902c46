#include "cloud/emulator/auth.h"

#include <algorithm>
#include <cstdio>

namespace rbxpipe::cloud::emulator {

namespace {

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  unsigned a = 0, b = 0, c = 0, d = 0;
  char tail = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4) return std::nullopt;
  if (a > 255 || b > 255 || c > 255 || d > 255) return std::nullopt;
  return (a << 24U) | (b << 16U) | (c << 8U) | d;
}

bool address_allowed(const ApiKeySpec& key, std::string_view address) {
  if (key.allowed_cidrs.empty()) return true;
  auto ip = parse_ipv4(address);
  if (!ip) return false;
  for (const auto& cidr : key.allowed_cidrs) {
    auto slash = cidr.find('/');
    auto network = parse_ipv4(std::string_view(cidr).substr(0, slash));
    int prefix = slash == std::string::npos ? 32 : std::atoi(cidr.c_str() + slash + 1);
    if (!network) continue;
    std::uint32_t mask = prefix == 0 ? 0U : ~std::uint32_t{0} << static_cast<unsigned>(32 - prefix);
    if ((*ip & mask) == (*network & mask)) return true;
  }
  return false;
}

std::string_view status_message(KeyStatus status) {
  switch (status) {
    case KeyStatus::disabled: return "API Key is disabled";
    case KeyStatus::expired: return "API Key is expired";
    case KeyStatus::auto_expired: return "API Key is auto-expired";
    case KeyStatus::revoked: return "API Key is revoked";
    case KeyStatus::active: break;
  }
  return "Invalid API Key";
}

}  // namespace

Authentication authenticate(const Request& request, const Scenario& scenario, const Route& route, TimePoint now) {
  Authentication result;
  std::optional<std::string> secret = request.header("x-api-key");
  bool bearer = false;
  if (!secret) {
    if (auto authorization = request.header("authorization"); authorization && authorization->starts_with("Bearer ")) {
      secret = authorization->substr(7);
      bearer = true;
    }
  }
  if (!secret || secret->empty()) {
    result.failure = gateway_error(401, "Missing API Key Header");
    return result;
  }
  auto found = std::find_if(scenario.keys.begin(), scenario.keys.end(),
                            [&](const ApiKeySpec& key) { return key.secret == *secret && key.oauth == bearer; });
  if (found == scenario.keys.end()) {
    result.failure = gateway_error(401, bearer ? "Invalid access token" : "Invalid API Key");
    return result;
  }
  if (found->status != KeyStatus::active) {
    result.failure = gateway_error(401, std::string(status_message(found->status)));
    return result;
  }
  if (found->expires_at && now >= *found->expires_at) {
    result.failure = gateway_error(401, "API Key is expired");
    return result;
  }
  if (bearer && route.auth == AuthMode::api_key_only) {
    result.failure = gateway_error(401, "This endpoint accepts API keys only");
    return result;
  }
  result.key = &*found;
  return result;
}

std::optional<Response> authorize(const Request& request, const ApiKeySpec& key, const Route& route) {
  if (!address_allowed(key, request.remote_addr)) {
    return status_error(403, "PERMISSION_DENIED", "The API key may not be used from " + request.remote_addr + ".");
  }
  if (route.scopes.empty()) return std::nullopt;
  bool allowed = route.any_scope ? std::any_of(route.scopes.begin(), route.scopes.end(),
                                               [&](std::string_view scope) { return has_scope(key, scope); })
                                 : std::all_of(route.scopes.begin(), route.scopes.end(),
                                               [&](std::string_view scope) { return has_scope(key, scope); });
  if (allowed) return std::nullopt;
  std::string needed;
  for (auto scope : route.scopes) {
    needed += (needed.empty() ? "" : route.any_scope ? " or " : " and ") + std::string(scope);
  }
  return status_error(403, "PERMISSION_DENIED", "The API key lacks the scope " + needed + ".");
}

bool has_scope(const ApiKeySpec& key, std::string_view scope) {
  return std::any_of(key.scopes.begin(), key.scopes.end(),
                     [&](const std::string& held) { return held == "*" || held == scope; });
}

bool may_act_for(const ApiKeySpec& key, const Owner& creator) {
  if (creator == key.owner) return true;
  if (creator.kind == Owner::Kind::user && creator.id == key.user_id) return true;
  return std::find(key.creators.begin(), key.creators.end(), creator) != key.creators.end();
}

bool may_use_universe(const ApiKeySpec& key, std::int64_t universe_id) {
  return key.universes.empty() ||
         std::find(key.universes.begin(), key.universes.end(), universe_id) != key.universes.end();
}

Response universe_denied(std::int64_t universe_id) {
  return status_error(403, "PERMISSION_DENIED",
                      "The API key is not authorized for universe " + std::to_string(universe_id) + ".");
}

}  // namespace rbxpipe::cloud::emulator
