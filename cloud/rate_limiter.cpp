#include "cloud/rate_limiter.h"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "base/embedded_files.h"
#include "cloud/fair_queue.h"
#include "cloud/token_bucket.h"

namespace rbxpipe::cloud {

namespace {

using TimePoint = std::chrono::steady_clock::time_point;

constexpr std::array<std::pair<EndpointClass, std::string_view>, 11> k_endpoint_names = {{
    {EndpointClass::assets, "assets"},
    {EndpointClass::asset_versions, "asset_versions"},
    {EndpointClass::operations, "operations"},
    {EndpointClass::place_publishing, "place_publishing"},
    {EndpointClass::luau_task_create, "luau_task_create"},
    {EndpointClass::luau_task_read, "luau_task_read"},
    {EndpointClass::luau_task_logs, "luau_task_logs"},
    {EndpointClass::luau_binary_input, "luau_binary_input"},
    {EndpointClass::restart_servers, "restart_servers"},
    {EndpointClass::asset_quotas, "asset_quotas"},
    {EndpointClass::api_keys, "api_keys"},
}};

// A class without a configured limit is still corrected by headers and 429s; this capacity only stands for "no
// local limit".
constexpr double k_unlimited = 1'000'000;
// The sleeping waiter wakes at least this often to notice corrections that make a token available sooner.
constexpr std::chrono::milliseconds k_max_sleep{100};
// Other waiters are woken by notifications; the timeout is only a safety net.
constexpr std::chrono::milliseconds k_waiter_poll{500};

base::Error limits_error(const std::string& what) {
  return base::Error(base::ErrorCode::invalid_input, "Open Cloud limits: " + what);
}

}  // namespace

std::string_view endpoint_class_name(EndpointClass endpoint) {
  for (const auto& [value, name] : k_endpoint_names) {
    if (value == endpoint) return name;
  }
  return "unknown";
}

std::optional<EndpointClass> endpoint_class_from_name(std::string_view name) {
  for (const auto& [value, known] : k_endpoint_names) {
    if (known == name) return value;
  }
  return std::nullopt;
}

base::Result<RateLimits> RateLimits::parse(std::string_view json) {
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return limits_error("not a JSON object");
  RateLimits limits;
  if (auto window = doc.find("window_seconds"); window != doc.end()) {
    if (!window->is_number() || window->get<double>() <= 0) return limits_error("window_seconds must be positive");
    limits.window = std::chrono::milliseconds(static_cast<long long>(window->get<double>() * 1000.0));
  }
  const auto classes = doc.find("limits");
  if (classes == doc.end() || !classes->is_object()) return limits_error("missing the \"limits\" object");
  for (const auto& [name, entry] : classes->items()) {
    const auto endpoint = endpoint_class_from_name(name);
    if (!endpoint) return limits_error("unknown endpoint class \"" + name + "\"");
    // Either a bare number or {"per_minute": N, ...notes}.
    const nlohmann::json* value = &entry;
    if (entry.is_object()) {
      auto found = entry.find("per_minute");
      if (found == entry.end()) return limits_error("\"" + name + "\" has no per_minute");
      value = &*found;
    }
    if (!value->is_number_integer() || value->get<long long>() < 1 || value->get<long long>() > 1'000'000) {
      return limits_error("\"" + name + "\" per_minute must be an integer from 1 to 1000000");
    }
    limits.per_minute[*endpoint] = value->get<int>();
  }
  return limits;
}

base::Result<RateLimits> RateLimits::shipped() {
  auto text = base::read_config_file("opencloud-limits.json");
  if (!text) return std::move(text).error();
  auto limits = parse(*text);
  if (!limits) return std::move(limits).error().with_context("read opencloud-limits.json");
  return limits;
}

struct RateLimiter::State {
  struct Bucket {
    explicit Bucket(TokenBucket bucket) : tokens(bucket) {}

    TokenBucket tokens;
    FairQueue queue;
    std::set<FairQueue::Ticket> granted;               // served, not yet collected by their thread
    std::map<FairQueue::Ticket, TimePoint> deadlines;  // of waiting tickets
    bool sleeper = false;                              // one waiter sleeps on the clock for the whole bucket
    std::condition_variable changed;
  };

  State(RateLimits l, base::Clock& c) : limits(std::move(l)), clock(c) {}

