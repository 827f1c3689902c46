#include "platform/storage/staged_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include "base/sha256.h"

namespace rbxpipe::platform::storage::detail {

namespace {

using base::Error;
using base::ErrorCode;

constexpr std::string_view k_temp_prefix = ".tmp-";
constexpr std::size_t k_chunk = std::size_t{1} << 20;

Error errno_error(int error_number, std::string_view what, const std::filesystem::path& path) {
  return Error(error_number == ENOENT ? ErrorCode::not_found : ErrorCode::io_error,
               std::string(what) + " '" + path.string() + "': " + std::strerror(error_number));
}

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  // Closes now so the caller sees the error close() may report for delayed writes.
  int close_now() {
    const int result = ::close(m_fd);
    m_fd = -1;
    return result;
  }

 private:
  int m_fd;
};

std::filesystem::path temp_name(const std::filesystem::path& folder) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return folder / (std::string(k_temp_prefix) + std::to_string(::getpid()) + "-" + std::to_string(engine()));
}

base::Result<void> write_all(int fd, const char* data, std::size_t size, const std::filesystem::path& path) {
  std::size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, data + written, size - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno, "cannot write", path);
    }
    written += static_cast<std::size_t>(n);
  }
  return base::ok();
}

// The copy loop proper; the caller owns the temp file's removal on failure.
base::Result<std::string> copy_hashing(int in, int out, const std::filesystem::path& source,
                                       const std::filesystem::path& temp) {
  base::Sha256 hash;
  std::string buffer(k_chunk, '\0');
  while (true) {
    const ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno, "cannot read", source);
    }
    if (n == 0) break;
    hash.update(buffer.data(), static_cast<std::size_t>(n));
    RBXPIPE_TRY(write_all(out, buffer.data(), static_cast<std::size_t>(n), temp));
  }
  if (::fsync(out) != 0) return errno_error(errno, "cannot sync", temp);
  return base::to_hex(hash.finish());
}

}  // namespace

base::Result<StagedFile> stage_copy(const std::filesystem::path& source, const std::filesystem::path& folder) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return errno_error(errno, "cannot open", source);
  struct stat info {};
  if (::fstat(in.get(), &info) != 0) return errno_error(errno, "cannot stat", source);
  if (S_ISDIR(info.st_mode)) return Error(ErrorCode::invalid_input, "'" + source.string() + "' is a folder");

  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Error(ErrorCode::io_error, "cannot create folder '" + folder.string() + "': " + ec.message());
  StagedFile staged;
  int out_fd = -1;
  for (int attempt = 0; attempt < 16 && out_fd < 0; ++attempt) {
    staged.temp = temp_name(folder);
    out_fd = ::open(staged.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out_fd < 0 && errno != EEXIST) return errno_error(errno, "cannot create", staged.temp);
  }
  if (out_fd < 0) return Error(ErrorCode::io_error, "cannot find a free temporary name in '" + folder.string() + "'");
  Fd out(out_fd);
  auto hash = copy_hashing(in.get(), out.get(), source, staged.temp);
  if (hash && out.close_now() != 0) hash = errno_error(errno, "cannot close", staged.temp);
  if (!hash) {
    ::unlink(staged.temp.c_str());
    return std::move(hash).error();
  }
  staged.hash = std::move(*hash);
  return staged;
}

base::Result<void> commit_staged(const StagedFile& staged, const std::filesystem::path& target) {
  if (::rename(staged.temp.c_str(), target.c_str()) != 0) {
    const int error_number = errno;
    discard_staged(staged);
    return errno_error(error_number, "cannot move the new file to", target);
  }
  return sync_folder(target.parent_path());
}

void discard_staged(const StagedFile& staged) { ::unlink(staged.temp.c_str()); }

base::Result<void> sync_folder(const std::filesystem::path& folder) {
  Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errno_error(errno, "cannot open folder", folder);
  if (::fsync(fd.get()) != 0 && errno != EINVAL) return errno_error(errno, "cannot sync folder", folder);
  return base::ok();
}

bool is_temp_name(const std::string& name) { return name.rfind(k_temp_prefix, 0) == 0; }

}  // namespace rbxpipe::platform::storage::detail
