#include "cloud/rate_limit_headers.h"

#include <charconv>
#include <cmath>

namespace rbxpipe::cloud {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The first policy of a possibly multi-policy value: "1000, 1000;w=60" -> "1000".
std::string_view first_token(std::string_view value) {
  return trim(value.substr(0, value.find_first_of(",;")));
}

std::optional<int> non_negative_int(std::string_view text) {
  text = trim(text);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// Seconds as "20" or "1.5"; a day is the most we believe, anything beyond is a misreading.
std::optional<std::chrono::milliseconds> seconds_value(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  double seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(seconds) || seconds > 86'400) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
}

// The window of the first "N;w=S" policy whose N is the limit: "1000, 1000;w=60" -> 60 s.
std::optional<std::chrono::seconds> policy_window(std::string_view value, int limit) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    std::string_view policy = trim(value.substr(0, comma));
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    const auto semicolon = policy.find(';');
    if (semicolon == std::string_view::npos || non_negative_int(policy.substr(0, semicolon)) != limit) continue;
    std::string_view parameters = policy.substr(semicolon + 1);
    while (!parameters.empty()) {
      const auto next = parameters.find(';');
      std::string_view parameter = trim(parameters.substr(0, next));
      parameters = next == std::string_view::npos ? std::string_view{} : parameters.substr(next + 1);
      if (parameter.starts_with("w=")) {
        if (auto seconds = non_negative_int(parameter.substr(2)); seconds && *seconds > 0) {
          return std::chrono::seconds(*seconds);
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  if (auto delta = seconds_value(value)) return delta;
  const auto date = parse_http_date(trim(value));
  if (!date) return std::nullopt;
  if (*date <= now) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(*date - now);
}

RateLimitHeaders parse_rate_limit_headers(const HttpHeaders& headers, std::chrono::system_clock::time_point now) {
  RateLimitHeaders out;
  if (auto value = headers.get("x-ratelimit-limit")) {
    out.limit = non_negative_int(first_token(*value));
    if (out.limit && *out.limit == 0) out.limit.reset();  // a zero quota is a misreading, not a policy
    if (out.limit) out.limit_window = policy_window(*value, *out.limit);
  }
  if (auto value = headers.get("x-ratelimit-remaining")) out.remaining = non_negative_int(first_token(*value));
  if (auto value = headers.get("x-ratelimit-reset")) out.reset = seconds_value(first_token(*value));
  if (auto value = headers.get("retry-after")) out.retry_after = parse_retry_after(*value, now);
  return out;
}

}  // namespace rbxpipe::cloud
