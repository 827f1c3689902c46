// API tokens in the state store. Only SHA-256 of a token is stored: tokens carry 256 random bits, so a fast hash is
// enough (no dictionary to slow down) and lookups stay one indexed query.
#include "platform/auth/api_token.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <sstream>

#include "base/sha256.h"
#include "platform/auth/base64url.h"
#include "platform/auth/rbac.h"

namespace rbxpipe::platform::auth {

namespace {

using store::Row;
using store::Value;
using TimePoint = std::chrono::system_clock::time_point;

constexpr std::size_t k_secret_bytes = 32;
constexpr std::size_t k_secret_chars = 43;  // base64url of 32 bytes, unpadded
constexpr std::size_t k_max_name = 100;
constexpr std::size_t k_max_tenant = 63;

constexpr const char* k_columns = "id, tenant, name, permissions, created_at, expires_at, revoked_at, created_by";

base::Error invalid(std::string message) { return base::Error(base::ErrorCode::invalid_input, std::move(message)); }

std::int64_t to_seconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

TimePoint from_seconds(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

base::Result<std::string> random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return base::Error(base::ErrorCode::internal, "the random generator failed");
  }
  return bytes;
}

std::string hex(std::string_view bytes) {
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out += digits[static_cast<unsigned char>(c) >> 4];
    out += digits[static_cast<unsigned char>(c) & 0xF];
  }
  return out;
}

std::string join_permissions(const std::vector<std::string>& permissions) {
  std::string text;
  for (const auto& permission : permissions) text += (text.empty() ? "" : " ") + permission;
  return text;
}

std::vector<std::string> split_permissions(const std::string& text) {
  std::vector<std::string> permissions;
  std::istringstream words(text);
  for (std::string word; words >> word;) permissions.push_back(word);
  return permissions;
}

ApiToken token_from_row(const Row& row) {
  ApiToken token;
  token.id = row.text(0);
  token.tenant = row.text(1);
  token.name = row.text(2);
  token.permissions = split_permissions(row.text(3));
  token.created_at = from_seconds(row.integer(4));
  if (!row.is_null(5)) token.expires_at = from_seconds(row.integer(5));
  if (!row.is_null(6)) token.revoked_at = from_seconds(row.integer(6));
  token.created_by = row.text(7);
  return token;
}

Value optional_seconds(const std::optional<TimePoint>& time) {
  if (!time) return std::monostate{};
  return to_seconds(*time);
}

