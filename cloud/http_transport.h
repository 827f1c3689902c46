#pragma once
// HttpTransport: the one door every Open Cloud request goes through. CurlTransport is the real one; tests use
// FakeTransport (tests/support) or the emulator on 127.0.0.1.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace rbxpipe::cloud {

/// Header fields in order; names compare case-insensitively.
class HttpHeaders {
 public:
  /// Appends a field (several fields may share a name).
  void add(std::string name, std::string value);
  /// Replaces every field called `name` with one.
  void set(std::string name, std::string value);
  /// The first value of `name` (case-insensitive), or nullopt.
  std::optional<std::string> get(std::string_view name) const;
  /// Every field in order.
  const std::vector<std::pair<std::string, std::string>>& fields() const { return m_fields; }

 private:
  std::vector<std::pair<std::string, std::string>> m_fields;
};

/// One request.
struct HttpRequest {
  std::string method = "GET";  ///< GET, POST, PATCH, ...
  std::string url;             ///< absolute URL
  HttpHeaders headers;         ///< request headers (the API key goes here, never in the URL)
  std::string body;            ///< request body
  std::chrono::milliseconds connect_timeout{10'000};  ///< time to establish the connection
  std::chrono::milliseconds total_timeout{120'000};   ///< time for the whole exchange
};

/// One response. A transport that got no response at all returns an Error instead.
struct HttpResponse {
  int status = 0;        ///< HTTP status
  HttpHeaders headers;   ///< response headers
  std::string body;      ///< response body
};

/// Sends requests. Implementations are thread-safe. Errors: `unavailable` when no connection could be made or it was
/// reset, `timeout` when a timeout passed, `invalid_input` for a URL the transport cannot use; a "request sent"
/// entry in the error context says the request may have reached the server (see request_may_have_arrived).
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// Performs one exchange.
  virtual base::Result<HttpResponse> send(const HttpRequest& request) = 0;
};

/// True when a transport error leaves open whether the server received the request (the connection was made and
/// the request sent, then the response was lost). Creates must then never be retried blindly.
bool request_may_have_arrived(const base::Error& error);

/// Marks a transport error as "the request may have arrived" by adding the innermost context entry "request sent"
/// (used by transports and by the client; marking twice adds it once).
base::Error mark_may_have_arrived(base::Error error);

/// Options of the libcurl transport.
struct CurlOptions {
  bool verify_tls = true;        ///< verify certificates and host names (never off outside tests)
  std::string user_agent;        ///< "rbxpipe/<version>"; empty: that default
};

/// The real transport: libcurl with connection reuse (a pool of easy handles), HTTP/2 when offered over TLS, the
/// request's timeouts, TLS verification, no signals, and the usual proxy environment variables. A request counts as
/// sent as soon as libcurl began writing it; connection refused, DNS and TLS handshake failures are not sent.
std::unique_ptr<HttpTransport> make_curl_transport(const CurlOptions& options = {});

}  // namespace rbxpipe::cloud
