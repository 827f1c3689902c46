#include "platform/secrets/keystore.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "base/file_io.h"
#include "platform/secrets/sealed_box.h"

namespace rbxpipe::platform::secrets {

namespace {

using base::Error;
using base::ErrorCode;

constexpr std::size_t k_max_name = 128;
constexpr std::size_t k_max_value = 64 * 1024;
constexpr std::size_t k_max_keystore = 16 * 1024 * 1024;
// Lines of a multi-line value (a PEM key) are registered on their own when at least this long, since a log line
// may carry one line of it; shorter lines would blank out ordinary words.
constexpr std::size_t k_min_line_secret = 8;

using SecretMap = std::map<std::string, std::string, std::less<>>;

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

void put_u32(std::string& out, std::size_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

bool get_u32(std::string_view& in, std::size_t& value) {
  if (in.size() < 4) return false;
  value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  in.remove_prefix(4);
  return true;
}

// Payload: u32 count, then per secret u32 name length, name, u32 value length, value (big-endian, sorted by name).
std::string encode(const SecretMap& secrets) {
  std::string out;
  put_u32(out, secrets.size());
  for (const auto& [name, value] : secrets) {
    put_u32(out, name.size());
    out += name;
    put_u32(out, value.size());
    out += value;
  }
  return out;
}

base::Result<SecretMap> decode(std::string_view in, const std::filesystem::path& path) {
  const Error malformed(ErrorCode::invalid_input, "the keystore " + quoted(path) + " holds malformed contents");
  SecretMap secrets;
  std::size_t count = 0;
  if (!get_u32(in, count)) return malformed;
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t name_size = 0;
    std::size_t value_size = 0;
    if (!get_u32(in, name_size) || in.size() < name_size) return malformed;
    std::string name(in.substr(0, name_size));
    in.remove_prefix(name_size);
    if (!get_u32(in, value_size) || in.size() < value_size) return malformed;
    secrets[std::move(name)] = std::string(in.substr(0, value_size));
    in.remove_prefix(value_size);
  }
  if (!in.empty()) return malformed;
  return secrets;
}

Error no_such_secret(std::string_view name) {
  return Error(ErrorCode::not_found, "there is no secret named '" + std::string(name) + "' in the keystore");
}

void wipe(std::string& text) { OPENSSL_cleanse(text.data(), text.size()); }

void wipe(SecretMap& secrets) {
  for (auto& entry : secrets) wipe(entry.second);
}

// Holds an exclusive flock on `<keystore>.lock` for one read-modify-write.
class FileLock {
 public:
  static base::Result<FileLock> take(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Error(ErrorCode::io_error, "cannot open " + quoted(path) + ": " + std::strerror(errno));
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      const int error_number = errno;
      ::close(fd);
      return Error(ErrorCode::io_error, "cannot lock " + quoted(path) + ": " + std::strerror(error_number));
    }
    return FileLock(fd);
  }
  FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
  }

 private:
  explicit FileLock(int fd) : m_fd(fd) {}
  int m_fd;
};

}  // namespace

KeystoreOptions KeystoreOptions::from_environment(const std::filesystem::path& home) {
  KeystoreOptions options;
  options.home = home;
  if (const char* key = std::getenv("RBXPIPE_MASTER_KEY"); key != nullptr && *key != '\0') options.master_key = key;
  if (const char* file = std::getenv("RBXPIPE_MASTER_KEY_FILE"); file != nullptr && *file != '\0') {
    options.key_file = file;
  }
  return options;
}

base::Result<Keystore> Keystore::open(KeystoreOptions options) {
  Keystore store;
  store.m_path = keystore_path(options.home);
  store.m_create_key = options.create_key;
  store.m_logger = options.logger != nullptr ? options.logger : &base::default_logger();
  if (options.master_key) {
    auto key = parse_master_key(*options.master_key);
    wipe(*options.master_key);
    if (!key) return std::move(key).error().with_context("RBXPIPE_MASTER_KEY");
    store.m_key.emplace(*key);
    store.m_key_source = KeySource::environment;
  } else {
    store.m_key_file = options.key_file.empty() ? default_key_file(options.home) : options.key_file;
    auto key = read_key_file(store.m_key_file);
    if (key) {
      store.m_key.emplace(*key);
      store.m_key_source = KeySource::key_file;
    } else if (key.error().code() != ErrorCode::not_found) {
      return std::move(key).error();
    }
  }
  RBXPIPE_TRY(store.load());
  return store;
}

Keystore::~Keystore() { wipe(m_secrets); }

base::Result<void> Keystore::load() {
  auto sealed = base::read_file(m_path, k_max_keystore);
  if (!sealed) {
    if (sealed.error().code() != ErrorCode::not_found) return std::move(sealed).error();
    wipe(m_secrets);
    m_secrets.clear();
    return base::ok();
  }
  if (!m_key) {
    return Error(ErrorCode::invalid_input, "the keystore " + quoted(m_path) +
                                               " exists but there is no master key to open it: set "
                                               "RBXPIPE_MASTER_KEY or restore the key file " + quoted(m_key_file));
  }
  auto plain = unseal(*m_key, *sealed, quoted(m_path));
  if (!plain) return std::move(plain).error();
  auto secrets = decode(*plain, m_path);
  wipe(*plain);
  if (!secrets) return std::move(secrets).error();
  wipe(m_secrets);
  m_secrets = std::move(*secrets);
  register_values();
  return base::ok();
}

