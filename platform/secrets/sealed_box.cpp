#include "platform/secrets/sealed_box.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace rbxpipe::platform::secrets {

namespace {

using base::Error;
using base::ErrorCode;

constexpr std::string_view k_magic = "RBXKEYS";
constexpr std::size_t k_overhead = k_sealed_header_size + k_sealed_nonce_size + k_sealed_tag_size;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }
unsigned char* bytes_of(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

std::string header() {
  std::string out(k_magic);
  out += static_cast<char>(k_sealed_format_version);
  return out;
}

Error unopenable(std::string_view name) {
  return Error(ErrorCode::invalid_input, "the keystore " + std::string(name) +
                                             " cannot be opened with this master key, or it was modified");
}

}  // namespace

base::Result<std::string> seal(const MasterKey& key, std::string_view payload) {
  std::string out = header();
  out.resize(k_sealed_header_size + k_sealed_nonce_size + payload.size() + k_sealed_tag_size);
  unsigned char* nonce = bytes_of(out) + k_sealed_header_size;
  unsigned char* cipher = nonce + k_sealed_nonce_size;
  unsigned char* tag = cipher + payload.size();
  // A GCM nonce must never repeat under one key; 96 random bits per write keeps that true for far more writes than
  // a keystore will ever see.
  if (RAND_bytes(nonce, static_cast<int>(k_sealed_nonce_size)) != 1) {
    return Error(ErrorCode::internal, "the system random generator failed");
  }
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int length = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(k_sealed_nonce_size), nullptr) == 1 &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes().data(), nonce) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes_of(out), static_cast<int>(k_sealed_header_size)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), cipher, &length, bytes_of(payload), static_cast<int>(payload.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), cipher + length, &length) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(k_sealed_tag_size), tag) == 1;
  if (!ok) return Error(ErrorCode::internal, "AES-256-GCM encryption failed");
  return out;
}

base::Result<std::string> unseal(const MasterKey& key, std::string_view sealed, std::string_view name) {
  if (sealed.size() < k_overhead || sealed.substr(0, k_magic.size()) != k_magic) {
    return Error(ErrorCode::invalid_input, "the keystore " + std::string(name) +
                                               " is not an rbxpipe keystore: it was truncated or modified");
  }
  const auto version = static_cast<std::uint8_t>(sealed[k_magic.size()]);
  if (version != k_sealed_format_version) {
    return Error(ErrorCode::invalid_input, "the keystore " + std::string(name) + " has format version " +
                                               std::to_string(version) + " but this rbxpipe reads version " +
                                               std::to_string(k_sealed_format_version) +
                                               ": it was written by a newer rbxpipe, or it was modified");
  }
  const unsigned char* nonce = bytes_of(sealed) + k_sealed_header_size;
  const unsigned char* cipher = nonce + k_sealed_nonce_size;
  const std::size_t cipher_size = sealed.size() - k_overhead;
  std::string tag(sealed.substr(sealed.size() - k_sealed_tag_size));

  std::string plain(cipher_size, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int length = 0;
  // Decrypted bytes are only returned after DecryptFinal has checked the tag over header, nonce and ciphertext.
  const bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(k_sealed_nonce_size), nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes().data(), nonce) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes_of(sealed), static_cast<int>(k_sealed_header_size)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), bytes_of(plain), &length, cipher, static_cast<int>(cipher_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(k_sealed_tag_size), tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), bytes_of(plain) + length, &length) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return unopenable(name);
  }
  return plain;
}

}  // namespace rbxpipe::platform::secrets