// The tenant id rule of platform/tenant, repeated so tokens do not depend on that module.
bool valid_tenant(std::string_view tenant) {
  if (tenant.empty() || tenant.size() > k_max_tenant || tenant.front() == '-' || tenant.back() == '-') return false;
  return std::all_of(tenant.begin(), tenant.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool printable(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

base::Result<std::vector<std::string>> checked_permissions(const std::vector<std::string>& requested) {
  if (requested.empty()) return invalid("a token needs at least one permission");
  auto policy = default_rbac_policy();
  if (!policy) return policy.error();
  std::vector<std::string> permissions = requested;
  std::sort(permissions.begin(), permissions.end());
  permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
  for (const auto& permission : permissions) {
    if (!(*policy)->has_permission(permission)) {
      return invalid("unknown permission '" + permission + "' (known: " + join_permissions((*policy)->permissions()) +
                     ")");
    }
  }
  return permissions;
}

TokenVerdict refuse(TokenRefusal reason, std::string message) { return TokenVerdict(reason, std::move(message)); }

}  // namespace

std::string_view api_token_status(const ApiToken& token, TimePoint now) {
  if (token.revoked_at) return "revoked";
  if (token.expires_at && now >= *token.expires_at) return "expired";
  return "active";
}

std::string_view token_refusal_name(TokenRefusal reason) {
  switch (reason) {
    case TokenRefusal::malformed: return "malformed";
    case TokenRefusal::unknown: return "unknown";
    case TokenRefusal::expired: return "expired";
    case TokenRefusal::revoked: return "revoked";
    case TokenRefusal::store_error: return "store_error";
  }
  return "unknown";
}

base::Error token_refusal_error(TokenRefusal reason, std::string_view message) {
  const auto code =
      reason == TokenRefusal::store_error ? base::ErrorCode::unavailable : base::ErrorCode::unauthenticated;
  return base::Error(code,
                     "API token refused (" + std::string(token_refusal_name(reason)) + "): " + std::string(message));
}

std::vector<store::Migration> auth_migrations() {
  // BIGINT times (unix seconds) and TEXT ids keep the schema valid for PostgreSQL as well as SQLite.
  return {store::Migration{"auth", 1,
                           "CREATE TABLE auth_api_tokens ("
                           " id TEXT PRIMARY KEY,"
                           " token_hash TEXT NOT NULL UNIQUE,"
                           " tenant TEXT NOT NULL,"
                           " name TEXT NOT NULL DEFAULT '',"
                           " permissions TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " expires_at BIGINT,"
                           " revoked_at BIGINT,"
                           " created_by TEXT NOT NULL DEFAULT '');"
                           "CREATE INDEX auth_api_tokens_by_tenant ON auth_api_tokens (tenant, created_at);"}};
}

std::string hash_api_token(std::string_view token) { return base::sha256_hex(token); }

base::Result<CreatedToken> create_token(store::StateStore& store, const CreateTokenOptions& options,
                                        const base::Clock& clock) {
  if (!valid_tenant(options.tenant)) {
    return invalid("tenant '" + options.tenant +
                   "' is not a tenant id ([a-z0-9-], at most 63, no leading or trailing '-')");
  }
  if (options.name.size() > k_max_name || !printable(options.name)) {
    return invalid("token name must be at most 100 printable characters");
  }
  if (options.expires_in && options.expires_in->count() <= 0) return invalid("expiry must be in the future");
  auto permissions = checked_permissions(options.permissions);
  if (!permissions) return std::move(permissions).error();

  auto secret = random_bytes(k_secret_bytes);
  if (!secret) return std::move(secret).error();
  auto id_bytes = random_bytes(8);
  if (!id_bytes) return std::move(id_bytes).error();

  CreatedToken created;
  created.token = std::string(k_api_token_prefix) + base64url_encode(*secret);
  ApiToken& record = created.record;
  record.id = "tok_" + hex(*id_bytes);
  record.tenant = options.tenant;
  record.name = options.name;
  record.permissions = std::move(permissions).value();
  record.created_at = from_seconds(to_seconds(clock.now()));
  if (options.expires_in) record.expires_at = record.created_at + *options.expires_in;
  record.created_by = options.created_by;

  const std::vector<Value> params = {record.id,
                                     hash_api_token(created.token),
                                     record.tenant,
                                     record.name,
                                     join_permissions(record.permissions),
                                     to_seconds(record.created_at),
                                     optional_seconds(record.expires_at),
                                     record.created_by};
  auto stored = store.transact([&](store::Transaction& tx) -> base::Result<void> {
    auto inserted = tx.execute(
        "INSERT INTO auth_api_tokens (id, token_hash, tenant, name, permissions, created_at, expires_at, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        params);
    if (!inserted) return std::move(inserted).error();
    return base::ok();
  });
  if (!stored) return std::move(stored).error().with_context("store API token");
  return created;
}

base::Result<std::vector<ApiToken>> list_tokens(store::StateStore& store, const std::optional<std::string>& tenant) {
  const std::string select = std::string("SELECT ") + k_columns + " FROM auth_api_tokens";
  auto rows = tenant ? store.query(select + " WHERE tenant = ? ORDER BY created_at, id", {*tenant})
                     : store.query(select + " ORDER BY created_at, id");
  if (!rows) return std::move(rows).error().with_context("list API tokens");
  std::vector<ApiToken> tokens;
  for (const auto& row : *rows) tokens.push_back(token_from_row(row));
  return tokens;
}

base::Result<std::int64_t> remove_tenant_tokens(store::StateStore& store, const std::string& tenant) {
  std::int64_t removed = 0;
  auto done = store.transact([&](store::Transaction& tx) -> base::Result<void> {
    auto count = tx.execute("DELETE FROM auth_api_tokens WHERE tenant = ?", {tenant});
    if (!count) return std::move(count).error();
    removed = *count;
    return base::ok();
  });
  if (!done) return std::move(done).error().with_context("remove API tokens of tenant '" + tenant + "'");
  return removed;
}

base::Result<RevokedToken> revoke_token(store::StateStore& store, std::string_view id, const base::Clock& clock,
                                        const std::optional<std::string>& tenant) {
  std::optional<RevokedToken> revoked;
  auto done = store.transact([&](store::Transaction& tx) -> base::Result<void> {
    auto rows = tx.query(std::string("SELECT ") + k_columns + " FROM auth_api_tokens WHERE id = ?", {std::string(id)});
    if (!rows) return std::move(rows).error();
    // Another tenant's token is reported exactly like a missing one, so ids cannot be probed across tenants.
    if (rows->empty() || (tenant && rows->front().text(1) != *tenant)) {
      return base::Error(base::ErrorCode::not_found, "no API token '" + std::string(id) + "'");
    }
    ApiToken token = token_from_row(rows->front());
    const bool already_revoked = token.revoked_at.has_value();
    if (!already_revoked) {
      token.revoked_at = from_seconds(to_seconds(clock.now()));
      auto updated = tx.execute("UPDATE auth_api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                                {to_seconds(*token.revoked_at), token.id});
      if (!updated) return std::move(updated).error();
    }
    revoked = RevokedToken{std::move(token), already_revoked};
    return base::ok();
  });
  if (!done) return std::move(done).error();
  return std::move(*revoked);
}

TokenVerdict authenticate_token(store::StateStore& store, std::string_view token, const base::Clock& clock) {
  const std::string_view secret = token.substr(0, k_api_token_prefix.size()) == k_api_token_prefix
                                      ? token.substr(k_api_token_prefix.size())
                                      : std::string_view();
  if (secret.size() != k_secret_chars || !base64url_decode(secret)) {
    return refuse(TokenRefusal::malformed, "not an rbxpipe API token (rbxp_ followed by 43 base64url characters)");
  }
  auto rows = store.query(std::string("SELECT ") + k_columns + " FROM auth_api_tokens WHERE token_hash = ?",
                          {hash_api_token(token)});
  if (!rows) return refuse(TokenRefusal::store_error, rows.error().to_string());
  if (rows->empty()) return refuse(TokenRefusal::unknown, "unknown API token");
  const ApiToken record = token_from_row(rows->front());
  if (record.revoked_at) {
    return refuse(TokenRefusal::revoked,
                  "token " + record.id + " was revoked at " + base::format_rfc3339(*record.revoked_at));
  }
  if (record.expires_at && clock.now() >= *record.expires_at) {
    return refuse(TokenRefusal::expired,
                  "token " + record.id + " expired at " + base::format_rfc3339(*record.expires_at));
  }
  Principal principal;
  principal.tenant = record.tenant;
  principal.subject = "token:" + record.id;
  principal.permissions = record.permissions;
  return principal;
}

base::Result<std::chrono::seconds> parse_token_duration(std::string_view text) {
  auto bad = [&] {
    return invalid("duration '" + std::string(text) + "' must be a positive number followed by s, m, h, d or w");
  };
  if (text.size() < 2 || text.size() > 12) return bad();
  std::int64_t count = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return bad();
    count = count * 10 + (c - '0');
  }
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: return bad();
  }
  // Beyond about 100 years the expiry would overflow the clock; nobody means that.
  if (count <= 0 || count > std::int64_t{36500} * 86400 / unit) return bad();
  return std::chrono::seconds(count * unit);
}

}  // namespace rbxpipe::platform::auth
