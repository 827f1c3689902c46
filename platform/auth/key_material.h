#pragma once
// Internal to platform/auth (never include from a public header): what a JwtKey holds, and the OpenSSL helpers the
// key, signing and verification files share.

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "platform/auth/jwt_key.h"

namespace rbxpipe::platform::auth::detail {

/// Frees an EVP_PKEY.
struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
/// An owned EVP_PKEY.
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

/// The material behind a JwtKey: an HMAC secret, or an RSA / EC key.
struct KeyMaterial {
  JwtAlgorithm algorithm = JwtAlgorithm::hs256;  ///< decided by the key type
  std::string secret;                            ///< HS256 only
  PkeyPtr pkey;                                  ///< RS256 / ES256 only
  bool has_private = false;                      ///< can sign
  ~KeyMaterial();
};

/// Builds JwtKeys (whose constructor is private) from checked material.
struct KeyFactory {
  /// A key over `material`, or `material`'s error.
  static base::Result<JwtKey> make(base::Result<std::shared_ptr<const KeyMaterial>> material, std::string kid);
};

/// Wraps an RSA or EC key after checking it is one rbxpipe accepts (RSA 2048-8192 bits, EC on P-256).
base::Result<std::shared_ptr<const KeyMaterial>> material_from_pkey(PkeyPtr pkey, bool has_private);

/// The most recent OpenSSL error as text (and clears the queue), for messages.
std::string openssl_error_text();

/// Signs `input` with `key`: the raw JWS signature bytes (ES256 in the 64-byte r||s form).
base::Result<std::string> sign_bytes(const KeyMaterial& key, std::string_view input);

/// True when `signature` is `key`'s JWS signature of `input` (constant-time for HMAC).
bool verify_bytes(const KeyMaterial& key, std::string_view input, std::string_view signature);

}  // namespace rbxpipe::platform::auth::detail
