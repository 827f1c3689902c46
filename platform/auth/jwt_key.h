#pragma once
// Keys for JSON Web Tokens: HMAC secrets (HS256), RSA keys (RS256) and P-256 keys (ES256), loaded from PEM or JWK.
// A key's type decides the one algorithm it may be used with, which is what makes algorithm confusion (an HS256
// token "signed" with an RSA public key's bytes) impossible to express.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::platform::auth {

/// The JWS algorithms rbxpipe signs and verifies.
enum class JwtAlgorithm { hs256, rs256, es256 };

/// The JOSE name of an algorithm ("HS256", "RS256", "ES256").
std::string_view jwt_algorithm_name(JwtAlgorithm algorithm);

/// The algorithm of a JOSE name (case-sensitive, as RFC 7515 requires); nullopt for any other name.
std::optional<JwtAlgorithm> parse_jwt_algorithm(std::string_view name);

namespace detail {
struct KeyMaterial;
struct KeyFactory;
}  // namespace detail

/// One key with its `kid`. Copies share the same immutable key material; safe to use from several threads.
class JwtKey {
 public:
  /// Smallest HMAC secret accepted: 32 bytes, the SHA-256 output size (RFC 7518 §3.2).
  static constexpr std::size_t k_min_hmac_secret = 32;
  /// Smallest RSA modulus accepted, in bits.
  static constexpr int k_min_rsa_bits = 2048;
  /// Largest RSA modulus accepted, in bits (bigger keys only make verification slow).
  static constexpr int k_max_rsa_bits = 8192;

  /// An HS256 key from a shared secret of at least 32 bytes.
  static base::Result<JwtKey> hmac(std::string_view secret, std::string kid = {});
  /// An RS256 or ES256 key from PEM text: a public key, a private key (PKCS#8 or traditional, unencrypted) or a
  /// certificate. RSA keys must be 2048 to 8192 bits; EC keys must be on P-256.
  static base::Result<JwtKey> from_pem(std::string_view pem, std::string kid = {});
  /// A key from one JWK object (kty RSA, EC with crv P-256, or oct); only public parameters are read for RSA/EC.
  static base::Result<JwtKey> from_jwk(std::string_view jwk_json);
  /// A fresh random key of `algorithm` (HS256: 32 random bytes; RS256: 2048 bits; ES256: P-256) that can sign.
  static base::Result<JwtKey> generate(JwtAlgorithm algorithm, std::string kid = {});

  /// The key id tokens name in their `kid` header; may be empty.
  const std::string& kid() const;
  /// The one algorithm this key may be used with, decided by its type.
  JwtAlgorithm algorithm() const;
  /// True when the key can sign (an HMAC secret or a private key).
  bool can_sign() const;
  /// The public JWK of an RSA or EC key (`{"kty","kid","alg","use","n","e"}` or `{"kty","crv","x","y",...}`);
  /// unsupported for HMAC secrets, which must never be published.
  base::Result<std::string> to_public_jwk() const;
  /// The public key as PEM (`-----BEGIN PUBLIC KEY-----`); unsupported for HMAC secrets.
  base::Result<std::string> to_public_pem() const;

  /// Internal: the key material, for the signing and verification code of this module.
  const detail::KeyMaterial& material() const { return *m_material; }

 private:
  friend struct detail::KeyFactory;
  JwtKey(std::shared_ptr<const detail::KeyMaterial> material, std::string kid);

  std::shared_ptr<const detail::KeyMaterial> m_material;
  std::string m_kid;
};

/// The keys a verifier trusts, looked up by `kid`.
class JwtKeySet {
 public:
  /// Largest JWKS document accepted (1 MiB).
  static constexpr std::size_t k_max_jwks_bytes = std::size_t{1} << 20;

  /// Reads a JWKS document (`{"keys":[...]}`). Keys of other types or curves, and keys marked `"use":"enc"`, are
  /// skipped; a malformed key of a supported type, or two keys with the same kid, make the whole set invalid.
  static base::Result<JwtKeySet> from_jwks(std::string_view json);
  /// Reads a JWKS file.
  static base::Result<JwtKeySet> load_jwks_file(const std::filesystem::path& path);

  /// Adds a key; already_exists when another key has the same kid.
  base::Result<void> add(JwtKey key);
  /// The key with `kid`, or null.
  const JwtKey* find(std::string_view kid) const;
  /// Every key, in the order added.
  const std::vector<JwtKey>& keys() const { return m_keys; }
  /// The public keys as a JWKS document (HMAC secrets are left out).
  std::string to_public_jwks() const;

 private:
  std::vector<JwtKey> m_keys;
};

/// Reads a PEM key or certificate file and names the key `kid`.
base::Result<JwtKey> load_pem_key_file(const std::filesystem::path& path, std::string kid = {});

}  // namespace rbxpipe::platform::auth
