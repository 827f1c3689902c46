#include "cloud/emulator/http_front.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <httplib.h>
#include <mutex>
#include <thread>

namespace rbxpipe::cloud::emulator {

namespace {

// httplib parses multipart and form bodies itself (and answers 400/413 for ones it dislikes) before a handler runs;
// the emulator must see raw bytes, so the real Content-Type is parked here until the handler restores it.
constexpr const char* k_parked_content_type = "X-Rbxpipe-Emulator-Content-Type";
constexpr int k_poll_slice_ms = 10;
constexpr std::size_t k_threads = 16;

std::string address_of(int fd, bool peer, int& port) {
  sockaddr_storage storage{};
  socklen_t length = sizeof(storage);
  auto* address = reinterpret_cast<sockaddr*>(&storage);
  int result = peer ? ::getpeername(fd, address, &length) : ::getsockname(fd, address, &length);
  std::array<char, INET6_ADDRSTRLEN> text{};
  port = 0;
  if (result != 0) return "";
  if (storage.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&storage);
    ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), static_cast<socklen_t>(text.size()));
    port = ntohs(v4->sin_port);
  } else if (storage.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&storage);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), static_cast<socklen_t>(text.size()));
    port = ntohs(v6->sin6_port);
  }
  return text.data();
}

bool wait_for(int fd, short events, int timeout_ms) {
  pollfd entry{fd, events, 0};
  int result = 0;
  do {
    result = ::poll(&entry, 1, timeout_ms);
  } while (result < 0 && errno == EINTR);
  return result > 0;
}

