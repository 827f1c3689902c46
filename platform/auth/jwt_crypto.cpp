// JWS signatures with OpenSSL's EVP interface. ES256 signatures travel as the fixed 64-byte r||s pair (RFC 7518
// §3.4) while OpenSSL speaks DER ECDSA-Sig-Value, so both directions convert here.
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/hmac.h>

#include <array>
#include <vector>

#include "platform/auth/key_material.h"

namespace rbxpipe::platform::auth::detail {

namespace {

constexpr std::size_t k_es256_half = 32;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

struct SigFree {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::string hmac_sha256(std::string_view secret, std::string_view input) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), bytes_of(input), input.size(), out.data(), &size);
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

base::Error crypto_error(std::string what) {
  return base::Error(base::ErrorCode::internal, std::move(what) + ": " + openssl_error_text());
}

// DER ECDSA-Sig-Value -> r||s, each left-padded to 32 bytes.
base::Result<std::string> der_to_raw(std::string_view der) {
  const unsigned char* cursor = bytes_of(der);
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
  if (!sig) return crypto_error("decode ECDSA signature");
  std::string raw(2 * k_es256_half, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, k_es256_half) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + k_es256_half, k_es256_half) < 0) {
    return crypto_error("encode ECDSA signature");
  }
  return raw;
}

// r||s -> DER; empty when the input has the wrong size or cannot be represented.
std::string raw_to_der(std::string_view raw) {
  if (raw.size() != 2 * k_es256_half) return {};
  SigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes_of(raw), k_es256_half, nullptr);
  BIGNUM* s = BN_bin2bn(bytes_of(raw) + k_es256_half, k_es256_half, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ERR_clear_error();
    return {};
  }
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) return {};
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &cursor) != size) return {};
  return der;
}

}  // namespace

KeyMaterial::~KeyMaterial() {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
}

std::string openssl_error_text() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  return text.data();
}

base::Result<std::string> sign_bytes(const KeyMaterial& key, std::string_view input) {
  if (key.algorithm == JwtAlgorithm::hs256) return hmac_sha256(key.secret, input);
  if (!key.has_private) {
    return base::Error(base::ErrorCode::invalid_input, "a public key cannot sign: load the private key");
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.pkey.get()) != 1) {
    return crypto_error("start signature");
  }
  std::size_t size = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &size, bytes_of(input), input.size()) != 1) {
    return crypto_error("size signature");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, bytes_of(input),
                     input.size()) != 1) {
    return crypto_error("sign");
  }
  signature.resize(size);
  if (key.algorithm == JwtAlgorithm::es256) return der_to_raw(signature);
  return signature;
}

bool verify_bytes(const KeyMaterial& key, std::string_view input, std::string_view signature) {
  if (key.algorithm == JwtAlgorithm::hs256) {
    const std::string expected = hmac_sha256(key.secret, input);
    return signature.size() == expected.size() &&
           CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) == 0;
  }
  std::string der;
  if (key.algorithm == JwtAlgorithm::es256) {
    der = raw_to_der(signature);
    if (der.empty()) return false;
    signature = der;
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool verified =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.pkey.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), bytes_of(signature), signature.size(), bytes_of(input), input.size()) == 1;
  // A failed verification leaves entries on the thread's error queue that would confuse the next caller.
  ERR_clear_error();
  return verified;
}

}  // namespace rbxpipe::platform::auth::detail
