#pragma once
// The rate limiter: one token bucket per (owner, endpoint class), sized from config/opencloud-limits.json and
// corrected from x-ratelimit-* headers and 429s, shared by every job of the process. Waiting jobs of different
// tenants are served by weighted round robin, so a large lesson cannot starve a small deploy.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace rbxpipe::cloud {

/// The endpoint classes Open Cloud limits separately (open-cloud.md §0).
enum class EndpointClass {
  assets,              ///< create, get, update asset (A1-A3)
  asset_versions,      ///< versions list/get, rollback, archive, restore (A4-A7)
  operations,          ///< operation polls (A8)
  place_publishing,    ///< place versions (P1)
  luau_task_create,    ///< Luau execution task creation (L1, L2)
  luau_task_read,      ///< Luau task polls (L3)
  luau_task_logs,      ///< Luau task logs (L4)
  luau_binary_input,   ///< Luau binary inputs (L5)
  restart_servers,     ///< universe restartServers (S1)
  asset_quotas,        ///< asset quotas (Q1)
  api_keys,            ///< key introspection (K1; not documented, kept generous)
};

/// The stable snake_case name used in config/opencloud-limits.json ("place_publishing").
std::string_view endpoint_class_name(EndpointClass endpoint);
/// Parses a name from endpoint_class_name.
std::optional<EndpointClass> endpoint_class_from_name(std::string_view name);

/// Requests allowed per window for each endpoint class.
struct RateLimits {
  std::map<EndpointClass, int> per_minute;  ///< documented per-owner limits per `window`; absent: not limited
  std::chrono::milliseconds window{60'000}; ///< the window the limits count over (60 s; tests shrink it)
  /// The shipped limits (config/opencloud-limits.json, overridable through RBXPIPE_CONFIG_DIR).
  static base::Result<RateLimits> shipped();
  /// Parses the limits file format.
  static base::Result<RateLimits> parse(std::string_view json);
};

/// What a response said about the budget, parsed leniently from its headers.
struct RateLimitHeaders {
  std::optional<int> limit;                           ///< x-ratelimit-limit (first token)
  std::optional<std::chrono::seconds> limit_window;   ///< the `w=` of the policy matching `limit`, when given
  std::optional<int> remaining;                       ///< x-ratelimit-remaining
  std::optional<std::chrono::milliseconds> reset;     ///< x-ratelimit-reset (seconds until reset)
  std::optional<std::chrono::milliseconds> retry_after;  ///< Retry-After (delta seconds or HTTP date)
};

/// The shared limiter. Thread-safe. Each bucket holds up to `limit` tokens and refills continuously at
/// limit/window; observe() caps it at the server's remaining count and, given a reset, holds refills until the
/// server's window resets and then fills it; back_off() empties it and blocks it for the wait. One waiting thread
/// per bucket sleeps through the clock (so a FakeClock makes waits instant and exact); the others wait to be
/// granted a token, which the scheduler hands out by smooth weighted round robin across tenants, FIFO within one.
class RateLimiter {
 public:
  /// A limiter with `limits`, timed by `clock` (which must outlive it).
  RateLimiter(RateLimits limits, base::Clock& clock);
  ~RateLimiter();

  /// Sets a tenant's fair-share weight (default 1).
  void set_weight(const std::string& tenant, int weight);
  /// Blocks until `tenant` may send one request of `endpoint` for `owner` ("group:789"), then takes the token.
  /// Fails with `timeout` when `deadline` (on clock.monotonic()) passes first, at once when no token can come in time.
  base::Result<void> acquire(const std::string& owner, EndpointClass endpoint, const std::string& tenant,
                             std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt);
  /// Corrects the bucket from a response's headers, so several processes sharing one owner's budget converge on
  /// the server's count: remaining caps the tokens, remaining with reset holds refills until the reset, and a
  /// limit below the configured one lowers the capacity (never raises it).
  void observe(const std::string& owner, EndpointClass endpoint, const RateLimitHeaders& headers);
  /// After a 429: the bucket is emptied and no request of it is sent before `wait` has passed.
  void back_off(const std::string& owner, EndpointClass endpoint, std::chrono::milliseconds wait);

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace rbxpipe::cloud
