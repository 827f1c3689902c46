#include "base/child_process.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/args.hpp>
#include <boost/process/async_pipe.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/group.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>
#include <boost/process/start_dir.hpp>
#include <functional>
#include <system_error>

namespace rbxpipe::base {
namespace {

namespace asio = boost::asio;
namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

// How often the child's state is polled. Boost.Process 1.74's wait_for and its SIGCHLD-based exit notification are
// both unreliable (the latter also reaps children it does not own), so the exit is found with waitpid(WNOHANG).
constexpr std::chrono::milliseconds k_poll_interval{5};

void append_capped(std::string& text, const char* data, std::size_t size) {
  if (text.size() >= k_max_tool_output) return;
  text.append(data, std::min(size, k_max_tool_output - text.size()));
}

// One output stream read asynchronously into a string.
struct Capture {
  explicit Capture(asio::io_context& io) : pipe(io) {}

  void read_more() {
    pipe.async_read_some(asio::buffer(buffer), [this](const boost::system::error_code& ec, std::size_t size) {
      append_capped(text, buffer.data(), size);
      if (!ec) read_more();
    });
  }

  // Reads what is left without waiting: after the child exits its output is all in the pipe, but the pipe only
  // reports end-of-file once every process holding the write end (a grandchild, or a sibling tool that inherited
  // it while being forked) has closed it, which need not ever happen.
  void drain() {
    const int fd = pipe.native_source();
    if (fd < 0) return;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    for (;;) {
      const ssize_t size = ::read(fd, buffer.data(), buffer.size());
      if (size <= 0) break;
      append_capped(text, buffer.data(), static_cast<std::size_t>(size));
    }
  }

  bp::async_pipe pipe;
  std::array<char, 1 << 16> buffer{};
  std::string text;
};

// Keeps the pipe ends out of programs other threads start at the same time; the child still gets its ends
// through dup2, which clears the flag on the copies.
void set_close_on_exec(const bp::async_pipe& pipe) {
  for (const int fd : {pipe.native_source(), pipe.native_sink()}) {
    if (fd >= 0) ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
  }
}

}  // namespace

std::optional<std::filesystem::path> find_program(std::string_view name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string_view::npos) {
    std::filesystem::path path(name);
    if (::access(path.c_str(), X_OK) == 0 && !std::filesystem::is_directory(path)) return path;
    return std::nullopt;
  }
  const boost::filesystem::path found = bp::search_path(std::string(name));
  if (found.empty()) return std::nullopt;
  return std::filesystem::path(found.string());
}

base::Result<ToolRun> run_tool(const ToolCommand& command) {
  const auto started = Clock::now();
  asio::io_context io;
  Capture out(io);
  Capture err(io);
  set_close_on_exec(out.pipe);
  set_close_on_exec(err.pipe);

  bp::group group;
  std::error_code launch_error;
  const std::string start_dir =
      command.working_directory.empty() ? std::filesystem::current_path().string() : command.working_directory.string();
  bp::child child(bp::exe = command.program.string(), bp::args = command.arguments, bp::start_dir = start_dir,
                  bp::std_in < bp::null, bp::std_out > out.pipe, bp::std_err > err.pipe, group, launch_error);
  if (launch_error) {
    return base::Error(launch_error == std::errc::no_such_file_or_directory ? base::ErrorCode::not_found
                                                                              : base::ErrorCode::io_error,
                       "cannot start '" + command.program.string() + "': " + launch_error.message());
  }

  ToolRun run;
  asio::steady_timer deadline(io);
  asio::steady_timer poll(io);
  out.read_more();
  err.read_more();

  deadline.expires_after(command.timeout);
  deadline.async_wait([&](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: the child exited in time
    run.timed_out = true;
    std::error_code ignored;
    group.terminate(ignored);  // SIGKILL to the whole group; the poll below then sees the child gone
  });

  std::function<void()> watch = [&] {
    poll.expires_after(k_poll_interval);
    poll.async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      std::error_code status;
      if (child.running(status) && !status) {
        watch();
        return;
      }
      deadline.cancel();
      out.pipe.cancel();
      err.pipe.cancel();
    });
  };
  watch();
  io.run();

  out.drain();
  err.drain();
  std::error_code ignored;
  child.wait(ignored);
  // A tool that exited by itself may leave helpers behind; they are its business. One that ran out of time had
  // its whole group killed already.
  if (!run.timed_out) group.detach();
  run.exit_code = child.exit_code();
  run.out = std::move(out.text);
  run.err = std::move(err.text);
  run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return run;
}

}  // namespace rbxpipe::base
