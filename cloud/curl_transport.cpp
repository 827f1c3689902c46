// The libcurl transport. Easy handles are pooled per transport: a handle keeps its connection cache across
// curl_easy_reset, so requests to the same host reuse TCP/TLS connections (and HTTP/2 streams) without a shared
// handle between threads.

#include <curl/curl.h>

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "cloud/http_transport.h"

#ifndef RBXPIPE_VERSION
#define RBXPIPE_VERSION "0.0.0"
#endif

namespace rbxpipe::cloud {

namespace {

constexpr std::size_t k_max_idle_handles = 16;
// Far above any Open Cloud answer (task output is capped at 4 MB); a bound so a misbehaving server cannot exhaust
// memory before the total timeout fires.
constexpr std::size_t k_max_response_bytes = std::size_t{512} << 20;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What one perform collects; the callbacks write into it.
struct Exchange {
  HttpHeaders headers;
  std::string body;
  bool too_large = false;
  bool header_out = false;  // libcurl reported request header bytes leaving
  bool upload_started = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  if (exchange->body.size() + bytes > k_max_response_bytes) {
    exchange->too_large = true;
    return 0;
  }
  exchange->body.append(data, bytes);
  return bytes;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  // A status line starts a new header block (after "100 Continue" or a proxy's CONNECT answer); keep only the last.
  if (line.starts_with("HTTP/")) {
    exchange->headers = HttpHeaders{};
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    exchange->headers.add(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return bytes;
}

int on_debug(CURL*, curl_infotype type, char*, std::size_t, void* user) {
  if (type == CURLINFO_HEADER_OUT) static_cast<Exchange*>(user)->header_out = true;
  return 0;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded) {
  if (uploaded > 0) static_cast<Exchange*>(user)->upload_started = true;
  return 0;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  bool append(const std::string& line) {
    curl_slist* grown = curl_slist_append(list, line.c_str());
    if (grown == nullptr) return false;
    list = grown;
    return true;
  }
};

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// Errors that happen before a single request byte can have left: the request certainly did not arrive.
bool fails_before_sending(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return true;
    default:
      return false;
  }
}

base::ErrorCode error_code_for(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return base::ErrorCode::timeout;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return base::ErrorCode::invalid_input;
    case CURLE_OUT_OF_MEMORY: return base::ErrorCode::internal;
    default: return base::ErrorCode::unavailable;
  }
}

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlOptions options) : m_options(std::move(options)) {
    init_curl_once();
    if (m_options.user_agent.empty()) m_options.user_agent = std::string("rbxpipe/") + RBXPIPE_VERSION;
  }

  ~CurlTransport() override {
    for (CURL* handle : m_idle) curl_easy_cleanup(handle);
  }

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  base::Result<HttpResponse> send(const HttpRequest& request) override {
    CURL* handle = take_handle();
    if (handle == nullptr) return base::Error(base::ErrorCode::internal, "libcurl could not create a handle");
    auto result = perform(handle, request);
    give_back(handle);
    return result;
  }

 private:
  CURL* take_handle() {
    {
      std::lock_guard lock(m_mutex);
      if (!m_idle.empty()) {
        CURL* handle = m_idle.back();
        m_idle.pop_back();
        curl_easy_reset(handle);
        return handle;
      }
    }
    return curl_easy_init();
  }

  void give_back(CURL* handle) {
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < k_max_idle_handles) {
      m_idle.push_back(handle);
    } else {
      curl_easy_cleanup(handle);
    }
  }

  base::Result<HttpResponse> perform(CURL* handle, const HttpRequest& request) {
    Exchange exchange;
    HeaderList headers;
    bool has_expect = false;
    bool has_content_type = false;
    for (const auto& [name, value] : request.headers.fields()) {
      if (has_line_break(name) || has_line_break(value) || name.empty()) {
        return base::Error(base::ErrorCode::invalid_input, "header '" + name + "' holds a line break or no name");
      }
      has_expect = has_expect || curl_strequal(name.c_str(), "Expect") != 0;
      has_content_type = has_content_type || curl_strequal(name.c_str(), "Content-Type") != 0;
      // "Name;" is libcurl's spelling of a header with an empty value ("Name:" would remove it).
      if (!headers.append(value.empty() ? name + ";" : name + ": " + value)) {
        return base::Error(base::ErrorCode::internal, "libcurl could not allocate a header list");
      }
    }
    // No "Expect: 100-continue" round trip before large bodies, and no invented form Content-Type.
    if (!has_expect) headers.append("Expect:");
    if (!has_content_type) headers.append("Content-Type:");

    char error_text[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    if (request.total_timeout.count() > 0) {
      curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    }
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, m_options.verify_tls ? 1L : 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, m_options.verify_tls ? 2L : 0L);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
    // The debug callback is how we learn that request headers left; with it set, VERBOSE prints nothing.
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &exchange);
    curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &exchange);
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    set_method(handle, request);

    const CURLcode code = curl_easy_perform(handle);
    if (code != CURLE_OK) return transport_error(handle, code, error_text, exchange);

    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    HttpResponse response;
    response.status = static_cast<int>(status);
    response.headers = std::move(exchange.headers);
    response.body = std::move(exchange.body);
    return response;
  }

  static void set_method(CURL* handle, const HttpRequest& request) {
    const std::string& method = request.method;
    if (method == "HEAD") {
      curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
      return;
    }
    const bool body_method = method == "POST" || method == "PUT" || method == "PATCH";
    if (body_method || !request.body.empty()) {
      curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
      if (method != "POST") curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method.c_str());
      return;
    }
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    if (method != "GET") curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  static base::Error transport_error(CURL* handle, CURLcode code, const char* error_text, const Exchange& exchange) {
    if (exchange.too_large) {
      return base::Error(base::ErrorCode::too_large,
                         "response body larger than " + std::to_string(k_max_response_bytes >> 20) + " MiB");
    }
    std::string message = curl_easy_strerror(code);
    if (error_text[0] != '\0') message += std::string(" (") + error_text + ")";
    base::Error error(error_code_for(code), std::move(message));
    if (fails_before_sending(code)) return error;
    long request_size = 0;
    curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_size);
    // Conservative on purpose: any sign that request bytes left makes the request "may have arrived", because
    // wrongly believing a create did not arrive is what makes duplicates.
    if (exchange.header_out || exchange.upload_started || request_size > 0) return mark_may_have_arrived(error);
    return error;
  }

  CurlOptions m_options;
  std::mutex m_mutex;
  std::vector<CURL*> m_idle;
};

}  // namespace

std::unique_ptr<HttpTransport> make_curl_transport(const CurlOptions& options) {
  return std::make_unique<CurlTransport>(options);
}

}  // namespace rbxpipe::cloud
