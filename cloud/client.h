#pragma once
// OpenCloudClient: sends Open Cloud requests through the rate limiter with the retry policy of open-cloud.md §5.4,
// and turns every failure (whatever shape its body has) into a base::Error with the right code.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "cloud/http_transport.h"
#include "cloud/rate_limiter.h"

namespace rbxpipe::cloud {

/// The real service.
inline constexpr std::string_view k_default_open_cloud_url = "https://apis.roblox.com";

/// The base URL to use: `configured` when given (an environment's open_cloud_url), else RBXPIPE_OPEN_CLOUD_URL, else
/// the real service. Trailing slashes are dropped.
std::string resolve_base_url(const std::optional<std::string>& configured);

/// How the client retries.
struct RetryOptions {
  int max_attempts = 5;                                  ///< attempts for retryable failures, the first included
  std::chrono::milliseconds base_delay{1000};            ///< first backoff (full jitter: uniform in [0, delay])
  std::chrono::milliseconds max_delay{60'000};           ///< backoff cap
  std::chrono::milliseconds max_rate_limit_wait{300'000};///< longest single wait a 429 may ask for
};

/// Everything a client needs.
struct ClientOptions {
  std::string base_url;                 ///< e.g. "https://apis.roblox.com" or "http://127.0.0.1:7878"
  std::string api_key;                  ///< sent as x-api-key; never logged
  std::string owner;                    ///< rate-limit owner ("group:789", "user:42"); empty: "key:<digest>"
  std::string tenant = "local";         ///< fair-share identity of the job
  std::shared_ptr<HttpTransport> transport;   ///< nullptr: libcurl
  std::shared_ptr<RateLimiter> limiter;       ///< nullptr: a private limiter with the shipped limits
  base::Clock* clock = nullptr;               ///< nullptr: the system clock (tests pass a FakeClock)
  RetryOptions retry;                         ///< retry policy (backoff sleeps go through `clock`)
};

/// Whether a request may be repeated when its answer is lost.
enum class Idempotency {
  safe,        ///< GETs and other reads: retried on 5xx, resets and timeouts
  repeatable,  ///< writes whose repetition is harmless (publish = one more version; rollback; restart)
  create,      ///< creates: re-sent only after 429s and failures that prove nothing was sent (no idempotency key)
};

/// One API call to make.
struct ApiCall {
  EndpointClass endpoint = EndpointClass::assets;  ///< which budget it spends
  Idempotency idempotency = Idempotency::safe;     ///< retry rule
  HttpRequest request;                             ///< url may be a path ("/assets/v1/assets"), joined to base_url
};

/// A finished call: the 2xx response (non-2xx become Errors).
struct ApiResponse {
  HttpResponse http;   ///< status, headers, body
  int attempts = 1;    ///< how many times it was sent
};

/// An Open Cloud client. Thread-safe; share one per (key, base URL).
class OpenCloudClient {
 public:
  /// A client with `options`; registers the API key as a log secret.
  explicit OpenCloudClient(ClientOptions options);
  ~OpenCloudClient();

  /// Sends a call: waits for the owner's budget, retries what §5.4 says may be retried, honours Retry-After /
  /// x-ratelimit-reset on 429. Errors carry codes: invalid_input (400, other 4xx), unauthenticated (401),
  /// forbidden (403), not_found (404), conflict (409), too_large (413; a 500 to a place over 10 MiB),
  /// unsupported (501), rate_limited (429 after retries, or a wait above max_rate_limit_wait), unavailable (5xx,
  /// 499, resets after retries), timeout (transport timeouts, 408). A create that may have reached the server (a
  /// lost answer or any 5xx) is not re-sent: it fails with request_may_have_arrived() true. Every message starts
  /// with the method and path ("POST /assets/v1/assets: HTTP 401: ...") and never holds the key.
  base::Result<ApiResponse> call(ApiCall call);

  /// The options in use, with defaults filled in (resolved base URL, owner, transport, limiter).
  const ClientOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

/// Parses any Open Cloud error body (gateway `errors[]`, v2 `{code,message}`, v1 `{error,message}`, ASP.NET
/// problem+json, validation problems, HTML pages, empty) into one readable line (the status's reason when empty).
std::string error_message_from_body(int status, std::string_view body);

}  // namespace rbxpipe::cloud
