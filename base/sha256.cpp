#include "base/sha256.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace rbxpipe::base {

namespace {

// Large enough to keep syscall overhead negligible, small enough to live comfortably on the heap per call.
constexpr std::size_t k_file_chunk = std::size_t{64} << 10;

struct EvpContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

}  // namespace

struct Sha256::Impl {
  std::unique_ptr<EVP_MD_CTX, EvpContextDeleter> context;
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) {
  m_impl->context.reset(EVP_MD_CTX_new());
  // Allocation or provider failure here means OpenSSL itself is broken; that is a fatal bug, not a user error.
  if (!m_impl->context || EVP_DigestInit_ex(m_impl->context.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not initialise SHA-256");
  }
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) { update(bytes.data(), bytes.size()); }

void Sha256::update(const void* data, std::size_t size) {
  // EVP accepts a null pointer only with size 0 on some versions; skip the call entirely to be safe.
  if (size == 0) return;
  if (EVP_DigestUpdate(m_impl->context.get(), data, size) != 1) {
    throw std::runtime_error("OpenSSL SHA-256 update failed");
  }
}

Sha256Digest Sha256::finish() {
  Sha256Digest digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(m_impl->context.get(), digest.data(), &length) != 1 || length != digest.size()) {
    throw std::runtime_error("OpenSSL SHA-256 finish failed");
  }
  return digest;
}

std::string to_hex(const Sha256Digest& digest) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (std::uint8_t byte : digest) {
    hex.push_back(k_digits[byte >> 4]);
    hex.push_back(k_digits[byte & 0x0f]);
  }
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return to_hex(hash.finish());
}

Result<Sha256Digest> sha256_file(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error_number = errno;
    const ErrorCode code = error_number == ENOENT ? ErrorCode::not_found : ErrorCode::io_error;
    return Error(code, "cannot open '" + path.string() + "': " + std::strerror(error_number));
  }
  // A unique_ptr guard closes the file on every return path below.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> guard(file, &std::fclose);

  Sha256 hash;
  std::vector<char> buffer(k_file_chunk);
  while (true) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    hash.update(buffer.data(), got);
    if (got < buffer.size()) {
      if (std::ferror(file) != 0) {
        return Error(ErrorCode::io_error, "cannot read '" + path.string() + "'");
      }
      break;
    }
  }
  return hash.finish();
}

}  // namespace rbxpipe::base
