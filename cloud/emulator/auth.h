#pragma once
// Internal to cloud/emulator/: who is calling (x-api-key or Bearer), and what they may do (open-cloud.md §8.1.1).

#include <optional>
#include <string_view>

#include "cloud/emulator/exchange.h"
#include "cloud/emulator/routes.h"

namespace rbxpipe::cloud::emulator {

/// The key behind a request, or the 401 to send.
struct Authentication {
  const ApiKeySpec* key = nullptr;     ///< set on success
  std::optional<Response> failure;     ///< the 401 otherwise
};

/// Finds the request's key; 401 (gateway shape) when missing, unknown, expired, disabled or of the wrong kind.
Authentication authenticate(const Request& request, const Scenario& scenario, const Route& route, TimePoint now);

/// 403 when the key lacks the route's scopes or may not be used from the caller's address; nullopt when allowed.
std::optional<Response> authorize(const Request& request, const ApiKeySpec& key, const Route& route);

/// True when the key holds `scope` (or "*").
bool has_scope(const ApiKeySpec& key, std::string_view scope);
/// True when the key may create or read assets of `creator`.
bool may_act_for(const ApiKeySpec& key, const Owner& creator);
/// True when the key is not restricted away from `universe_id`.
bool may_use_universe(const ApiKeySpec& key, std::int64_t universe_id);
/// The 403 for a key used on a universe it is not restricted to.
Response universe_denied(std::int64_t universe_id);

}  // namespace rbxpipe::cloud::emulator
