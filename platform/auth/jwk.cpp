// JSON Web Keys (RFC 7517, RFC 7518 §6): reading RSA, P-256 and oct keys and writing public ones. Keys are built
// from their parameters with OpenSSL 3's EVP_PKEY_fromdata, then checked like PEM keys.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "platform/auth/base64url.h"
#include "platform/auth/jwt_key.h"
#include "platform/auth/key_material.h"
#include "platform/auth/strict_json.h"

namespace rbxpipe::platform::auth {

namespace {

using nlohmann::json;

constexpr std::size_t k_p256_coordinate = 32;

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

struct BldFree {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamsFree {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

base::Error invalid(std::string message) {
  return base::Error(base::ErrorCode::invalid_input, "JWK: " + std::move(message));
}
base::Error unsupported(std::string message) {
  return base::Error(base::ErrorCode::unsupported, "JWK: " + std::move(message));
}

base::Result<std::string> member_bytes(const json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return invalid(std::string("missing string member '") + name + "'");
  auto bytes = base64url_decode(it->get_ref<const std::string&>());
  if (!bytes) return invalid(std::string("member '") + name + "': " + bytes.error().message());
  if (bytes->empty()) return invalid(std::string("member '") + name + "' is empty");
  return bytes;
}

BnPtr to_bn(const std::string& bytes) {
  return BnPtr(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
}

// Builds a public EVP_PKEY of `type` ("RSA" or "EC") from the parameters `fill` pushes.
template <typename Fill>
base::Result<detail::PkeyPtr> public_key_from_params(const char* type, Fill fill) {
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || !fill(bld.get())) {
    return invalid(std::string("bad ") + type + " parameters: " + detail::openssl_error_text());
  }
  std::unique_ptr<OSSL_PARAM, ParamsFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return invalid(std::string("bad ") + type + " key: " + detail::openssl_error_text());
  }
  detail::PkeyPtr pkey(raw);
  // fromdata does not promise to validate the point or modulus; the explicit check refuses off-curve points.
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return invalid(std::string("invalid ") + type + " public key: " + detail::openssl_error_text());
  }
  return pkey;
}

base::Result<detail::PkeyPtr> rsa_from_jwk(const json& jwk) {
  auto n = member_bytes(jwk, "n");
  if (!n) return std::move(n).error();
  auto e = member_bytes(jwk, "e");
  if (!e) return std::move(e).error();
  BnPtr modulus = to_bn(*n);
  BnPtr exponent = to_bn(*e);
  if (!modulus || !exponent) return base::Error(base::ErrorCode::internal, "allocate RSA parameters");
  return public_key_from_params("RSA", [&](OSSL_PARAM_BLD* bld) {
    return OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, modulus.get()) == 1 &&
           OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, exponent.get()) == 1;
  });
}

base::Result<detail::PkeyPtr> ec_from_jwk(const json& jwk) {
  auto crv = jwk.find("crv");
  if (crv == jwk.end() || !crv->is_string()) return invalid("EC key without 'crv'");
  if (*crv != "P-256") return unsupported("curve " + crv->get<std::string>() + " (ES256 needs P-256)");
  auto x = member_bytes(jwk, "x");
  if (!x) return std::move(x).error();
  auto y = member_bytes(jwk, "y");
  if (!y) return std::move(y).error();
  // RFC 7518 §6.2.1.2: coordinates are always the full field size, never shortened.
  if (x->size() != k_p256_coordinate || y->size() != k_p256_coordinate) {
    return invalid("P-256 coordinates must be 32 bytes each");
  }
  const std::string point = std::string(1, '\x04') + *x + *y;  // uncompressed SEC1 point
  return public_key_from_params("EC", [&](OSSL_PARAM_BLD* bld) {
    return OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
           OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1;
  });
}

// One JWK object; `unsupported` errors mark keys a key set skips.
base::Result<JwtKey> key_from_jwk(const json& jwk) {
  auto kty = jwk.find("kty");
  if (kty == jwk.end() || !kty->is_string()) return invalid("missing string member 'kty'");
  std::string kid;
  if (auto it = jwk.find("kid"); it != jwk.end()) {
    if (!it->is_string()) return invalid("'kid' is not a string");
    kid = it->get<std::string>();
  }
  if (auto use = jwk.find("use"); use != jwk.end() && *use != "sig") {
    return unsupported("key '" + kid + "' is not for signatures");
  }
  base::Result<JwtKey> key = unsupported("key type " + kty->get<std::string>());
  if (*kty == "oct") {
    auto secret = member_bytes(jwk, "k");
    if (!secret) return std::move(secret).error();
    key = JwtKey::hmac(*secret, kid);
  } else if (*kty == "RSA" || *kty == "EC") {
    auto pkey = *kty == "RSA" ? rsa_from_jwk(jwk) : ec_from_jwk(jwk);
    if (!pkey) return std::move(pkey).error();
    key = detail::KeyFactory::make(detail::material_from_pkey(std::move(pkey).value(), false), kid);
  }
  if (!key) return key;
  if (auto alg = jwk.find("alg"); alg != jwk.end()) {
    if (!alg->is_string()) return invalid("'alg' is not a string");
    if (*alg != jwt_algorithm_name(key->algorithm())) {
      return unsupported("key '" + kid + "' is for " + alg->get<std::string>() + ", not " +
                         std::string(jwt_algorithm_name(key->algorithm())));
    }
  }
  return key;
}

