#pragma once
// Internal to cloud/emulator/: HTTP/1.1 on a local port through cpp-httplib, with our own connection loop so a
// request can be answered by resetting the connection (RST, no response bytes) and answers can be held back.

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "cloud/emulator/exchange.h"

namespace rbxpipe::cloud::emulator {

/// The HTTP side of the emulator.
class HttpFront {
 public:
  /// Answers requests with `dispatch` (called from server threads, one request at a time per connection).
  using Dispatch = std::function<Dispatched(Request)>;
  /// A front that is not yet listening.
  explicit HttpFront(Dispatch dispatch);
  ~HttpFront();
  HttpFront(const HttpFront&) = delete;
  HttpFront& operator=(const HttpFront&) = delete;

  /// Binds `host`:`port` (0: any free port) and serves in a background thread; returns the port.
  base::Result<int> start(const std::string& host, int port);
  /// Stops accepting, wakes held-back answers and waits for the threads.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace rbxpipe::cloud::emulator
