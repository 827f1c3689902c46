#pragma once
// Internal to cloud/emulator/: the error bodies Open Cloud's layers send (open-cloud.md §5.3) and JSON answers.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cloud/emulator/exchange.h"

namespace rbxpipe::cloud::emulator {

/// Ordered JSON, so bodies are byte-identical from run to run.
using Json = nlohmann::ordered_json;

/// A JSON answer.
Response json_response(int status, const Json& body);
/// The v1/v2 status shape {"code":"INVALID_ARGUMENT","message":...}; the code name follows from the status.
Response status_error(int status, std::string message);
/// The same shape with an explicit code name ("INSUFFICIENT_SCOPE").
Response status_error(int status, std::string_view code, std::string message);
/// The gateway shape {"errors":[{"code":0,"message":...}]} (authentication, moderated accounts).
Response gateway_error(int status, std::string message);
/// The ASP.NET validation problem for a malformed path value: {"errors":{field:[...]},"status":400,...}.
Response validation_problem(const std::string& field, const std::string& value, int sequence);
/// The ASP.NET 500 problem+json body.
Response problem_500(int sequence);
/// An HTML error page with this status (502, 503...).
Response html_error(int status);
/// 429 {"code":"RESOURCE_EXHAUSTED","message":"Too many requests"}.
Response too_many_requests();
/// The gRPC-style code name of an HTTP status (400 INVALID_ARGUMENT, 404 NOT_FOUND...).
std::string_view code_name_for_status(int status);
/// A W3C traceparent-like id, deterministic per request number.
std::string trace_id(int sequence);

}  // namespace rbxpipe::cloud::emulator
