#pragma once
// Internal to cloud/emulator/: the route table. Each API family registers its routes from its own file; the
// service (service.cpp) runs authentication, budgets and faults around every handler.

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/emulator/exchange.h"
#include "cloud/emulator/responses.h"
#include "cloud/emulator/scenario.h"
#include "cloud/emulator/world.h"

namespace rbxpipe::cloud::emulator {

/// What a handler works with. The service's mutex is held while a handler runs.
struct RouteContext {
  const Request& request;       ///< the request (captures filled from the route pattern)
  const ApiKeySpec* key;        ///< the authenticated key (nullptr only on routes without authentication)
  World& world;                 ///< state to read and change
  const Scenario& scenario;     ///< configuration
  TimePoint now;                ///< emulator clock time
  int sequence = 0;             ///< request number (for trace ids)
  bool changed = false;         ///< set by handlers that changed `world`, so it is persisted
};

/// A handler.
using RouteHandler = Response (*)(RouteContext&);

/// Which credentials a route takes.
enum class AuthMode {
  any,           ///< an API key or an OAuth token
  api_key_only,  ///< API keys only (place publishing, Luau execution)
  none,          ///< no credentials (key introspection)
};

/// One route.
struct Route {
  std::string_view name;                  ///< "assets.create"
  std::string_view method;                ///< "POST"
  std::regex pattern;                     ///< matched against the whole decoded path
  std::string_view endpoint_class;        ///< rate-limit bucket ("assets")
  std::vector<std::string_view> scopes;   ///< scopes required (all of them, or one when any_scope)
  bool any_scope = false;                 ///< one of `scopes` suffices
  AuthMode auth = AuthMode::any;          ///< credentials accepted
  bool write = false;                     ///< refused for moderated accounts
  RouteHandler handler = nullptr;         ///< the handler
};

/// Assets: create, get, update, archive, restore (routes_assets.cpp, routes_asset_update.cpp).
void add_asset_routes(std::vector<Route>& routes);
/// Asset versions: list, get, rollback (routes_asset_versions.cpp).
void add_asset_version_routes(std::vector<Route>& routes);
/// Asset operations (routes_operations.cpp).
void add_operation_routes(std::vector<Route>& routes);
/// Place publishing and restartServers (routes_places.cpp).
void add_place_routes(std::vector<Route>& routes);
/// Luau execution tasks and logs (routes_luau.cpp).
void add_luau_routes(std::vector<Route>& routes);
/// Asset quotas and key introspection (routes_account.cpp).
void add_account_routes(std::vector<Route>& routes);

/// Parses a positive decimal id ("123"); nullopt for anything else.
std::optional<std::int64_t> parse_id(std::string_view text);
/// A numeric id as Open Cloud writes it in JSON: a string.
std::string id_text(std::int64_t id);
/// An opaque, URL-safe page token carrying `state` (hex, so clients need not escape it).
std::string encode_page_token(std::string_view state);
/// The state inside a page token, or nullopt for a token this emulator did not issue.
std::optional<std::string> decode_page_token(std::string_view token);

}  // namespace rbxpipe::cloud::emulator
