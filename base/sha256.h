#pragma once
// SHA-256 through OpenSSL's EVP interface: streaming, one-shot and whole-file.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::base {

/// A raw 32-byte SHA-256 digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// Incremental SHA-256: update() any number of times, then finish() once.
class Sha256 {
 public:
  /// Starts a new hash.
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  /// Feeds bytes.
  void update(std::string_view bytes);
  /// Feeds raw memory.
  void update(const void* data, std::size_t size);
  /// Ends the hash and returns the digest; the object must not be updated afterwards.
  Sha256Digest finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// Lower-case hex of a digest (64 characters).
std::string to_hex(const Sha256Digest& digest);

/// SHA-256 of `bytes` as lower-case hex.
std::string sha256_hex(std::string_view bytes);

/// SHA-256 of a file's contents, read in chunks.
Result<Sha256Digest> sha256_file(const std::filesystem::path& path);

}  // namespace rbxpipe::base
