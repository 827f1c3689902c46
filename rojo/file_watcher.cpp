#include "rojo/file_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace rbxpipe::rojo {
namespace {

constexpr std::uint32_t k_events = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                                   IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

// Drains pending events; true when any arrived.
bool drain(int fd) {
  std::array<char, 16 * 1024> buffer{};
  bool any = false;
  while (true) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got <= 0) break;
    any = true;
  }
  return any;
}

// Polls the descriptor; 1 readable, 0 timeout, -1 error.
int poll_for(int fd, std::chrono::milliseconds timeout) {
  pollfd item{fd, POLLIN, 0};
  int ready = 0;
  do {
    ready = ::poll(&item, 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  return ready;
}

}  // namespace

base::Result<FileWatcher> FileWatcher::create() {
  FileWatcher watcher;
  watcher.m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (watcher.m_fd < 0)
    return base::Error{base::ErrorCode::io_error, std::string("cannot watch files: ") + std::strerror(errno)};
  return watcher;
}

FileWatcher::FileWatcher(FileWatcher&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_watches(std::move(other.m_watches)) {}

FileWatcher& FileWatcher::operator=(FileWatcher&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
    m_watches = std::move(other.m_watches);
  }
  return *this;
}

FileWatcher::~FileWatcher() {
  if (m_fd >= 0) ::close(m_fd);
}

void FileWatcher::watch(const std::set<std::string>& folders) {
  for (auto it = m_watches.begin(); it != m_watches.end();) {
    if (!folders.contains(it->first)) {
      ::inotify_rm_watch(m_fd, it->second);
      it = m_watches.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& folder : folders) {
    if (m_watches.contains(folder)) continue;
    int wd = ::inotify_add_watch(m_fd, folder.c_str(), k_events | IN_ONLYDIR);
    if (wd >= 0) m_watches.emplace(folder, wd);
  }
}

base::Result<bool> FileWatcher::wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) {
  int ready = poll_for(m_fd, timeout);
  if (ready < 0) return base::Error{base::ErrorCode::io_error, std::string("watching files: ") + std::strerror(errno)};
  if (ready == 0) return false;
  drain(m_fd);
  while (poll_for(m_fd, settle) > 0) drain(m_fd);
  return true;
}

}  // namespace rbxpipe::rojo
