#pragma once
// API tokens for CI: 32 random bytes shown once as `rbxp_<base64url>`, stored only as their SHA-256, bound to one
// tenant and a set of permissions, with expiry and revocation. Tables live in the state store (module "auth").

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "base/result.h"
#include "platform/auth/principal.h"
#include "platform/auth/verdict.h"
#include "platform/store/state_store.h"

namespace rbxpipe::platform::auth {

/// The prefix that makes rbxpipe tokens recognizable (to people and to secret scanners).
inline constexpr std::string_view k_api_token_prefix = "rbxp_";

/// What the store keeps about a token; never the token itself.
struct ApiToken {
  std::string id;                                                   ///< public id ("tok_3f9a1c2d4e5b6a70")
  std::string tenant;                                               ///< the one tenant it acts in
  std::string name;                                                 ///< label given at creation ("ci-main")
  std::vector<std::string> permissions;                             ///< sorted permission names
  std::chrono::system_clock::time_point created_at;                 ///< creation time (whole seconds)
  std::optional<std::chrono::system_clock::time_point> expires_at;  ///< nullopt: never expires
  std::optional<std::chrono::system_clock::time_point> revoked_at;  ///< set once revoked
  std::string created_by;                                           ///< who made it ("cli:alice"), for audits
};

/// "active", "expired" or "revoked" at `now`.
std::string_view api_token_status(const ApiToken& token, std::chrono::system_clock::time_point now);

/// A token just created: its record and the token text, which exists nowhere else once this is dropped.
struct CreatedToken {
  ApiToken record;    ///< what the store keeps
  std::string token;  ///< `rbxp_...`: show it once
};

/// What create_token needs.
struct CreateTokenOptions {
  std::string tenant;                              ///< required
  std::string name;                                ///< optional label
  std::vector<std::string> permissions;            ///< at least one; each a permission of the RBAC policy
  std::optional<std::chrono::seconds> expires_in;  ///< nullopt: never expires
  std::string created_by;                          ///< optional, for audits
};

/// Why a presented token was refused.
enum class TokenRefusal {
  malformed,    ///< not `rbxp_` followed by 43 base64url characters
  unknown,      ///< no stored token has this hash
  expired,      ///< past its expiry
  revoked,      ///< revoked
  store_error,  ///< the state store could not be read (not the caller's fault)
};

/// Stable snake_case name of a refusal ("revoked").
std::string_view token_refusal_name(TokenRefusal reason);

/// Outcome of authenticate_token: the token's principal or why it was refused.
using TokenVerdict = Verdict<Principal, TokenRefusal>;

/// An Error for a refusal: unavailable for store_error, unauthenticated otherwise.
base::Error token_refusal_error(TokenRefusal reason, std::string_view message);

/// The auth module's schema changes; pass them to StateStore::migrate before using the functions below.
std::vector<store::Migration> auth_migrations();

/// SHA-256 (hex) of a token text: what the store keeps.
std::string hash_api_token(std::string_view token);

/// Creates a token: validates tenant, name and permissions (against the default RBAC policy), stores its hash.
base::Result<CreatedToken> create_token(store::StateStore& store, const CreateTokenOptions& options,
                                        const base::Clock& clock);

/// Every token, or only `tenant`'s, oldest first.
base::Result<std::vector<ApiToken>> list_tokens(store::StateStore& store,
                                                const std::optional<std::string>& tenant = std::nullopt);

/// Deletes every token of `tenant` (when the tenant itself is deleted); returns how many went.
base::Result<std::int64_t> remove_tenant_tokens(store::StateStore& store, const std::string& tenant);

/// The result of revoke_token.
struct RevokedToken {
  ApiToken token;                ///< the record, revoked_at set
  bool already_revoked = false;  ///< true when it had been revoked before (its first revocation time is kept)
};

/// Revokes token `id` (idempotent: a revoked token keeps its first revocation time). With `tenant`, a token of
/// another tenant is not_found, exactly like a missing one.
base::Result<RevokedToken> revoke_token(store::StateStore& store, std::string_view id, const base::Clock& clock,
                                        const std::optional<std::string>& tenant = std::nullopt);

/// Checks a presented token: its principal (tenant, subject "token:<id>", its permissions, no roles) when it is
/// known, unexpired and not revoked.
TokenVerdict authenticate_token(store::StateStore& store, std::string_view token, const base::Clock& clock);

/// Parses a duration such as "90s", "15m", "12h", "30d" or "2w".
base::Result<std::chrono::seconds> parse_token_duration(std::string_view text);

}  // namespace rbxpipe::platform::auth
