#pragma once
// Internal to cloud/emulator/: token buckets per (owner, endpoint class), refilled continuously over the window,
// in integer arithmetic so the same requests at the same (fake) times always give the same answers.

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "cloud/emulator/exchange.h"
#include "cloud/emulator/scenario.h"
#include "cloud/emulator/world.h"

namespace rbxpipe::cloud::emulator {

/// The budget after one request.
struct BudgetDecision {
  bool allowed = true;        ///< false: answer 429
  int limit = 0;              ///< requests per window
  int remaining = 0;          ///< whole tokens left
  int reset_seconds = 0;      ///< seconds until the bucket is full again
  int retry_after_seconds = 0;///< seconds until one token is back (when denied)
  int window_seconds = 60;    ///< the window
};

/// Every bucket.
class RateBuckets {
 public:
  /// Spends one token of `owner`'s `endpoint_class` bucket at `now` (or refuses).
  BudgetDecision take(const std::string& owner, const std::string& endpoint_class, const RateLimitSpec& spec,
                      TimePoint now);
  /// Forgets every bucket (full budgets again).
  void clear() { m_buckets.clear(); }

 private:
  struct Bucket {
    std::int64_t units = 0;  // a token is window_ms units; a full bucket holds limit * window_ms
    TimePoint updated;
    std::uint64_t requests = 0;
  };
  std::map<std::pair<std::string, std::string>, Bucket> m_buckets;
};

/// Adds x-ratelimit-limit/remaining/reset (when the scenario sends them) and, on a 429, Retry-After.
void apply_rate_limit_headers(Response& response, const BudgetDecision& decision, const RateLimitSpec& spec,
                              TimePoint now);

}  // namespace rbxpipe::cloud::emulator
