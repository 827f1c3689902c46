#pragma once
// Internal to cloud/emulator/: one HTTP request and its answer as the route handlers see them, free of the HTTP
// library (the front in http_front.cpp converts).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rbxpipe::cloud::emulator {

/// A request: method, decoded path, query parameters, headers (names lower-cased) and the raw body.
struct Request {
  std::string method;                                        ///< GET, POST, PATCH, ...
  std::string path;                                          ///< decoded path without the query
  std::string target;                                        ///< path and query as sent
  std::vector<std::pair<std::string, std::string>> query;    ///< decoded query parameters in order
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased
  std::string body;                                          ///< raw body bytes (multipart is not pre-parsed)
  std::string remote_addr = "127.0.0.1";                     ///< peer address
  std::vector<std::string> captures;                         ///< the route pattern's groups

  /// The first value of a header (name compared case-insensitively), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
  /// The first value of a query parameter, or nullopt.
  std::optional<std::string> param(std::string_view name) const;
  /// The media type of Content-Type, lower-cased, without parameters ("multipart/form-data").
  std::string media_type() const;
};

/// An answer.
struct Response {
  int status = 200;                                          ///< HTTP status
  std::string content_type = "application/json";            ///< Content-Type
  std::string body;                                          ///< body bytes
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers

  /// Sets (replaces) a header.
  void set_header(std::string name, std::string value);
  /// The value of a header set on this response, or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

/// What the HTTP front must do with a dispatched request.
struct Dispatched {
  Response response;   ///< the answer (unused when reset)
  bool reset = false;  ///< reset the connection instead of answering
  int delay_ms = 0;    ///< hold the answer back this long (the side effect has happened)
};

/// ASCII lower-casing for header names and media types.
std::string to_lower(std::string_view text);

}  // namespace rbxpipe::cloud::emulator