std::string bn_param(EVP_PKEY* pkey, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) return {};
  BnPtr bn(raw);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return bytes;
}

std::string left_pad(std::string bytes, std::size_t size) {
  if (bytes.size() < size) bytes.insert(0, size - bytes.size(), '\0');
  return bytes;
}

}  // namespace

base::Result<JwtKey> JwtKey::from_jwk(std::string_view jwk_json) {
  auto jwk = detail::parse_strict_object(jwk_json, "JWK");
  if (!jwk) return std::move(jwk).error();
  return key_from_jwk(*jwk);
}

base::Result<std::string> JwtKey::to_public_jwk() const {
  const auto& material = *m_material;
  if (!material.pkey) return base::Error(base::ErrorCode::unsupported, "HMAC secrets are never published as JWK");
  nlohmann::ordered_json jwk;
  if (material.algorithm == JwtAlgorithm::rs256) {
    jwk["kty"] = "RSA";
    jwk["n"] = base64url_encode(bn_param(material.pkey.get(), OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = base64url_encode(bn_param(material.pkey.get(), OSSL_PKEY_PARAM_RSA_E));
  } else {
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = base64url_encode(left_pad(bn_param(material.pkey.get(), OSSL_PKEY_PARAM_EC_PUB_X), k_p256_coordinate));
    jwk["y"] = base64url_encode(left_pad(bn_param(material.pkey.get(), OSSL_PKEY_PARAM_EC_PUB_Y), k_p256_coordinate));
  }
  if (!m_kid.empty()) jwk["kid"] = m_kid;
  jwk["alg"] = jwt_algorithm_name(material.algorithm);
  jwk["use"] = "sig";
  return jwk.dump();
}

base::Result<JwtKeySet> JwtKeySet::from_jwks(std::string_view text) {
  if (text.size() > k_max_jwks_bytes) return base::Error(base::ErrorCode::too_large, "JWKS larger than 1 MiB");
  auto document = detail::parse_strict_object(text, "JWKS");
  if (!document) return std::move(document).error();
  auto keys = document->find("keys");
  if (keys == document->end() || !keys->is_array()) return invalid("JWKS without a 'keys' array");
  JwtKeySet set;
  for (std::size_t i = 0; i < keys->size(); ++i) {
    const json& entry = (*keys)[i];
    if (!entry.is_object()) return invalid("keys[" + std::to_string(i) + "] is not an object");
    auto key = key_from_jwk(entry);
    if (!key && key.error().code() == base::ErrorCode::unsupported) continue;
    if (!key) return std::move(key).error().with_context("keys[" + std::to_string(i) + "]");
    RBXPIPE_TRY(set.add(std::move(key).value()));
  }
  return set;
}

base::Result<JwtKeySet> JwtKeySet::load_jwks_file(const std::filesystem::path& path) {
  auto text = base::read_file(path, k_max_jwks_bytes);
  if (!text) return std::move(text).error().with_context("read JWKS " + path.string());
  auto set = from_jwks(*text);
  if (!set) return std::move(set).error().with_context("JWKS " + path.string());
  return set;
}

base::Result<void> JwtKeySet::add(JwtKey key) {
  if (find(key.kid()) != nullptr) {
    return base::Error(base::ErrorCode::already_exists, "two keys with kid '" + key.kid() + "'");
  }
  m_keys.push_back(std::move(key));
  return base::ok();
}

const JwtKey* JwtKeySet::find(std::string_view kid) const {
  for (const auto& key : m_keys) {
    if (key.kid() == kid) return &key;
  }
  return nullptr;
}

std::string JwtKeySet::to_public_jwks() const {
  nlohmann::ordered_json keys = nlohmann::ordered_json::array();
  for (const auto& key : m_keys) {
    if (auto jwk = key.to_public_jwk()) keys.push_back(nlohmann::ordered_json::parse(*jwk));
  }
  return nlohmann::ordered_json{{"keys", keys}}.dump();
}

}  // namespace rbxpipe::platform::auth
