#include "tests/unit/platform/auth/test_keys.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "platform/auth/base64url.h"

namespace rbxpipe::platform::auth::testing {

namespace {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

void require(bool condition, const char* what) {
  if (!condition) throw std::runtime_error(std::string("OpenSSL test helper failed: ") + what);
}

std::string bio_text(BIO* bio) {
  std::string text(BIO_ctrl_pending(bio), '\0');
  const int read = BIO_read(bio, text.data(), static_cast<int>(text.size()));
  require(read >= 0, "read BIO");
  text.resize(static_cast<std::size_t>(read));
  return text;
}

std::string private_pem(EVP_PKEY* key) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "write private PEM");
  return bio_text(bio.get());
}

Owned<EVP_PKEY> read_private(std::string_view pem) {
  Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  require(key != nullptr, "read private PEM");
  return key;
}

std::string digest_sign(std::string_view pem, std::string_view input) {
  auto key = read_private(pem);
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  require(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1, "sign init");
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  require(EVP_DigestSign(ctx.get(), nullptr, &size, data, input.size()) == 1, "sign size");
  std::string signature(size, '\0');
  require(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, data, input.size()) == 1,
          "sign");
  signature.resize(size);
  return signature;
}

std::string bn_bytes(EVP_PKEY* key, const char* name, std::size_t pad_to = 0) {
  BIGNUM* raw = nullptr;
  require(EVP_PKEY_get_bn_param(key, name, &raw) == 1, name);
  Owned<BIGNUM> bn(raw);
  const std::size_t size = std::max<std::size_t>(pad_to, static_cast<std::size_t>(BN_num_bytes(bn.get())));
  std::string bytes(size, '\0');
  require(BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(size)) >= 0,
          "bn bytes");
  return bytes;
}

}  // namespace

std::string generate_rsa_pem(int bits) {
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  require(ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) == 1 &&
              EVP_PKEY_generate(ctx.get(), &key) == 1,
          "generate RSA");
  Owned<EVP_PKEY> owned(key);
  return private_pem(owned.get());
}

std::string generate_ec_pem(const char* curve) {
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  require(ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 && EVP_PKEY_CTX_set_group_name(ctx.get(), curve) == 1 &&
              EVP_PKEY_generate(ctx.get(), &key) == 1,
          "generate EC");
  Owned<EVP_PKEY> owned(key);
  return private_pem(owned.get());
}

std::string public_pem_of(std::string_view pem) {
  auto key = read_private(pem);
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_PUBKEY(bio.get(), key.get()) == 1, "write public PEM");
  return bio_text(bio.get());
}

const std::string& shared_rsa_pem() {
  static const std::string pem = generate_rsa_pem();
  return pem;
}

const std::string& other_rsa_pem() {
  static const std::string pem = generate_rsa_pem();
  return pem;
}

const std::string& shared_ec_pem() {
  static const std::string pem = generate_ec_pem();
  return pem;
}

std::string public_jwk_of(std::string_view pem, std::string_view kid) {
  auto key = read_private(pem);
  nlohmann::json jwk{{"kid", kid}};
  if (EVP_PKEY_is_a(key.get(), "RSA") == 1) {
    jwk["kty"] = "RSA";
    jwk["n"] = base64url_encode(bn_bytes(key.get(), OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = base64url_encode(bn_bytes(key.get(), OSSL_PKEY_PARAM_RSA_E));
  } else {
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = base64url_encode(bn_bytes(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32));
    jwk["y"] = base64url_encode(bn_bytes(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32));
  }
  return jwk.dump();
}

std::string openssl_rs256(std::string_view pem, std::string_view input) { return digest_sign(pem, input); }

std::string openssl_es256_der(std::string_view pem, std::string_view input) { return digest_sign(pem, input); }

std::string openssl_es256(std::string_view pem, std::string_view input) {
  const std::string der = digest_sign(pem, input);
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  Owned<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
  require(sig != nullptr, "decode DER signature");
  std::string raw(64, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  require(BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, 32) == 32, "r");
  require(BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + 32, 32) == 32, "s");
  return raw;
}

std::string openssl_hs256(std::string_view secret, std::string_view input) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), out, &size);
  return std::string(reinterpret_cast<const char*>(out), size);
}

std::string signing_input(std::string_view header_json, std::string_view payload_json) {
  return base64url_encode(header_json) + "." + base64url_encode(payload_json);
}

std::string compact(std::string_view input, std::string_view signature) {
  return std::string(input) + "." + base64url_encode(signature);
}

}  // namespace rbxpipe::platform::auth::testing
