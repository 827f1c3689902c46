#include "cloud/emulator/responses.h"

#include <array>
#include <cstdio>

namespace rbxpipe::cloud::emulator {

Response json_response(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

std::string_view code_name_for_status(int status) {
  switch (status) {
    case 400: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 409: return "ABORTED";
    case 413: return "INVALID_ARGUMENT";
    case 429: return "RESOURCE_EXHAUSTED";
    case 499: return "CANCELLED";
    case 501: return "NOT_IMPLEMENTED";
    case 503: return "UNAVAILABLE";
    default: return status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
  }
}

Response status_error(int status, std::string message) {
  return status_error(status, code_name_for_status(status), std::move(message));
}

Response status_error(int status, std::string_view code, std::string message) {
  return json_response(status, Json{{"code", code}, {"message", std::move(message)}});
}

Response gateway_error(int status, std::string message) {
  return json_response(status, Json{{"errors", Json::array({Json{{"code", 0}, {"message", std::move(message)}}})}});
}

std::string trace_id(int sequence) {
  std::array<char, 64> text{};
  std::snprintf(text.data(), text.size(), "00-%032x-%016x-00", static_cast<unsigned>(sequence),
                static_cast<unsigned>(sequence * 7919));
  return text.data();
}

Response validation_problem(const std::string& field, const std::string& value, int sequence) {
  Json body{{"errors", Json{{field, Json::array({"The value '" + value + "' is not valid."})}}},
            {"type", "https://tools.ietf.org/html/rfc9110#section-15.5.1"},
            {"title", "One or more validation errors occurred."},
            {"status", 400},
            {"extensions", Json{{"traceId", trace_id(sequence)}}}};
  Response response = json_response(400, body);
  response.content_type = "application/problem+json";
  return response;
}

Response problem_500(int sequence) {
  Json body{{"type", "https://tools.ietf.org/html/rfc7231#section-6.6.1"},
            {"title", "An error occurred while processing your request."},
            {"status", 500},
            {"traceId", trace_id(sequence)}};
  Response response = json_response(500, body);
  response.content_type = "application/problem+json; charset=utf-8";
  return response;
}

Response html_error(int status) {
  std::string title = status == 502 ? "502 Bad Gateway" : status == 503 ? "503 Service Unavailable" : "Error";
  Response response;
  response.status = status;
  response.content_type = "text/html";
  response.body = "<!DOCTYPE html>\n<html><head><title>" + title +
                  "</title></head>\n<body><div class=\"request-error-page-content\"><h1>" + title +
                  "</h1><p class=\"error-message\">The service is temporarily unable to handle the request.</p>"
                  "</div></body></html>\n";
  return response;
}

Response too_many_requests() { return status_error(429, "RESOURCE_EXHAUSTED", "Too many requests"); }

}  // namespace rbxpipe::cloud::emulator
