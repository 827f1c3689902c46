#pragma once
// Lenient parsing of the rate-limit headers Open Cloud may send (open-cloud.md §5.2) and of HTTP dates.

#include <chrono>
#include <optional>
#include <string_view>

#include "cloud/http_transport.h"
#include "cloud/rate_limiter.h"

namespace rbxpipe::cloud {

/// Reads x-ratelimit-limit (first policy), x-ratelimit-remaining, x-ratelimit-reset (delta seconds) and Retry-After
/// (delta seconds or an HTTP date, measured from `now`); unreadable values are left out.
RateLimitHeaders parse_rate_limit_headers(const HttpHeaders& headers, std::chrono::system_clock::time_point now);

/// A Retry-After value as a wait from `now`: "120", "1.5", or an HTTP date (a past date gives zero).
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

/// An HTTP date in any of the three forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime), in UTC.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

}  // namespace rbxpipe::cloud