// One connection's byte stream: buffered reads, writes that never raise SIGPIPE, and an abort switch that makes
// every later write fail so no response byte leaves before the socket is reset.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int fd, int timeout_ms) : m_fd(fd), m_timeout_ms(timeout_ms) {}

  bool is_readable() const override { return buffered() || wait_for(m_fd, POLLIN, m_timeout_ms); }
  bool is_writable() const override { return !m_aborted && wait_for(m_fd, POLLOUT, m_timeout_ms); }

  ssize_t read(char* ptr, size_t size) override {
    if (!buffered()) {
      if (!wait_for(m_fd, POLLIN, m_timeout_ms)) return -1;
      ssize_t received = 0;
      do {
        received = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
      } while (received < 0 && errno == EINTR);
      if (received <= 0) return received;
      m_begin = 0;
      m_end = static_cast<std::size_t>(received);
    }
    std::size_t count = std::min(size, m_end - m_begin);
    std::memcpy(ptr, m_buffer.data() + m_begin, count);
    m_begin += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (m_aborted || !wait_for(m_fd, POLLOUT, m_timeout_ms)) return -1;
    ssize_t sent = 0;
    do {
      sent = ::send(m_fd, ptr, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = address_of(m_fd, true, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { ip = address_of(m_fd, false, port); }
  socket_t socket() const override { return m_fd; }

  bool buffered() const { return m_begin < m_end; }
  void abort() { m_aborted = true; }
  bool aborted() const { return m_aborted; }

 private:
  int m_fd;
  int m_timeout_ms;
  bool m_aborted = false;
  std::array<char, 4096> m_buffer{};
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
};

// The connection a server thread is serving: handlers run on that thread, so a reset reaches the right socket.
thread_local ConnectionStream* t_connection = nullptr;

class ResettableServer final : public httplib::Server {
 public:
  std::atomic<bool> stopping{false};

 private:
  bool wait_for_request(ConnectionStream& stream) const {
    if (stream.buffered()) return true;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    while (!stopping && svr_sock_ != INVALID_SOCKET && std::chrono::steady_clock::now() < deadline) {
      pollfd entry{stream.socket(), POLLIN, 0};
      int result = ::poll(&entry, 1, k_poll_slice_ms);
      if (result > 0) return true;
      if (result < 0 && errno != EINTR) return false;
    }
    return false;
  }

  // Replaces httplib's loop: the same keep-alive handling, but over ConnectionStream, and a reset connection is
  // closed with SO_LINGER 0 so the peer gets an RST instead of a response.
  bool process_and_close_socket(socket_t sock) override {
    // Headers and body go out in separate writes; without TCP_NODELAY the body waits for a delayed ACK (~40 ms).
    int yes = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    ConnectionStream stream(sock, static_cast<int>(read_timeout_sec_ * 1000));
    t_connection = &stream;
    bool ok = false;
    const std::function<void(httplib::Request&)> no_setup;
    for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
      if (!wait_for_request(stream)) break;
      bool closed = false;
      ok = process_request(stream, left == 1, closed, no_setup);
      if (!ok || closed || stream.aborted()) break;
    }
    t_connection = nullptr;
    if (stream.aborted()) {
      linger reset{1, 0};
      ::setsockopt(sock, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
    } else {
      ::shutdown(sock, SHUT_RDWR);
    }
    ::close(sock);
    return ok;
  }
};

Request to_request(const httplib::Request& from) {
  Request request;
  request.method = from.method;
  request.path = from.path;
  request.target = from.target;
  request.body = from.body;
  request.remote_addr = from.remote_addr.empty() ? "127.0.0.1" : from.remote_addr;
  for (const auto& [key, value] : from.params) request.query.emplace_back(key, value);
  bool parked = from.has_header(k_parked_content_type);
  for (const auto& [key, value] : from.headers) {
    std::string name = to_lower(key);
    if (name == "content-type" && parked) continue;
    if (name == to_lower(k_parked_content_type)) name = "content-type";
    request.headers.emplace_back(std::move(name), value);
  }
  return request;
}

}  // namespace

struct HttpFront::Impl {
  Dispatch dispatch;
  ResettableServer server;
  std::thread thread;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;

  void hold(int delay_ms) {
    std::unique_lock lock(mutex);
    wake.wait_for(lock, std::chrono::milliseconds(delay_ms), [&] { return stopping; });
  }

  void handle(const httplib::Request& from, httplib::Response& to) {
    Dispatched dispatched = dispatch(to_request(from));
    if (dispatched.reset) {
      if (t_connection != nullptr) t_connection->abort();
      to.status = 500;
      return;
    }
    if (dispatched.delay_ms > 0) hold(dispatched.delay_ms);
    const Response& response = dispatched.response;
    to.status = response.status;
    for (const auto& [name, value] : response.headers) to.set_header(name, value);
    to.set_content(response.body, response.content_type);
  }
};

HttpFront::HttpFront(Dispatch dispatch) : m_impl(std::make_unique<Impl>()) {
  m_impl->dispatch = std::move(dispatch);
  auto& server = m_impl->server;
  server.new_task_queue = [] { return new httplib::ThreadPool(k_threads); };
  server.set_keep_alive_max_count(100);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let two emulators share one port.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response&) {
    // The request object is not const in httplib's router; only the handler's view of it is.
    auto& headers = const_cast<httplib::Request&>(request).headers;
    auto found = headers.find("Content-Type");
    if (found != headers.end()) {
      std::string original = found->second;
      headers.erase(found);
      headers.emplace(k_parked_content_type, original);
      headers.emplace("Content-Type", "application/octet-stream");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handler = [impl = m_impl.get()](const httplib::Request& from, httplib::Response& to) { impl->handle(from, to); };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);
}

HttpFront::~HttpFront() { stop(); }

base::Result<int> HttpFront::start(const std::string& host, int port) {
  auto& server = m_impl->server;
  int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return base::Error(base::ErrorCode::unavailable,
                       "cannot listen on " + host + ":" + std::to_string(port) + " (is the port in use?)");
  }
  m_impl->thread = std::thread([&server] { server.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs, so do not return before it does.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return bound;
}

void HttpFront::stop() {
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stopping = true;
  }
  m_impl->wake.notify_all();
  m_impl->server.stopping = true;
  if (m_impl->thread.joinable()) {
    m_impl->server.stop();
    m_impl->thread.join();
  }
}

}  // namespace rbxpipe::cloud::emulator
