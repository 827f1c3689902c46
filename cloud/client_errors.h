#pragma once
// How the client turns answers it will not retry into base::Errors (open-cloud.md §5.3, §5.4). Internal to cloud/.

#include <string>
#include <string_view>

#include "base/error.h"
#include "cloud/client.h"

namespace rbxpipe::cloud {

/// "POST /assets/v1/assets": the method and the path with its query, never the host or a header.
std::string call_label(const HttpRequest& request);

/// True for answers a safe or repeatable call may retry: 408, 499 and 5xx except 501.
bool is_retryable_status(int status);

/// The error for a non-2xx answer: the code follows the status, the message names the call, the status and the
/// body's own message, plus a hint where the usual cause is known (expired keys, missing scopes, Team Create).
base::Error error_for_response(const ApiCall& call, std::string_view label, const HttpResponse& response);

/// True when a place publish failed in the way oversized places do (500 above 10 MiB): retrying will not help.
bool is_oversized_place_failure(const ApiCall& call, const HttpResponse& response);

}  // namespace rbxpipe::cloud
