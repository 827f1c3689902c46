#include "tests/support/fake_transport.h"

namespace rbxpipe::testing {

cloud::HttpResponse FakeTransport::response(int status, std::string body,
                                            std::initializer_list<std::pair<std::string, std::string>> headers) {
  cloud::HttpResponse out;
  out.status = status;
  out.body = std::move(body);
  for (const auto& [name, value] : headers) out.headers.add(name, value);
  return out;
}

void FakeTransport::push(base::Result<cloud::HttpResponse> answer) {
  std::lock_guard lock(m_mutex);
  m_script.push_back(std::move(answer));
}

void FakeTransport::push_response(int status, std::string body,
                                  std::initializer_list<std::pair<std::string, std::string>> headers) {
  push(response(status, std::move(body), headers));
}

void FakeTransport::push_error(base::ErrorCode code, std::string message, bool sent) {
  base::Error error(code, std::move(message));
  push(sent ? cloud::mark_may_have_arrived(std::move(error)) : std::move(error));
}

void FakeTransport::set_handler(Handler handler) {
  std::lock_guard lock(m_mutex);
  m_handler = std::move(handler);
}

base::Result<cloud::HttpResponse> FakeTransport::send(const cloud::HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(m_mutex);
    m_requests.push_back(request);
    if (!m_script.empty()) {
      auto answer = std::move(m_script.front());
      m_script.pop_front();
      return answer;
    }
    handler = m_handler;
  }
  // The handler runs unlocked so it may block or call back into the fake.
  if (handler) return handler(request);
  return base::Error(base::ErrorCode::internal, "FakeTransport: nothing scripted for " + request.method + " " +
                                                    request.url);
}

std::vector<cloud::HttpRequest> FakeTransport::requests() const {
  std::lock_guard lock(m_mutex);
  return m_requests;
}

std::size_t FakeTransport::request_count() const {
  std::lock_guard lock(m_mutex);
  return m_requests.size();
}

std::size_t FakeTransport::pending() const {
  std::lock_guard lock(m_mutex);
  return m_script.size();
}

}  // namespace rbxpipe::testing
