#include "cloud/client.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <random>

#include "base/log.h"
#include "base/sha256.h"
#include "cloud/client_errors.h"
#include "cloud/rate_limit_headers.h"

namespace rbxpipe::cloud {

namespace {

std::string join_url(const std::string& base_url, const std::string& url) {
  if (url.starts_with("http://") || url.starts_with("https://")) return url;
  std::string joined = base_url;
  while (!joined.empty() && joined.back() == '/') joined.pop_back();
  if (!url.starts_with('/')) joined += '/';
  return joined + url;
}

// Without a configured owner, keys are told apart by a digest: the budget is then per key, which undercounts only
// when one owner's several keys run in one process without saying whose they are.
std::string owner_for(const ClientOptions& options) {
  if (!options.owner.empty()) return options.owner;
  if (options.api_key.empty()) return "anonymous";
  return "key:" + base::sha256_hex(options.api_key).substr(0, 12);
}

std::shared_ptr<RateLimiter> private_limiter(base::Clock& clock) {
  auto limits = RateLimits::shipped();
  if (!limits) {
    base::log_warn("Open Cloud limits unreadable; only the server's answers will pace requests",
                   {{"error", limits.error().to_string()}});
    return std::make_shared<RateLimiter>(RateLimits{}, clock);
  }
  return std::make_shared<RateLimiter>(std::move(limits).value(), clock);
}

std::string seconds_text(std::chrono::milliseconds wait) {
  const auto tenths = (wait.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

}  // namespace

std::string resolve_base_url(const std::optional<std::string>& configured) {
  std::string url;
  if (configured && !configured->empty()) {
    url = *configured;
  } else if (const char* env = std::getenv("RBXPIPE_OPEN_CLOUD_URL"); env != nullptr && *env != '\0') {
    url = env;
  } else {
    url = std::string(k_default_open_cloud_url);
  }
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  return url;
}

struct OpenCloudClient::State {
  ClientOptions options;
  base::Clock& clock;
  std::shared_ptr<HttpTransport> transport;
  std::shared_ptr<RateLimiter> limiter;
  std::string owner;
  std::mutex random_mutex;
  std::mt19937_64 random{std::random_device{}()};

  State(ClientOptions o, base::Clock& c) : options(std::move(o)), clock(c) {}

  // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].
  std::chrono::milliseconds backoff(int attempt) {
    const RetryOptions& retry = options.retry;
    auto ceiling = retry.base_delay;
    for (int i = 1; i < attempt && ceiling < retry.max_delay; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, retry.max_delay);
    std::lock_guard lock(random_mutex);
    std::uniform_int_distribution<long long> pick(0, std::max<long long>(0, ceiling.count()));
    return std::chrono::milliseconds(pick(random));
  }

  base::Result<ApiResponse> run(ApiCall& call);
};

OpenCloudClient::OpenCloudClient(ClientOptions options) {
  base::Clock& clock = options.clock != nullptr ? *options.clock : base::system_clock();
  m_state = std::make_unique<State>(std::move(options), clock);
  State& s = *m_state;
  // Registered before anything could log a request, so the key never reaches a log line.
  base::default_logger().add_secret(s.options.api_key);
  s.transport = s.options.transport ? s.options.transport : std::shared_ptr<HttpTransport>(make_curl_transport());
  s.limiter = s.options.limiter ? s.options.limiter : private_limiter(clock);
  s.owner = owner_for(s.options);
  s.options.base_url = resolve_base_url(s.options.base_url);
  s.options.transport = s.transport;
  s.options.limiter = s.limiter;
  s.options.owner = s.owner;
}

OpenCloudClient::~OpenCloudClient() = default;

const ClientOptions& OpenCloudClient::options() const { return m_state->options; }

base::Result<ApiResponse> OpenCloudClient::call(ApiCall call) { return m_state->run(call); }

base::Result<ApiResponse> OpenCloudClient::State::run(ApiCall& call) {
  HttpRequest& request = call.request;
  request.url = join_url(options.base_url, request.url);
  const std::string label = call_label(request);
  if (!options.api_key.empty()) request.headers.set("x-api-key", options.api_key);
  const bool create = call.idempotency == Idempotency::create;
  const int max_attempts = std::max(1, options.retry.max_attempts);

  for (int attempt = 1;; ++attempt) {
    if (auto budget = limiter->acquire(owner, call.endpoint, options.tenant); !budget) {
      return std::move(budget).error().with_context(label);
    }
    auto sent = transport->send(request);
    const bool last = attempt >= max_attempts;

    if (!sent) {
      const base::Error& failure = sent.error();
      const bool arrived = request_may_have_arrived(failure);
      if (arrived && create) {
        return mark_may_have_arrived(base::Error(
            base::ErrorCode::unavailable, label + ": " + failure.message() +
                                "; not sent again: the request may have reached the server and a create has no "
                                "idempotency key, so what it created may or may not exist"));
      }
      if (last) {
        base::Error error(failure.code(), label + ": " + failure.message() + " (after " + std::to_string(attempt) +
                                              (attempt == 1 ? " attempt)" : " attempts)"));
        return arrived ? mark_may_have_arrived(std::move(error)) : error;
      }
      const auto wait = backoff(attempt);
      base::log_debug("retrying Open Cloud call", {{"call", label}, {"after", failure.message()},
                                                   {"attempt", std::to_string(attempt + 1)}, {"in", seconds_text(wait)}});
      clock.sleep_for(wait);
      continue;
    }

    HttpResponse& response = sent.value();
    RateLimitHeaders budget = parse_rate_limit_headers(response.headers, clock.now());
    if (response.status == 429 && budget.retry_after) {
      // Retry-After is the server's word for when to come back; the reset would hold the bucket until the whole
      // window refills, which may be much later.
      budget.reset.reset();
    }
    limiter->observe(owner, call.endpoint, budget);
    if (response.status >= 200 && response.status < 300) return ApiResponse{std::move(response), attempt};

    if (response.status == 429) {
      // §5.4: Retry-After, else x-ratelimit-reset, else exponential backoff; applied to the shared bucket so every
      // job of this owner waits, not only this call. A rejected request created nothing, so creates retry too.
      const auto wait = budget.retry_after ? *budget.retry_after : budget.reset ? *budget.reset : backoff(attempt);
      limiter->back_off(owner, call.endpoint, wait);  // even when giving up: the owner's other jobs must wait too
      if (wait > options.retry.max_rate_limit_wait) {
        return base::Error(base::ErrorCode::rate_limited,
                           error_for_response(call, label, response).message() + "; the server asks to wait " +
                               seconds_text(wait) + ", longer than the " +
                               seconds_text(options.retry.max_rate_limit_wait) + " allowed");
      }
      if (last) {
        return base::Error(base::ErrorCode::rate_limited, error_for_response(call, label, response).message() +
                                                              " (after " + std::to_string(attempt) + " attempts)");
      }
      base::log_debug("Open Cloud rate limit reached",
                      {{"call", label}, {"owner", owner}, {"wait", seconds_text(wait)}});
      continue;
    }

    if (!is_retryable_status(response.status) || is_oversized_place_failure(call, response)) {
      return error_for_response(call, label, response);
    }
    if (create) {
      // The server answered, but a failing create may still have committed (open-cloud.md §5.4 "careful").
      base::Error error = error_for_response(call, label, response);
      return mark_may_have_arrived(base::Error(
          base::ErrorCode::unavailable,
          error.message() + "; not sent again: the server may have created it anyway, so it may or may not exist"));
    }
    if (last) {
      base::Error error = error_for_response(call, label, response);
      return base::Error(error.code(), error.message() + " (after " + std::to_string(attempt) +
                                           (attempt == 1 ? " attempt)" : " attempts)"));
    }
    // A 503 may say when to come back; never wait less than the backoff, nor more than its cap.
    auto wait = backoff(attempt);
    if (budget.retry_after) wait = std::min(std::max(wait, *budget.retry_after), options.retry.max_delay);
    base::log_debug("retrying Open Cloud call", {{"call", label}, {"status", std::to_string(response.status)},
                                                 {"attempt", std::to_string(attempt + 1)}, {"in", seconds_text(wait)}});
    clock.sleep_for(wait);
  }
}

}  // namespace rbxpipe::cloud