base::Result<void> Keystore::ensure_key() {
  if (m_key) return base::ok();
  if (!m_create_key) {
    return Error(ErrorCode::invalid_input, "no master key: set RBXPIPE_MASTER_KEY or create the key file " +
                                               quoted(m_key_file));
  }
  auto fresh = generate_master_key();
  if (!fresh) return std::move(fresh).error();
  auto created = create_key_file(m_key_file, *fresh);
  if (created) {
    m_key.emplace(*fresh);
    m_key_source = KeySource::created;
    return base::ok();
  }
  // Another process created one first: use theirs.
  if (created.error().code() != ErrorCode::already_exists) return created;
  auto existing = read_key_file(m_key_file);
  if (!existing) return std::move(existing).error();
  m_key.emplace(*existing);
  m_key_source = KeySource::key_file;
  return base::ok();
}

base::Result<void> Keystore::write_locked(const std::function<base::Result<void>()>& change) {
  std::error_code ec;
  std::filesystem::create_directories(m_path.parent_path(), ec);
  if (ec) return Error(ErrorCode::io_error, "cannot create folder " + quoted(m_path.parent_path()) + ": " + ec.message());
  auto lock = FileLock::take(m_path.string() + ".lock");
  if (!lock) return std::move(lock).error();
  // Start from what is on disk now: another process may have written since this keystore was opened.
  RBXPIPE_TRY(load());
  RBXPIPE_TRY(change());
  RBXPIPE_TRY(ensure_key());
  std::string payload = encode(m_secrets);
  auto sealed = seal(*m_key, payload);
  wipe(payload);
  if (!sealed) return std::move(sealed).error();
  RBXPIPE_TRY(base::write_file_atomic(m_path, *sealed, base::Durability::synced));
  // The contents are encrypted either way; owner-only access keeps even the ciphertext to its owner.
  ::chmod(m_path.c_str(), 0600);
  return base::ok();
}

base::Result<void> Keystore::set(std::string_view name, std::string_view value) {
  RBXPIPE_TRY(validate_secret_name(name));
  if (value.empty() || value.size() > k_max_value) {
    return Error(ErrorCode::invalid_input, "the value of secret '" + std::string(name) + "' must be 1 byte to 64 KiB");
  }
  // Registered before anything can fail: an error message quoting the value must already be redacted.
  register_value(std::string(value));
  return write_locked([&]() -> base::Result<void> {
    auto it = m_secrets.find(name);
    if (it == m_secrets.end()) {
      m_secrets.emplace(std::string(name), std::string(value));
    } else {
      wipe(it->second);
      it->second = std::string(value);
    }
    return base::ok();
  });
}

base::Result<std::string> Keystore::get(std::string_view name) const {
  RBXPIPE_TRY(validate_secret_name(name));
  const auto it = m_secrets.find(name);
  if (it == m_secrets.end()) return no_such_secret(name);
  return it->second;
}

std::vector<std::string> Keystore::list() const {
  std::vector<std::string> names;
  names.reserve(m_secrets.size());
  for (const auto& entry : m_secrets) names.push_back(entry.first);
  return names;
}

base::Result<void> Keystore::remove(std::string_view name) {
  RBXPIPE_TRY(validate_secret_name(name));
  std::error_code ec;
  if (!m_secrets.contains(name) && !std::filesystem::exists(m_path, ec)) return no_such_secret(name);
  return write_locked([&]() -> base::Result<void> {
    const auto it = m_secrets.find(name);
    if (it == m_secrets.end()) return no_such_secret(name);
    wipe(it->second);
    m_secrets.erase(it);
    return base::ok();
  });
}

void Keystore::register_values() const {
  for (const auto& entry : m_secrets) register_value(entry.second);
}

void Keystore::register_value(const std::string& value) const {
  m_logger->add_secret(value);
  if (value.find('\n') == std::string::npos) return;
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t end = value.find('\n', start);
    if (end == std::string::npos) end = value.size();
    std::string line = value.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() >= k_min_line_secret) m_logger->add_secret(std::move(line));
    start = end + 1;
  }
}

base::Result<void> validate_secret_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= k_max_name && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
  });
  if (ok) return base::ok();
  std::string shown(name.substr(0, 40));
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return Error(ErrorCode::invalid_input,
               "secret name '" + shown + "' must be 1-128 characters of A-Z, a-z, 0-9, '_', '.' and '-'");
}

std::filesystem::path keystore_path(const std::filesystem::path& home) { return home / "keys.sealed"; }

}  // namespace rbxpipe::platform::secrets
