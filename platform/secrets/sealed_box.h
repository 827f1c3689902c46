#pragma once
// The keystore file format: a versioned header, then AES-256-GCM over the payload with a fresh random nonce.
//
//   offset  size  field
//   0       7     magic "RBXKEYS"
//   7       1     format version (1)
//   8       12    nonce (random for every write)
//   20      n     ciphertext (same length as the payload)
//   20+n    16    GCM tag
//
// The 8 header bytes are authenticated as additional data, so every byte of the file is covered by the tag.

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"
#include "platform/secrets/master_key.h"

namespace rbxpipe::platform::secrets {

/// Size of the header (magic and version).
inline constexpr std::size_t k_sealed_header_size = 8;
/// Size of the nonce following the header.
inline constexpr std::size_t k_sealed_nonce_size = 12;
/// Size of the tag ending the file.
inline constexpr std::size_t k_sealed_tag_size = 16;
/// The format version written and read.
inline constexpr std::uint8_t k_sealed_format_version = 1;

/// Encrypts `payload` with `key` under a new random nonce; returns the whole file.
base::Result<std::string> seal(const MasterKey& key, std::string_view payload);

/// Decrypts a sealed file. Any wrong key, truncation, or changed byte is an invalid_input error saying that the
/// keystore `name` cannot be opened with this master key or was modified; nothing is ever returned unverified.
base::Result<std::string> unseal(const MasterKey& key, std::string_view sealed, std::string_view name);

}  // namespace rbxpipe::platform::secrets
