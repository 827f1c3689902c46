// The libcurl transport against a real HTTP server on 127.0.0.1 (no other network is touched).

#include <httplib.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "cloud/client.h"
#include "cloud/http_transport.h"

namespace rbxpipe::cloud {
namespace {

using namespace std::chrono_literals;

class LocalServer {
 public:
  LocalServer() {
    // A proxy from the environment must not capture requests meant for this machine.
    ::setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    m_server.Get("/hello", [this](const httplib::Request& request, httplib::Response& response) {
      remember(request);
      response.set_header("X-RateLimit-Remaining", "41");
      response.set_content("hello", "text/plain");
    });
    m_server.Post("/echo", [this](const httplib::Request& request, httplib::Response& response) {
      remember(request);
      response.status = 201;
      response.set_content(request.body, request.get_header_value("Content-Type").c_str());
    });
    m_server.Patch("/echo", [this](const httplib::Request& request, httplib::Response& response) {
      remember(request);
      response.set_content("patched:" + request.body, "text/plain");
    });
    m_server.Get("/unavailable", [](const httplib::Request&, httplib::Response& response) {
      response.status = 503;
      response.set_content("<html><title>down</title></html>", "text/html");
    });
    m_server.Post("/slow", [this](const httplib::Request& request, httplib::Response& response) {
      remember(request);
      std::this_thread::sleep_for(700ms);
      response.set_content("late", "text/plain");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) std::this_thread::sleep_for(1ms);
  }

  ~LocalServer() {
    m_server.stop();
    m_thread.join();
  }

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }

  httplib::Request last() const {
    std::lock_guard lock(m_mutex);
    return m_last;
  }

  int requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

  std::set<int> client_ports() const {
    std::lock_guard lock(m_mutex);
    return m_ports;
  }

 private:
  void remember(const httplib::Request& request) {
    std::lock_guard lock(m_mutex);
    m_last = request;
    m_ports.insert(request.remote_port);
    ++m_requests;
  }

  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
  mutable std::mutex m_mutex;
  httplib::Request m_last;
  std::set<int> m_ports;
  int m_requests = 0;
};

HttpRequest request_to(std::string url, std::string method = "GET") {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.connect_timeout = 2s;
  request.total_timeout = 5s;
  return request;
}

TEST(CurlTransport, GetsStatusHeadersAndBodyAndReusesTheConnection) {
  LocalServer server;
  auto transport = make_curl_transport();
  HttpRequest request = request_to(server.url("/hello"));
  request.headers.add("x-api-key", "k-1");
  for (int i = 0; i < 2; ++i) {
    auto response = transport->send(request);
    ASSERT_TRUE(response.ok()) << response.error().to_string();
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "hello");
    EXPECT_EQ(response->headers.get("x-ratelimit-remaining"), "41");
  }
  EXPECT_EQ(server.last().get_header_value("x-api-key"), "k-1");
  EXPECT_TRUE(server.last().get_header_value("User-Agent").starts_with("rbxpipe/"));
  EXPECT_EQ(server.client_ports().size(), 1u);  // both requests went over one connection
}

TEST(CurlTransport, PostsTheBodyWithItsContentType) {
  LocalServer server;
  auto transport = make_curl_transport();
  HttpRequest request = request_to(server.url("/echo"), "POST");
  request.headers.add("Content-Type", "application/octet-stream");
  request.body = std::string("<roblox!\0\x01", 10);
  auto response = transport->send(request);
  ASSERT_TRUE(response.ok()) << response.error().to_string();
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, request.body);
  EXPECT_EQ(server.last().get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_FALSE(server.last().has_header("Expect"));
}

TEST(CurlTransport, SendsOtherMethodsWithTheirBody) {
  LocalServer server;
  auto transport = make_curl_transport();
  HttpRequest request = request_to(server.url("/echo"), "PATCH");
  request.body = "v2";
  auto response = transport->send(request);
  ASSERT_TRUE(response.ok()) << response.error().to_string();
  EXPECT_EQ(response->body, "patched:v2");
  EXPECT_EQ(server.last().method, "PATCH");
}

TEST(CurlTransport, ErrorStatusesAreResponsesNotErrors) {
  LocalServer server;
  auto response = make_curl_transport()->send(request_to(server.url("/unavailable")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
}

TEST(CurlTransport, ConnectionRefusedIsUnavailableAndNotSent) {
  std::string url;
  {
    LocalServer closed;  // a port that was just free and is closed again
    url = closed.url("/hello");
  }
  auto response = make_curl_transport()->send(request_to(url, "POST"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), base::ErrorCode::unavailable);
  EXPECT_FALSE(request_may_have_arrived(response.error()));
}

TEST(CurlTransport, TimeoutAfterSendingIsTimeoutAndMayHaveArrived) {
  LocalServer server;
  HttpRequest request = request_to(server.url("/slow"), "POST");
  request.body = "create me";
  request.total_timeout = 200ms;
  const auto started = std::chrono::steady_clock::now();
  auto response = make_curl_transport()->send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 650ms);
  EXPECT_EQ(response.error().code(), base::ErrorCode::timeout);
  EXPECT_TRUE(request_may_have_arrived(response.error()));
}

TEST(CurlTransport, RefusesHeadersThatWouldSplitTheRequest) {
  HttpRequest request = request_to("http://127.0.0.1:9/never");
  request.headers.add("x-api-key", "a\r\nHost: elsewhere");
  auto response = make_curl_transport()->send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), base::ErrorCode::invalid_input);
}

TEST(CurlTransport, ClientCreateThatTimedOutIsNotResent) {
  LocalServer server;
  ClientOptions options;
  options.base_url = server.url("");
  options.api_key = "k-2";
  OpenCloudClient client(options);
  ApiCall call;
  call.idempotency = Idempotency::create;
  call.request.method = "POST";
  call.request.url = "/slow";
  call.request.total_timeout = 200ms;
  auto result = client.call(call);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(request_may_have_arrived(result.error()));
  EXPECT_EQ(result.error().message().rfind("POST /slow: Timeout was reached", 0), 0u) << result.error().message();
  EXPECT_NE(result.error().message().find("may or may not exist"), std::string::npos);
  EXPECT_EQ(server.requests(), 1);
}

}  // namespace
}  // namespace rbxpipe::cloud
