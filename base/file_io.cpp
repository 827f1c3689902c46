#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <random>
#include <system_error>

namespace rbxpipe::base {

namespace {

// Attempts at finding an unused temp name; collisions need the same pid and random value, so a few is plenty.
constexpr int k_temp_name_attempts = 16;

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

Error errno_error(int error_number, std::string_view what, const std::filesystem::path& path) {
  const ErrorCode code = error_number == ENOENT ? ErrorCode::not_found : ErrorCode::io_error;
  return Error(code, std::string(what) + " " + quoted(path) + ": " + std::strerror(error_number));
}

// Closes a descriptor when it goes out of scope so every early return stays leak-free.
class FdGuard {
 public:
  explicit FdGuard(int fd) : m_fd(fd) {}
  ~FdGuard() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;
  int get() const { return m_fd; }
  // Hands the descriptor back so the caller can close it and see the error close() reports.
  int release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }

 private:
  int m_fd;
};

std::uint64_t random_suffix() {
  // One engine per thread: no locking, and seeding once keeps names unpredictable between processes.
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine();
}

Result<void> write_all(int fd, std::string_view bytes, const std::filesystem::path& temp_path) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno, "cannot write", temp_path);
    }
    // A short write is legal (disk nearly full, signals); keep going from where it stopped.
    written += static_cast<std::size_t>(n);
  }
  return ok();
}

Result<void> fsync_directory(const std::filesystem::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_error(errno, "cannot open folder", directory);
  FdGuard guard(fd);
  // Without this the rename itself may be lost on power failure even though the data blocks are on disk.
  if (::fsync(fd) != 0 && errno != EINVAL) return errno_error(errno, "cannot sync folder", directory);
  return ok();
}

// Everything between creating the temp file and renaming it; the caller removes the temp file on failure.
Result<void> fill_and_rename(int fd, std::string_view bytes, const std::filesystem::path& temp_path,
                             const std::filesystem::path& path, Durability durability) {
  FdGuard guard(fd);
  RBXPIPE_TRY(write_all(fd, bytes, temp_path));
  if (durability == Durability::synced && ::fsync(fd) != 0) return errno_error(errno, "cannot sync", temp_path);
  // close() can report delayed write errors on some file systems, so its result matters.
  if (::close(guard.release()) != 0) return errno_error(errno, "cannot close", temp_path);
  if (::rename(temp_path.c_str(), path.c_str()) != 0) {
    const int error_number = errno;
    return Error(ErrorCode::io_error, "cannot replace " + quoted(path) + ": " + std::strerror(error_number));
  }
  return ok();
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_error(errno, "cannot open", path);
  FdGuard guard(fd);

  struct stat info {};
  if (::fstat(fd, &info) != 0) return errno_error(errno, "cannot stat", path);
  if (S_ISDIR(info.st_mode)) return Error(ErrorCode::io_error, "cannot read " + quoted(path) + ": is a folder");
  const auto reported = static_cast<std::uint64_t>(info.st_size);
  // Refuse before allocating, so a huge file never costs memory.
  if (reported > max_bytes) {
    return Error(ErrorCode::too_large, quoted(path) + " is " + std::to_string(reported) + " bytes, over the limit of " +
                                           std::to_string(max_bytes));
  }

  // The size from fstat is only a hint: the file may grow meanwhile, and pipes or /proc files report 0.
  // Reading until EOF while enforcing the limit on what was actually read covers both cases.
  std::string contents;
  contents.reserve(static_cast<std::size_t>(reported));
  char buffer[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno, "cannot read", path);
    }
    if (n == 0) break;
    if (contents.size() + static_cast<std::size_t>(n) > max_bytes) {
      return Error(ErrorCode::too_large,
                   quoted(path) + " is over the limit of " + std::to_string(max_bytes) + " bytes");
    }
    contents.append(buffer, static_cast<std::size_t>(n));
  }
  return contents;
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes, Durability durability) {
  if (path.filename().empty()) {
    return Error(ErrorCode::invalid_input, "cannot write " + quoted(path) + ": not a file name");
  }
  const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) return Error(ErrorCode::io_error, "cannot create folder " + quoted(parent) + ": " + ec.message());

  // The temp file lives in the same folder because rename() is only atomic within one file system.
  std::filesystem::path temp_path;
  int fd = -1;
  for (int attempt = 0; attempt < k_temp_name_attempts && fd < 0; ++attempt) {
    temp_path = parent / (path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                          std::to_string(random_suffix()));
    fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) return errno_error(errno, "cannot create", temp_path);
  }
  if (fd < 0) return Error(ErrorCode::io_error, "cannot find a free temporary name next to " + quoted(path));

  auto filled = fill_and_rename(fd, bytes, temp_path, path, durability);
  if (!filled) {
    // Never leave a half-written temp file behind; the original file is untouched at this point.
    ::unlink(temp_path.c_str());
    return std::move(filled).error();
  }
  if (durability == Durability::replaceable) return ok();
  return fsync_directory(parent);
}

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base) {
  const std::filesystem::path normal_path = path.lexically_normal();
  const std::filesystem::path normal_base = base.lexically_normal();
  auto path_it = normal_path.begin();
  auto base_it = normal_base.begin();
  for (; base_it != normal_base.end(); ++base_it, ++path_it) {
    // A trailing separator on the base shows up as an empty last element; it must not stop the match.
    if (base_it->empty() && std::next(base_it) == normal_base.end()) break;
    if (path_it == normal_path.end() || *path_it != *base_it) return path.string();
  }
  std::string relative;
  for (; path_it != normal_path.end(); ++path_it) {
    if (path_it->empty()) continue;
    if (!relative.empty()) relative += '/';
    relative += path_it->string();
  }
  return relative.empty() ? std::string(".") : relative;
}

}  // namespace rbxpipe::base