  Bucket& bucket(const std::string& owner, EndpointClass endpoint) {
    const auto key = std::make_pair(owner, endpoint);
    auto found = buckets.find(key);
    if (found != buckets.end()) return found->second;
    const auto limit = limits.per_minute.find(endpoint);
    const double capacity = limit == limits.per_minute.end() ? k_unlimited : limit->second;
    return buckets.try_emplace(key, TokenBucket(capacity, limits.window, clock.monotonic())).first->second;
  }

  // Hands every available token to the ticket the scheduler picks.
  void dispatch(Bucket& b, TimePoint now) {
    bool served = false;
    while (!b.queue.empty() && b.tokens.try_take(now)) {
      const auto ticket = b.queue.pop([this](const std::string& tenant) {
        auto found = weights.find(tenant);
        return found == weights.end() ? 1 : found->second;
      });
      b.granted.insert(*ticket);
      b.deadlines.erase(*ticket);
      served = true;
    }
    if (served) b.changed.notify_all();
  }

  RateLimits limits;
  base::Clock& clock;
  std::mutex mutex;
  std::map<std::pair<std::string, EndpointClass>, Bucket> buckets;
  std::map<std::string, int> weights;
};

RateLimiter::RateLimiter(RateLimits limits, base::Clock& clock)
    : m_state(std::make_unique<State>(std::move(limits), clock)) {}

RateLimiter::~RateLimiter() = default;

void RateLimiter::set_weight(const std::string& tenant, int weight) {
  std::lock_guard lock(m_state->mutex);
  m_state->weights[tenant] = std::max(1, weight);
}

base::Result<void> RateLimiter::acquire(const std::string& owner, EndpointClass endpoint, const std::string& tenant,
                                        std::optional<std::chrono::steady_clock::time_point> deadline) {
  State& s = *m_state;
  std::unique_lock lock(s.mutex);
  State::Bucket& b = s.bucket(owner, endpoint);
  const auto ticket = b.queue.push(tenant);
  if (deadline) b.deadlines[ticket] = *deadline;
  for (;;) {
    const TimePoint now = s.clock.monotonic();
    s.dispatch(b, now);
    if (b.granted.erase(ticket) > 0) return base::ok();
    const TimePoint next = b.tokens.next_available(now);
    // Give up as soon as no token can come before the deadline, instead of sleeping until it passes.
    if (deadline && (now >= *deadline || next > *deadline)) {
      b.queue.remove(ticket);
      b.deadlines.erase(ticket);
      b.changed.notify_all();
      return base::Error(base::ErrorCode::timeout, "no " + std::string(endpoint_class_name(endpoint)) +
                                                       " request budget for " + owner + " before the deadline");
    }
    if (b.sleeper) {
      b.changed.wait_for(lock, k_waiter_poll);
      continue;
    }
    // This thread sleeps on the clock for everyone waiting here, until the next token or the earliest deadline,
    // and then dispatches; with a FakeClock the sleep just advances time, so single-threaded tests are exact.
    TimePoint wake = next;
    for (const auto& [waiting, until] : b.deadlines) {
      if (until > now) wake = std::min(wake, until);  // passed ones are woken by the notification below
    }
    b.sleeper = true;
    lock.unlock();
    s.clock.sleep_for(std::min<std::chrono::nanoseconds>(wake - now, k_max_sleep));
    lock.lock();
    b.sleeper = false;
    b.changed.notify_all();
  }
}

void RateLimiter::observe(const std::string& owner, EndpointClass endpoint, const RateLimitHeaders& headers) {
  std::lock_guard lock(m_state->mutex);
  State::Bucket& b = m_state->bucket(owner, endpoint);
  const TimePoint now = m_state->clock.monotonic();
  // A limit counted over another window (a per-second or per-IP policy) says nothing about this bucket's size.
  const bool same_window = !headers.limit_window || *headers.limit_window == m_state->limits.window;
  if (headers.limit && same_window) b.tokens.lower_capacity(*headers.limit, now);
  if (headers.remaining) b.tokens.correct(*headers.remaining, headers.reset, now);
  b.changed.notify_all();
}

void RateLimiter::back_off(const std::string& owner, EndpointClass endpoint, std::chrono::milliseconds wait) {
  std::lock_guard lock(m_state->mutex);
  State::Bucket& b = m_state->bucket(owner, endpoint);
  b.tokens.block(wait, m_state->clock.monotonic());
  b.changed.notify_all();
}

}  // namespace rbxpipe::cloud
