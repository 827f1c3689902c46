#include "cloud/emulator/rate_buckets.h"

#include <algorithm>

#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr int k_fallback_limit = 60;

std::int64_t ceil_div(std::int64_t value, std::int64_t divisor) { return (value + divisor - 1) / divisor; }

}  // namespace

BudgetDecision RateBuckets::take(const std::string& owner, const std::string& endpoint_class,
                                 const RateLimitSpec& spec, TimePoint now) {
  auto limit_found = spec.per_minute.find(endpoint_class);
  const std::int64_t limit = limit_found == spec.per_minute.end() ? k_fallback_limit : limit_found->second;
  const std::int64_t window_ms = std::int64_t{std::max(spec.window_seconds, 1)} * 1000;
  const std::int64_t full = limit * window_ms;

  auto [found, inserted] = m_buckets.try_emplace({owner, endpoint_class});
  Bucket& bucket = found->second;
  if (inserted) {
    bucket.units = full;
    bucket.updated = now;
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.units = std::min(full, bucket.units + elapsed * limit);
    bucket.updated = now;
  }
  ++bucket.requests;

  BudgetDecision decision;
  decision.limit = static_cast<int>(limit);
  decision.window_seconds = static_cast<int>(window_ms / 1000);
  bool spurious = spec.spurious_429_every > 0 &&
                  bucket.requests % static_cast<std::uint64_t>(spec.spurious_429_every) == 0;
  if (bucket.units >= window_ms && !spurious) {
    bucket.units -= window_ms;
  } else {
    decision.allowed = false;
    std::int64_t missing = std::max<std::int64_t>(window_ms - bucket.units, 0);
    decision.retry_after_seconds = static_cast<int>(std::max<std::int64_t>(1, ceil_div(missing, limit * 1000)));
  }
  decision.remaining = static_cast<int>(bucket.units / window_ms);
  decision.reset_seconds = static_cast<int>(ceil_div(full - bucket.units, limit * 1000));
  return decision;
}

void apply_rate_limit_headers(Response& response, const BudgetDecision& decision, const RateLimitSpec& spec,
                              TimePoint now) {
  if (spec.headers) {
    std::string limit = std::to_string(decision.limit);
    response.set_header("x-ratelimit-limit", limit + ", " + limit + ";w=" + std::to_string(decision.window_seconds));
    response.set_header("x-ratelimit-remaining", std::to_string(decision.remaining));
    response.set_header("x-ratelimit-reset", std::to_string(decision.reset_seconds));
  }
  if (response.status != 429 || spec.retry_after == RetryAfterMode::none) return;
  int wait = std::max(decision.retry_after_seconds, 1);
  if (spec.retry_after == RetryAfterMode::seconds) {
    response.set_header("Retry-After", std::to_string(wait));
  } else {
    response.set_header("Retry-After", format_http_date(now + std::chrono::seconds(wait)));
  }
}

}  // namespace rbxpipe::cloud::emulator
