#pragma once
// Scenario: what the Open Cloud emulator serves (keys, universes, limits, asset/place/Luau outcomes, faults), read
// from a JSONC file checked against config/schemas/emulator-scenario.schema.json. A file only states what differs
// from the default scenario (config/emulator/default-scenario.json).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "base/source_text.h"

namespace rbxpipe::cloud::emulator {

/// A user or a group: who owns a key, creates an asset or shares a rate-limit budget.
struct Owner {
  /// Whether the id is a user's or a group's.
  enum class Kind { user, group };
  Kind kind = Kind::group;  ///< user or group
  std::int64_t id = 0;      ///< the Roblox id
  /// "user:42" or "group:1": the identity rate-limit buckets are kept by.
  std::string key() const;
  /// Same kind and id.
  friend bool operator==(const Owner&, const Owner&) = default;
};

/// The states a key can be in; all but active fail authentication with 401.
enum class KeyStatus { active, disabled, expired, auto_expired, revoked };

/// One API key (or OAuth access token) the emulator accepts.
struct ApiKeySpec {
  std::string secret;                      ///< the text sent as x-api-key (or Bearer, when oauth)
  std::string name = "emulator";           ///< shown by introspection
  bool oauth = false;                      ///< an OAuth token (Authorization: Bearer); refused on API-key-only routes
  Owner owner;                             ///< rate-limit owner; may upload for itself
  std::int64_t user_id = 1;                ///< the account behind the key (authorizedUserId, quota owner)
  std::vector<Owner> creators;             ///< further creators it may upload for
  std::vector<std::string> scopes;         ///< "asset:read", ...; "*" grants every scope
  std::vector<std::int64_t> universes;     ///< universes it is restricted to; empty: all
  std::vector<std::string> allowed_cidrs;  ///< IPv4 CIDRs it may be used from; empty: any
  KeyStatus status = KeyStatus::active;    ///< anything but active answers 401
  std::optional<std::chrono::system_clock::time_point> expires_at;  ///< expires at this (emulator clock) time
  bool account_moderated = false;          ///< the owner account is moderated: every write answers 403
};

/// A place inside a universe.
struct PlaceSpec {
  std::int64_t id = 0;              ///< place id
  int versions = 0;                 ///< versions that exist before the emulator starts (none is live)
  bool team_create_locked = false;  ///< publishes answer 409 as during an open Team Create session
};

/// A universe and its places.
struct UniverseSpec {
  std::int64_t id = 0;             ///< universe id
  std::vector<PlaceSpec> places;   ///< its places
};

/// How 429s carry Retry-After.
enum class RetryAfterMode { none, seconds, http_date };

/// Rate limiting: one token bucket per (owner, endpoint class).
struct RateLimitSpec {
  std::map<std::string, int> per_minute;  ///< endpoint class name ("assets", "place_publishing", ...) -> limit
  int window_seconds = 60;                ///< the window a full bucket refills over
  bool headers = true;                    ///< send x-ratelimit-* on every response
  RetryAfterMode retry_after = RetryAfterMode::seconds;  ///< Retry-After form on 429s
  int spurious_429_every = 0;             ///< every Nth request of a bucket answers 429 anyway (0: never)
};

/// How an asset operation plays out.
struct OperationSpec {
  int polls_before_done = 1;                 ///< GETs answered "still running"
  int seconds_before_done = 0;               ///< and time that must pass first
  bool omit_done = false;                    ///< leave `done` out while running (instead of false)
  std::optional<int> error_code;             ///< finish with error {code, message} instead of the asset
  std::string error_message;                 ///< the error's message
};

/// How moderation of a new asset version plays out.
struct ModerationSpec {
  std::string state = "Approved";  ///< Approved, Rejected or Reviewing (forever)
  int seconds = 0;                 ///< time spent Reviewing before `state`
};

/// An override for assets whose displayName contains `name_contains`.
struct AssetRule {
  std::string name_contains;                 ///< selector
  std::optional<OperationSpec> operation;    ///< replaces the default operation behaviour
  std::optional<ModerationSpec> moderation;  ///< replaces the default moderation
};

/// An upload quota (RATE_LIMIT_UPLOAD) per user.
struct QuotaSpec {
  std::optional<std::int64_t> user_id;  ///< the user; nullopt: every user without an own entry
  std::string asset_type = "Audio";     ///< Audio or Video
  std::string period = "MONTH";         ///< MONTH (30 days) or DAY
  int capacity = 100;                   ///< uploads per period
  int usage = 0;                        ///< uploads already used at start
};

/// The Assets API's behaviour.
struct AssetsSpec {
  std::int64_t first_id = 1000001;                 ///< id of the first created asset
  std::size_t max_upload_bytes = 20'000'000;       ///< largest fileContent (30,000,000 is always the hard cap)
  std::vector<std::string> moderated_words;        ///< words that get a name or description "moderated"
  std::string corrupt_marker;                      ///< files containing it answer 400 "\"InvalidImage\""
  std::map<std::string, int> prices;               ///< asset type -> Robux price (expectedPrice must cover it)
  bool enum_asset_types = true;                    ///< ASSET_TYPE_DECAL (true) or Decal
  bool enum_moderation_states = true;              ///< MODERATION_STATE_APPROVED (true) or Approved
  OperationSpec operation;                         ///< default operation behaviour
  ModerationSpec moderation;                       ///< default moderation
  std::vector<AssetRule> rules;                    ///< per-name overrides, first match wins
  std::vector<QuotaSpec> quotas;                   ///< upload quotas
  int quota_exceeded_status = 400;                 ///< status of a create over quota
};

/// The Place Publishing API's behaviour.
struct PlacesSpec {
  std::size_t max_bytes = 10'485'760;  ///< largest place file
  int oversize_status = 500;           ///< 500 (problem+json, as observed) or 413
};

/// One log line a Luau task prints.
struct LuauLogSpec {
  std::string message;          ///< the text
  std::string type = "OUTPUT";  ///< OUTPUT, INFO, WARNING or ERROR
};

/// How a Luau execution task plays out.
struct LuauOutcomeSpec {
  std::string marker;                      ///< selects this outcome when the script contains it
  std::string state = "COMPLETE";          ///< COMPLETE, FAILED or CANCELLED
  std::string error_code;                  ///< for FAILED: SCRIPT_ERROR, DEADLINE_EXCEEDED, ...
  std::string error_message;               ///< for FAILED
  std::vector<std::string> results;        ///< output.results, each as JSON text
  std::vector<LuauLogSpec> logs;           ///< what the task printed
  int queued_polls = 0;                    ///< GETs answered QUEUED
  int processing_polls = 1;                ///< then GETs answered PROCESSING
  int seconds = 0;                         ///< and time that must pass before it ends
};

/// The Luau Execution API's behaviour.
struct LuauSpec {
  int max_incomplete_per_place = 10;       ///< the next create answers 429
  LuauOutcomeSpec default_outcome;         ///< when no marker matches
  std::vector<LuauOutcomeSpec> outcomes;   ///< first matching marker wins
};

/// What a fault does to a request.
enum class FaultKind {
  status_500,      ///< 500 with an ASP.NET problem+json body
  status_502,      ///< 502 with an HTML body
  status_503,      ///< 503 with an HTML body
  status_499,      ///< 499 CANCELLED
  status_429,      ///< 429 although the budget has tokens (an undocumented limit)
  reset,           ///< the connection is reset (RST) instead of answering
  delay,           ///< the answer is held back for delay_ms
  malformed_json,  ///< the answer's JSON body is cut short
};

/// One queued fault.
struct FaultSpec {
  std::string route = "*";               ///< route name ("assets.create", ...) or "*"
  FaultKind kind = FaultKind::status_500;///< what happens
  int times = 1;                         ///< requests it hits before it is used up
  bool always = false;                   ///< never used up
  int skip = 0;                          ///< matching requests let through before it starts
  int delay_ms = 0;                      ///< for delay
  std::optional<bool> after_commit;      ///< apply after the request took effect (delay, malformed_json: always)
  /// Whether the request's side effect happens before the fault.
  bool commits_first() const;
};

/// The emulator's clock source when none is injected.
enum class ClockMode { system, manual };

/// Everything an emulator run is configured with.
struct Scenario {
  std::uint64_t seed = 1;                       ///< seed of generated UUIDs
  ClockMode clock = ClockMode::system;          ///< time source when no clock is injected
  std::chrono::system_clock::time_point clock_start;  ///< start of a manual clock
  std::vector<ApiKeySpec> keys;                 ///< accepted keys
  std::vector<UniverseSpec> universes;          ///< universes and places
  RateLimitSpec rate_limits;                    ///< budgets
  AssetsSpec assets;                            ///< Assets API
  PlacesSpec places;                            ///< Place Publishing API
  LuauSpec luau;                                ///< Luau Execution API
  std::vector<FaultSpec> faults;                ///< faults queued at start
};

/// The outcome of reading a scenario file: the scenario when it had no errors, and every diagnostic.
struct ScenarioParse {
  std::optional<Scenario> scenario;            ///< set when no error was found
  std::vector<base::Diagnostic> diagnostics;   ///< located problems (codes EMU0001..EMU0006)
};

/// Reads a scenario file on top of `base` (normally default_scenario()). Codes: EMU0001 unknown key, EMU0002 wrong
/// type, EMU0003 missing key, EMU0004 invalid value (all from the schema), EMU0005 duplicate id or key, EMU0006 a
/// value the schema allows but the emulator cannot use; JSON0001/JSON0002 for syntax.
ScenarioParse parse_scenario(const base::SourceText& source, const Scenario& base);

/// Reads a scenario file on top of the default scenario.
ScenarioParse parse_scenario(const base::SourceText& source);

/// The shipped default scenario (config/emulator/default-scenario.json, overridable via RBXPIPE_CONFIG_DIR).
base::Result<Scenario> default_scenario();

/// Parses faults as POST /_emulator/faults takes them: one fault object, an array, or {"faults": [...]}.
base::Result<std::vector<FaultSpec>> parse_faults_json(std::string_view json);

/// The route names faults and the request log use, in a stable order.
const std::vector<std::string_view>& route_names();

/// The scenario name of a fault kind ("status_500").
std::string_view fault_kind_name(FaultKind kind);

}  // namespace rbxpipe::cloud::emulator
