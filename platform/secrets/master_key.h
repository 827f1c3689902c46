#pragma once
// The keystore's master key: 32 random bytes given as RBXPIPE_MASTER_KEY or kept in a private key file.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::platform::secrets {

/// An AES-256 key; its bytes are wiped from memory when it is destroyed.
class MasterKey {
 public:
  /// Key length in bytes.
  static constexpr std::size_t k_size = 32;
  /// The raw key bytes.
  using Bytes = std::array<std::uint8_t, k_size>;

  /// Wraps `bytes`.
  explicit MasterKey(const Bytes& bytes) : m_bytes(bytes) {}
  ~MasterKey();
  MasterKey(const MasterKey&) = default;
  MasterKey& operator=(const MasterKey&) = default;

  /// The raw key bytes.
  const Bytes& bytes() const { return m_bytes; }

 private:
  Bytes m_bytes;
};

/// Parses master key text (surrounding whitespace ignored): exactly 64 hex digits, or standard padded base64 of
/// exactly 32 bytes (44 characters). invalid_input otherwise; the message never repeats the text.
base::Result<MasterKey> parse_master_key(std::string_view text);

/// A fresh random key (OpenSSL RAND_bytes).
base::Result<MasterKey> generate_master_key();

/// The default key file of a state folder: `<home>/master.key`.
std::filesystem::path default_key_file(const std::filesystem::path& home);

/// Reads a key file written by create_key_file (or by hand in either text form). not_found when absent;
/// invalid_input when group or others may read or write it, or another user owns it (says how to fix it).
base::Result<MasterKey> read_key_file(const std::filesystem::path& path);

/// Creates `path` (mode 0600, never replacing a file: already_exists) holding `key` as 64 hex digits and a newline.
base::Result<void> create_key_file(const std::filesystem::path& path, const MasterKey& key);

}  // namespace rbxpipe::platform::secrets
