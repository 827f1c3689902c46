#include "platform/auth/jwt_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <array>

#include "base/file_io.h"
#include "platform/auth/key_material.h"

namespace rbxpipe::platform::auth {

namespace {

using detail::KeyMaterial;
using detail::PkeyPtr;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

base::Error invalid(std::string message) { return base::Error(base::ErrorCode::invalid_input, std::move(message)); }

// Encrypted private keys are refused rather than prompting for a passphrase on the terminal.
int refuse_passphrase(char* /*buffer*/, int /*size*/, int /*writing*/, void* /*user*/) { return -1; }

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

}  // namespace

namespace detail {

base::Result<std::shared_ptr<const KeyMaterial>> material_from_pkey(PkeyPtr pkey, bool has_private) {
  auto material = std::make_shared<KeyMaterial>();
  if (EVP_PKEY_is_a(pkey.get(), "RSA") == 1) {
    const int bits = EVP_PKEY_get_bits(pkey.get());
    if (bits < JwtKey::k_min_rsa_bits || bits > JwtKey::k_max_rsa_bits) {
      return invalid("RSA key of " + std::to_string(bits) + " bits: RS256 keys must have 2048 to 8192 bits");
    }
    material->algorithm = JwtAlgorithm::rs256;
  } else if (EVP_PKEY_is_a(pkey.get(), "EC") == 1) {
    std::array<char, 64> group{};
    std::size_t length = 0;
    if (EVP_PKEY_get_group_name(pkey.get(), group.data(), group.size(), &length) != 1) {
      ERR_clear_error();
      return invalid("EC key without a named curve: ES256 needs P-256");
    }
    const std::string_view name(group.data(), length);
    if (name != "prime256v1" && name != "P-256") {
      return invalid("EC key on curve " + std::string(name) + ": ES256 needs P-256");
    }
    material->algorithm = JwtAlgorithm::es256;
  } else {
    return base::Error(base::ErrorCode::unsupported, "key type " + std::string(EVP_PKEY_get0_type_name(pkey.get())) +
                                                         " is not supported: use RSA (RS256) or P-256 (ES256)");
  }
  material->pkey = std::move(pkey);
  material->has_private = has_private;
  return std::shared_ptr<const KeyMaterial>(std::move(material));
}

base::Result<JwtKey> KeyFactory::make(base::Result<std::shared_ptr<const KeyMaterial>> material, std::string kid) {
  if (!material) return std::move(material).error();
  return JwtKey(std::move(material).value(), std::move(kid));
}

}  // namespace detail

std::string_view jwt_algorithm_name(JwtAlgorithm algorithm) {
  switch (algorithm) {
    case JwtAlgorithm::hs256: return "HS256";
    case JwtAlgorithm::rs256: return "RS256";
    case JwtAlgorithm::es256: return "ES256";
  }
  return "?";
}

std::optional<JwtAlgorithm> parse_jwt_algorithm(std::string_view name) {
  for (auto algorithm : {JwtAlgorithm::hs256, JwtAlgorithm::rs256, JwtAlgorithm::es256}) {
    if (name == jwt_algorithm_name(algorithm)) return algorithm;
  }
  return std::nullopt;
}

JwtKey::JwtKey(std::shared_ptr<const detail::KeyMaterial> material, std::string kid)
    : m_material(std::move(material)), m_kid(std::move(kid)) {}

base::Result<JwtKey> JwtKey::hmac(std::string_view secret, std::string kid) {
  if (secret.size() < k_min_hmac_secret) {
    return invalid("HMAC secret of " + std::to_string(secret.size()) + " bytes: HS256 needs at least 32");
  }
  auto material = std::make_shared<KeyMaterial>();
  material->algorithm = JwtAlgorithm::hs256;
  material->secret = std::string(secret);
  material->has_private = true;
  return JwtKey(std::move(material), std::move(kid));
}

base::Result<JwtKey> JwtKey::from_pem(std::string_view pem, std::string kid) {
  BioPtr bio = memory_bio(pem);
  if (!bio) return base::Error(base::ErrorCode::internal, "allocate PEM reader");
  PkeyPtr pkey;
  bool has_private = false;
  if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, nullptr));
    if (cert) pkey.reset(X509_get_pubkey(cert.get()));
  } else if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
    if (pem.find("ENCRYPTED PRIVATE KEY") != std::string_view::npos) {
      return invalid("encrypted private keys are not supported: decrypt it with `openssl pkey`");
    }
    pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr));
    has_private = true;
  } else if (pem.find("-----BEGIN PUBLIC KEY-----") != std::string_view::npos) {
    pkey.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, refuse_passphrase, nullptr));
  } else {
    return invalid("no PEM public key, private key or certificate found");
  }
  if (!pkey) return invalid("unreadable PEM key: " + detail::openssl_error_text());
  return detail::KeyFactory::make(detail::material_from_pkey(std::move(pkey), has_private), std::move(kid));
}

base::Result<JwtKey> JwtKey::generate(JwtAlgorithm algorithm, std::string kid) {
  if (algorithm == JwtAlgorithm::hs256) {
    std::array<unsigned char, 32> secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
      return base::Error(base::ErrorCode::internal, "random bytes: " + detail::openssl_error_text());
    }
    auto key = hmac(std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()), std::move(kid));
    OPENSSL_cleanse(secret.data(), secret.size());
    return key;
  }
  const bool rsa = algorithm == JwtAlgorithm::rs256;
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, rsa ? "RSA" : "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  const bool generated = ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 &&
                         (rsa ? EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), k_min_rsa_bits)
                              : EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256")) == 1 &&
                         EVP_PKEY_generate(ctx.get(), &raw) == 1;
  PkeyPtr pkey(raw);
  if (!generated) return base::Error(base::ErrorCode::internal, "generate key: " + detail::openssl_error_text());
  return detail::KeyFactory::make(detail::material_from_pkey(std::move(pkey), true), std::move(kid));
}

const std::string& JwtKey::kid() const { return m_kid; }

JwtAlgorithm JwtKey::algorithm() const { return m_material->algorithm; }

bool JwtKey::can_sign() const { return m_material->has_private; }

base::Result<std::string> JwtKey::to_public_pem() const {
  if (!m_material->pkey) return base::Error(base::ErrorCode::unsupported, "an HMAC secret has no public form");
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_material->pkey.get()) != 1) {
    return base::Error(base::ErrorCode::internal, "write PEM: " + detail::openssl_error_text());
  }
  std::string pem(BIO_ctrl_pending(bio.get()), '\0');
  const int read = BIO_read(bio.get(), pem.data(), static_cast<int>(pem.size()));
  pem.resize(read > 0 ? static_cast<std::size_t>(read) : 0);
  return pem;
}

base::Result<JwtKey> load_pem_key_file(const std::filesystem::path& path, std::string kid) {
  auto pem = base::read_file(path, std::size_t{1} << 20);
  if (!pem) return std::move(pem).error().with_context("read key " + path.string());
  auto key = JwtKey::from_pem(*pem, std::move(kid));
  if (!key) return std::move(key).error().with_context("key " + path.string());
  return key;
}

}  // namespace rbxpipe::platform::auth
