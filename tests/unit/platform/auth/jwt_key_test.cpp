#include "platform/auth/jwt_key.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "platform/auth/base64url.h"
#include "platform/auth/jwt.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/platform/auth/test_keys.h"

namespace rbxpipe::platform::auth {
namespace {

using namespace std::chrono_literals;
namespace tk = rbxpipe::platform::auth::testing;

std::string oct_jwk(std::string_view kid, std::string_view secret) {
  return nlohmann::json{{"kty", "oct"}, {"kid", kid}, {"k", base64url_encode(secret)}}.dump();
}

TEST(JwtKey, AlgorithmNamesAreTheJoseNames) {
  EXPECT_EQ(jwt_algorithm_name(JwtAlgorithm::hs256), "HS256");
  EXPECT_EQ(parse_jwt_algorithm("ES256"), JwtAlgorithm::es256);
  EXPECT_FALSE(parse_jwt_algorithm("es256").has_value());
  EXPECT_FALSE(parse_jwt_algorithm("none").has_value());
}

TEST(JwtKey, KeyTypeDecidesTheAlgorithm) {
  EXPECT_EQ(JwtKey::hmac(std::string(32, 's')).value().algorithm(), JwtAlgorithm::hs256);
  EXPECT_EQ(JwtKey::from_pem(tk::shared_rsa_pem()).value().algorithm(), JwtAlgorithm::rs256);
  EXPECT_EQ(JwtKey::from_pem(tk::public_pem_of(tk::shared_ec_pem())).value().algorithm(), JwtAlgorithm::es256);
}

TEST(JwtKey, PrivateKeysSignAndPublicKeysDoNot) {
  EXPECT_TRUE(JwtKey::from_pem(tk::shared_rsa_pem()).value().can_sign());
  EXPECT_FALSE(JwtKey::from_pem(tk::public_pem_of(tk::shared_rsa_pem())).value().can_sign());
}

TEST(JwtKey, RefusesHmacSecretShorterThan32Bytes) {
  auto key = JwtKey::hmac(std::string(31, 's'));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code(), base::ErrorCode::invalid_input);
}

TEST(JwtKey, RefusesRsaKeysUnder2048Bits) {
  auto key = JwtKey::from_pem(tk::generate_rsa_pem(1024));
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.error().message().find("1024"), std::string::npos);
}

TEST(JwtKey, RefusesEcKeysOffP256) {
  auto key = JwtKey::from_pem(tk::generate_ec_pem("P-384"));
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.error().message().find("P-256"), std::string::npos);
}

