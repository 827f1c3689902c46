#pragma once
// FakeTransport: a scriptable HttpTransport for unit tests. Scripted answers are used first, in order; then the
// handler, if any. Every request is recorded.

#include <deque>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cloud/http_transport.h"

namespace rbxpipe::testing {

/// A thread-safe fake transport that never touches the network.
class FakeTransport final : public cloud::HttpTransport {
 public:
  /// Answers a request when nothing scripted is left.
  using Handler = std::function<base::Result<cloud::HttpResponse>(const cloud::HttpRequest&)>;

  /// Builds a response with `status`, `body` and `headers` (name, value).
  static cloud::HttpResponse response(int status, std::string body = {},
                                      std::initializer_list<std::pair<std::string, std::string>> headers = {});

  /// Scripts the next answer: a response or a transport error.
  void push(base::Result<cloud::HttpResponse> answer);
  /// Scripts the next answer as response(status, body, headers).
  void push_response(int status, std::string body = {},
                     std::initializer_list<std::pair<std::string, std::string>> headers = {});
  /// Scripts a transport error; `sent` marks it as "the request may have arrived".
  void push_error(base::ErrorCode code, std::string message, bool sent);
  /// Sets the handler used once the script is exhausted.
  void set_handler(Handler handler);

  /// Pops the next scripted answer, else asks the handler, else fails with `internal` ("nothing scripted").
  base::Result<cloud::HttpResponse> send(const cloud::HttpRequest& request) override;

  /// Every request so far, in order.
  std::vector<cloud::HttpRequest> requests() const;
  /// How many requests were sent.
  std::size_t request_count() const;
  /// Scripted answers not consumed yet.
  std::size_t pending() const;

 private:
  mutable std::mutex m_mutex;
  std::deque<base::Result<cloud::HttpResponse>> m_script;
  Handler m_handler;
  std::vector<cloud::HttpRequest> m_requests;
};

}  // namespace rbxpipe::testing
