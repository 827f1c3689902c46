#include "platform/secrets/master_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

#include "base/base64.h"

namespace rbxpipe::platform::secrets {

namespace {

using base::Error;
using base::ErrorCode;

constexpr std::size_t k_max_key_file = 4096;

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Wipes a string that held key material before its memory is released.
struct Wiped {
  std::string text;
  ~Wiped() { OPENSSL_cleanse(text.data(), text.size()); }
};

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

}  // namespace

MasterKey::~MasterKey() { OPENSSL_cleanse(m_bytes.data(), m_bytes.size()); }

base::Result<MasterKey> parse_master_key(std::string_view text) {
  const std::string_view key = trimmed(text);
  MasterKey::Bytes bytes{};
  if (key.size() == 2 * MasterKey::k_size) {
    bool hex = true;
    for (std::size_t i = 0; i < MasterKey::k_size && hex; ++i) {
      const int high = hex_value(key[2 * i]);
      const int low = hex_value(key[2 * i + 1]);
      hex = high >= 0 && low >= 0;
      if (hex) bytes[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    if (hex) return MasterKey(bytes);
  }
  // 64 hex digits would decode as base64 to 48 bytes, so the two forms can never be confused.
  auto decoded = base::base64_decode(key);
  if (decoded.ok() && decoded->size() == MasterKey::k_size) {
    Wiped raw{std::move(*decoded)};
    std::memcpy(bytes.data(), raw.text.data(), MasterKey::k_size);
    MasterKey result(bytes);
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return result;
  }
  if (decoded.ok()) OPENSSL_cleanse(decoded->data(), decoded->size());
  return Error(ErrorCode::invalid_input, "a master key must be 64 hex digits or the base64 of 32 bytes (" +
                                             std::to_string(key.size()) + " characters given)");
}

base::Result<MasterKey> generate_master_key() {
  MasterKey::Bytes bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return Error(ErrorCode::internal, "the system random generator failed");
  }
  MasterKey key(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return key;
}

std::filesystem::path default_key_file(const std::filesystem::path& home) { return home / "master.key"; }

base::Result<MasterKey> read_key_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    const int error_number = errno;
    return Error(error_number == ENOENT ? ErrorCode::not_found : ErrorCode::io_error,
                 "cannot open the master key file '" + path.string() + "': " + std::strerror(error_number));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return Error(ErrorCode::invalid_input, "the master key file '" + path.string() + "' is not a regular file");
  }
  // Like ssh with private keys: a key others can read is no longer secret, so refuse rather than use it.
  if ((info.st_mode & 077) != 0) {
    return Error(ErrorCode::invalid_input, "the master key file '" + path.string() + "' has mode " +
                                               octal_mode(info.st_mode) +
                                               ": group and others must have no access; run: chmod 600 '" +
                                               path.string() + "'");
  }
  if (info.st_uid != ::geteuid()) {
    return Error(ErrorCode::invalid_input, "the master key file '" + path.string() + "' belongs to user " +
                                               std::to_string(info.st_uid) + ", not to the user running rbxpipe");
  }
  Wiped text;
  text.text.resize(k_max_key_file);
  std::size_t size = 0;
  while (size < text.text.size()) {
    const ssize_t n = ::read(fd.get(), text.text.data() + size, text.text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error(ErrorCode::io_error, "cannot read '" + path.string() + "': " + std::strerror(errno));
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  auto key = parse_master_key(std::string_view(text.text).substr(0, size));
  if (!key) return std::move(key).error().with_context("read master key file '" + path.string() + "'");
  return key;
}

base::Result<void> create_key_file(const std::filesystem::path& path, const MasterKey& key) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return Error(ErrorCode::io_error, "cannot create folder '" + path.parent_path().string() + "': " + ec.message());
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    const int error_number = errno;
    return Error(error_number == EEXIST ? ErrorCode::already_exists : ErrorCode::io_error,
                 "cannot create the master key file '" + path.string() + "': " + std::strerror(error_number));
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  Wiped text;
  for (const std::uint8_t byte : key.bytes()) {
    text.text += k_hex[byte >> 4];
    text.text += k_hex[byte & 0xF];
  }
  text.text += '\n';
  // A failure half way leaves a file that cannot be parsed; remove it so the next attempt starts clean.
  const auto fail = [&](const char* what) {
    const int error_number = errno;
    ::unlink(path.c_str());
    return Error(ErrorCode::io_error, std::string(what) + " '" + path.string() + "': " + std::strerror(error_number));
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail("cannot set the mode of");
  if (::write(fd.get(), text.text.data(), text.text.size()) != static_cast<ssize_t>(text.text.size()))
    return fail("cannot write");
  if (::fsync(fd.get()) != 0) return fail("cannot sync");
  // The folder entry must reach the disk too: a keystore that outlives its key after a power loss is lost.
  Fd folder(::open(path.has_parent_path() ? path.parent_path().c_str() : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() >= 0) (void)::fsync(folder.get());
  return base::ok();
}

}  // namespace rbxpipe::platform::secrets
