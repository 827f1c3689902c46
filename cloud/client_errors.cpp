#include "cloud/client_errors.h"

#include <algorithm>
#include <cctype>

namespace rbxpipe::cloud {

namespace {

// Open Cloud's documented place size limit (x-roblox-size-limit on the publish endpoint).
constexpr std::size_t k_place_size_limit = 10 * 1024 * 1024;

bool is_read(const HttpRequest& request) { return request.method == "GET" || request.method == "HEAD"; }

// The scope a call needs (open-cloud.md §0), for the hint of a 403.
std::string needed_scope(const ApiCall& call) {
  const bool read = is_read(call.request);
  switch (call.endpoint) {
    case EndpointClass::assets:
    case EndpointClass::asset_versions:
      return read ? "asset:read" : "asset:read and asset:write";
    case EndpointClass::operations:
    case EndpointClass::asset_quotas: return "asset:read";
    case EndpointClass::place_publishing: return "universe-places:write";
    case EndpointClass::luau_task_create:
    case EndpointClass::luau_binary_input: return "universe.place.luau-execution-session:write";
    case EndpointClass::luau_task_read:
    case EndpointClass::luau_task_logs: return "universe.place.luau-execution-session:read";
    case EndpointClass::restart_servers: return "universe:write";
    case EndpointClass::api_keys: return {};
  }
  return {};
}

bool mentions_scope(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered.find("scope") != std::string::npos;
}

std::string mebibytes(std::size_t bytes) {
  return std::to_string(bytes / (1024 * 1024)) + "." + std::to_string((bytes % (1024 * 1024)) * 10 / (1024 * 1024)) +
         " MiB";
}

}  // namespace

std::string call_label(const HttpRequest& request) {
  std::string_view url = request.url;
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
    const auto path = url.find('/', scheme + 3);
    url = path == std::string_view::npos ? std::string_view("/") : url.substr(path);
  }
  return request.method + " " + std::string(url);
}

bool is_retryable_status(int status) {
  return status == 408 || status == 499 || (status >= 500 && status <= 599 && status != 501);
}

bool is_oversized_place_failure(const ApiCall& call, const HttpResponse& response) {
  return call.endpoint == EndpointClass::place_publishing && response.status == 500 &&
         call.request.body.size() > k_place_size_limit;
}

base::Error error_for_response(const ApiCall& call, std::string_view label, const HttpResponse& response) {
  using base::ErrorCode;
  const int status = response.status;
  const std::string body_message = error_message_from_body(status, response.body);
  std::string message = std::string(label) + ": HTTP " + std::to_string(status) + ": " + body_message;
  const std::string scope = needed_scope(call);
  switch (status) {
    case 400: return base::Error(ErrorCode::invalid_input, message);
    case 401:
      return base::Error(ErrorCode::unauthenticated,
                         message + "; the API key was refused: check it is the right key and still enabled (keys "
                                   "unused for 60 days auto-expire; re-enable the key on the Creator Dashboard)");
    case 403:
      if (mentions_scope(body_message)) {
        message += "; the API key is missing a scope";
        if (!scope.empty()) message += ": this call needs " + scope;
      } else {
        message += "; the API key or its owner lacks permission";
        if (!scope.empty()) message += " (this call needs " + scope + ")";
        message += ": check the key's access permissions, its experiences and its accepted IP addresses";
      }
      return base::Error(ErrorCode::forbidden, message);
    case 404: return base::Error(ErrorCode::not_found, message);
    case 409:
      if (call.endpoint == EndpointClass::place_publishing) {
        message += "; the place is probably open in a Team Create session (close it in Studio) or is not part of "
                   "the universe";
      }
      return base::Error(ErrorCode::conflict, message);
    case 413: return base::Error(ErrorCode::too_large, message);
    case 429: return base::Error(ErrorCode::rate_limited, message);
    case 501: return base::Error(ErrorCode::unsupported, message);
    default: break;
  }
  if (is_oversized_place_failure(call, response)) {
    return base::Error(ErrorCode::too_large, message + "; the place file is " + mebibytes(call.request.body.size()) +
                                                 ", above Open Cloud's 10 MiB limit, which fails this way: make it "
                                                 "smaller (binary .rbxl is smaller than .rbxlx)");
  }
  if (status == 408) return base::Error(ErrorCode::timeout, message);
  if (is_retryable_status(status)) return base::Error(ErrorCode::unavailable, message);
  return base::Error(ErrorCode::invalid_input, message);
}

}  // namespace rbxpipe::cloud