TEST(JwtKey, RefusesEncryptedPrivateKeysAndNonPemText) {
  EXPECT_FALSE(
      JwtKey::from_pem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n").ok());
  EXPECT_FALSE(JwtKey::from_pem("not a key").ok());
  EXPECT_FALSE(JwtKey::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ok());
}

TEST(JwtKey, LoadsPemKeyFiles) {
  rbxpipe::testing::TempDir dir;
  const auto path = dir.write("signing.pem", tk::shared_ec_pem());
  auto key = load_pem_key_file(path, "file-key");
  ASSERT_TRUE(key.ok()) << key.error().to_string();
  EXPECT_EQ(key->kid(), "file-key");
  EXPECT_EQ(load_pem_key_file(dir / "missing.pem").error().code(), base::ErrorCode::not_found);
}

TEST(JwtKey, GeneratedKeysSignTokensTheirPublicHalvesVerify) {
  rbxpipe::testing::FakeClock clock;
  for (auto algorithm : {JwtAlgorithm::hs256, JwtAlgorithm::rs256, JwtAlgorithm::es256}) {
    auto key = JwtKey::generate(algorithm, "gen").value();
    JwtKeySet set;
    if (algorithm == JwtAlgorithm::hs256) {
      ASSERT_TRUE(set.add(key).ok());
    } else {
      ASSERT_TRUE(set.add(JwtKey::from_pem(key.to_public_pem().value(), "gen").value()).ok());
    }
    JwtClaims claims;
    claims.subject = "alice";
    claims.expires_at = clock.now() + 1h;
    auto verdict = verify_jwt(sign_jwt(claims, key).value(), set, JwtVerifyOptions{}, clock);
    EXPECT_TRUE(verdict.ok()) << jwt_algorithm_name(algorithm) << ": " << verdict.message();
  }
}

TEST(JwtKeySet, LoadsRsaEcAndOctKeysFromJwksAndFindsThemByKid) {
  const std::string jwks = R"({"keys":[)" + tk::public_jwk_of(tk::shared_rsa_pem(), "rsa") + "," +
                           tk::public_jwk_of(tk::shared_ec_pem(), "ec") + "," +
                           oct_jwk("oct", "0123456789abcdef0123456789abcdef") + "]}";
  auto set = JwtKeySet::from_jwks(jwks);
  ASSERT_TRUE(set.ok()) << set.error().to_string();
  ASSERT_EQ(set->keys().size(), 3U);
  EXPECT_EQ(set->find("rsa")->algorithm(), JwtAlgorithm::rs256);
  EXPECT_EQ(set->find("ec")->algorithm(), JwtAlgorithm::es256);
  EXPECT_EQ(set->find("oct")->algorithm(), JwtAlgorithm::hs256);
  EXPECT_EQ(set->find("other"), nullptr);
  EXPECT_FALSE(set->find("rsa")->can_sign());
}

TEST(JwtKeySet, JwksKeysVerifyTokensSignedByThePemPrivateKeys) {
  rbxpipe::testing::FakeClock clock;
  const std::string jwks = R"({"keys":[)" + tk::public_jwk_of(tk::shared_rsa_pem(), "rsa") + "," +
                           tk::public_jwk_of(tk::shared_ec_pem(), "ec") + "]}";
  auto set = JwtKeySet::from_jwks(jwks).value();
  JwtClaims claims;
  claims.expires_at = clock.now() + 1h;
  for (const auto& [pem, kid] : {std::pair{tk::shared_rsa_pem(), "rsa"}, std::pair{tk::shared_ec_pem(), "ec"}}) {
    auto verdict =
        verify_jwt(sign_jwt(claims, JwtKey::from_pem(pem, kid).value()).value(), set, JwtVerifyOptions{}, clock);
    EXPECT_TRUE(verdict.ok()) << kid << ": " << verdict.message();
  }
}

TEST(JwtKeySet, SkipsKeysOfOtherTypesCurvesAndUses) {
  const std::string jwks = R"({"keys":[
    {"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
    {"kty":"EC","crv":"P-384","kid":"p384","x":"AA","y":"AA"},
    {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
    {"kty":"oct","kid":"hs512","alg":"HS512","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"},
    )" + oct_jwk("kept", "0123456789abcdef0123456789abcdef") +
                           "]}";
  auto set = JwtKeySet::from_jwks(jwks);
  ASSERT_TRUE(set.ok()) << set.error().to_string();
  ASSERT_EQ(set->keys().size(), 1U);
  EXPECT_EQ(set->keys().front().kid(), "kept");
}

TEST(JwtKeySet, RefusesDuplicateKidsAndMalformedSupportedKeys) {
  const std::string key = oct_jwk("same", "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(JwtKeySet::from_jwks(R"({"keys":[)" + key + "," + key + "]}").error().code(),
            base::ErrorCode::already_exists);
  EXPECT_FALSE(JwtKeySet::from_jwks(R"({"keys":[{"kty":"RSA","kid":"r","n":"AQAB"}]})").ok());
  EXPECT_FALSE(JwtKeySet::from_jwks(R"({"keys":[{"kty":"oct","k":"c2hvcnQ"}]})").ok());
  EXPECT_FALSE(JwtKeySet::from_jwks(R"({"keys":{}})").ok());
  EXPECT_FALSE(JwtKeySet::from_jwks(R"({"keys":[],"keys":[]})").ok());
}

TEST(JwtKeySet, RefusesEcPointNotOnTheCurve) {
  auto jwk = nlohmann::json::parse(tk::public_jwk_of(tk::shared_ec_pem(), "ec"));
  std::string y = base64url_decode(jwk["y"].get<std::string>()).value();
  y.back() = static_cast<char>(y.back() ^ 1);
  jwk["y"] = base64url_encode(y);
  auto key = JwtKey::from_jwk(jwk.dump());
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code(), base::ErrorCode::invalid_input);
}

TEST(JwtKeySet, RefusesJwkWhoseAlgContradictsItsType) {
  auto jwk = nlohmann::json::parse(tk::public_jwk_of(tk::shared_rsa_pem(), "rsa"));
  jwk["alg"] = "HS256";
  EXPECT_FALSE(JwtKey::from_jwk(jwk.dump()).ok());
  jwk["alg"] = "RS256";
  EXPECT_TRUE(JwtKey::from_jwk(jwk.dump()).ok());
}

TEST(JwtKeySet, PublicJwksRoundTripsAndNeverIncludesHmacSecrets) {
  JwtKeySet set;
  ASSERT_TRUE(set.add(JwtKey::from_pem(tk::shared_rsa_pem(), "rsa").value()).ok());
  ASSERT_TRUE(set.add(JwtKey::from_pem(tk::shared_ec_pem(), "ec").value()).ok());
  ASSERT_TRUE(set.add(JwtKey::hmac("0123456789abcdef0123456789abcdef", "oct").value()).ok());
  const std::string published = set.to_public_jwks();
  EXPECT_EQ(published.find("\"oct\""), std::string::npos);
  EXPECT_EQ(published.find(base64url_encode("0123456789abcdef0123456789abcdef")), std::string::npos);
  EXPECT_EQ(published.find("\"d\""), std::string::npos);
  auto reread = JwtKeySet::from_jwks(published);
  ASSERT_TRUE(reread.ok()) << reread.error().to_string();
  EXPECT_EQ(reread->keys().size(), 2U);
  EXPECT_EQ(reread->find("ec")->to_public_jwk().value(), set.find("ec")->to_public_jwk().value());
}

TEST(JwtKeySet, LoadsJwksFiles) {
  rbxpipe::testing::TempDir dir;
  const auto path = dir.write("jwks.json", R"({"keys":[)" + oct_jwk("a", "0123456789abcdef0123456789abcdef") + "]}");
  auto set = JwtKeySet::load_jwks_file(path);
  ASSERT_TRUE(set.ok()) << set.error().to_string();
  EXPECT_NE(set->find("a"), nullptr);
}

}  // namespace
}  // namespace rbxpipe::platform::auth
