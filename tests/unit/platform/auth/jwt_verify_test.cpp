#include <gtest/gtest.h>

#include <string>

#include "platform/auth/base64url.h"
#include "platform/auth/jwt.h"
#include "tests/support/fake_clock.h"
#include "tests/unit/platform/auth/test_keys.h"

namespace rbxpipe::platform::auth {
namespace {

using namespace std::chrono_literals;
using rbxpipe::testing::FakeClock;
namespace tk = rbxpipe::platform::auth::testing;

const std::string k_secret = "0123456789abcdef0123456789abcdef-hs256-test-secret";

std::int64_t unix_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

class JwtVerify : public ::testing::Test {
 protected:
  JwtVerify() {
    // Verifiers hold only public keys for RSA and EC, as a real JWKS would give them.
    EXPECT_TRUE(keys.add(hs).ok());
    EXPECT_TRUE(keys.add(JwtKey::from_pem(tk::public_pem_of(tk::shared_rsa_pem()), "rs-1").value()).ok());
    EXPECT_TRUE(keys.add(JwtKey::from_pem(tk::public_pem_of(tk::shared_ec_pem()), "es-1").value()).ok());
    options.issuer = "https://id.example.school";
    options.audiences = {"rbxpipe"};
  }

  JwtClaims claims() const {
    JwtClaims claims;
    claims.issuer = "https://id.example.school";
    claims.subject = "alice";
    claims.audiences = {"rbxpipe"};
    claims.issued_at = clock.now();
    claims.expires_at = clock.now() + 1h;
    claims.strings["tenant"] = "a";
    return claims;
  }

  static std::string sign(const JwtClaims& claims, const JwtKey& key) { return sign_jwt(claims, key).value(); }

  // An HS256 token over exactly these header and payload texts, signed with OpenSSL directly.
  static std::string hs_token(std::string_view header, std::string_view payload) {
    const std::string input = tk::signing_input(header, payload);
    return tk::compact(input, tk::openssl_hs256(k_secret, input));
  }

  std::string valid_payload() const {
    return R"({"iss":"https://id.example.school","sub":"alice","aud":"rbxpipe","exp":)" +
           std::to_string(unix_seconds(clock.now() + 1h)) + "}";
  }

  JwtVerdict verify(std::string_view token) const { return verify_jwt(token, keys, options, clock); }

  FakeClock clock;
  JwtKey hs = JwtKey::hmac(k_secret, "hs-1").value();
  JwtKey rs = JwtKey::from_pem(tk::shared_rsa_pem(), "rs-1").value();
  JwtKey es = JwtKey::from_pem(tk::shared_ec_pem(), "es-1").value();
  JwtKeySet keys;
  JwtVerifyOptions options;
};

#define EXPECT_REFUSED(verdict, expected)                                                 \
  do {                                                                                    \
    const auto& v_ = (verdict);                                                           \
    ASSERT_FALSE(v_.ok());                                                                \
    EXPECT_EQ(jwt_refusal_name(v_.reason()), jwt_refusal_name(expected)) << v_.message(); \
    EXPECT_FALSE(v_.message().empty());                                                   \
  } while (false)

TEST_F(JwtVerify, AcceptsHs256TokenAndReadsItsClaims) {
  auto verdict = verify(sign(claims(), hs));
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->algorithm, JwtAlgorithm::hs256);
  EXPECT_EQ(verdict->key_id, "hs-1");
  EXPECT_EQ(verdict->claims.subject, "alice");
  EXPECT_EQ(verdict->claims.strings.at("tenant"), "a");
  EXPECT_EQ(verdict->claims.expires_at, std::chrono::time_point_cast<std::chrono::seconds>(clock.now() + 1h));
}

TEST_F(JwtVerify, AcceptsRs256TokenSignedWithThePrivateKey) {
  auto verdict = verify(sign(claims(), rs));
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->algorithm, JwtAlgorithm::rs256);
  EXPECT_EQ(verdict->key_id, "rs-1");
}

TEST_F(JwtVerify, AcceptsEs256TokenSignedWithThePrivateKey) {
  const std::string token = sign(claims(), es);
  // JOSE carries ES256 signatures as 64 raw bytes (r||s), never DER.
  EXPECT_EQ(base64url_decode(token.substr(token.rfind('.') + 1)).value().size(), 64U);
  auto verdict = verify(token);
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->algorithm, JwtAlgorithm::es256);
}

TEST_F(JwtVerify, AcceptsRs256TokenSignedByOpenSslDirectly) {
  const std::string input = tk::signing_input(R"({"alg":"RS256","kid":"rs-1"})", valid_payload());
  auto verdict = verify(tk::compact(input, tk::openssl_rs256(tk::shared_rsa_pem(), input)));
  EXPECT_TRUE(verdict.ok()) << verdict.message();
}

TEST_F(JwtVerify, AcceptsEs256TokenSignedByOpenSslDirectlyInJoseForm) {
  const std::string input = tk::signing_input(R"({"alg":"ES256","kid":"es-1"})", valid_payload());
  auto verdict = verify(tk::compact(input, tk::openssl_es256(tk::shared_ec_pem(), input)));
  EXPECT_TRUE(verdict.ok()) << verdict.message();
}

TEST_F(JwtVerify, RefusesEs256SignatureInDerForm) {
  const std::string input = tk::signing_input(R"({"alg":"ES256","kid":"es-1"})", valid_payload());
  EXPECT_REFUSED(verify(tk::compact(input, tk::openssl_es256_der(tk::shared_ec_pem(), input))),
                 JwtRefusal::bad_signature);
}

TEST_F(JwtVerify, VerifiesTheRfc7515HmacExample) {
  // RFC 7515 Appendix A.1: the key, token and claims as published (exp 1300819380 is in March 2011).
  FakeClock then(std::chrono::system_clock::time_point(std::chrono::seconds(1300819000)));
  const std::string jwk =
      R"({"kty":"oct",)"
      R"("k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})";
  JwtKeySet rfc_keys;
  ASSERT_TRUE(rfc_keys.add(JwtKey::from_jwk(jwk).value()).ok());
  const std::string token =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  auto verdict = verify_jwt(token, rfc_keys, JwtVerifyOptions{}, then);
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->claims.issuer, "joe");
  EXPECT_TRUE(verdict->claims.flags.at("http://example.com/is_root"));
  EXPECT_REFUSED(verify_jwt(token, rfc_keys, JwtVerifyOptions{}, clock), JwtRefusal::expired);
}

TEST_F(JwtVerify, VerifiesTheRfc7515EcdsaExample) {
  // RFC 7515 Appendix A.3: a P-256 public key as JWK and a token whose signature is the 64-byte r||s pair.
  FakeClock then(std::chrono::system_clock::time_point(std::chrono::seconds(1300819000)));
  const std::string jwk =
      R"({"kty":"EC","crv":"P-256",)"
      R"("x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
      R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";
  JwtKeySet rfc_keys;
  ASSERT_TRUE(rfc_keys.add(JwtKey::from_jwk(jwk).value()).ok());
  const std::string token =
      "eyJhbGciOiJFUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
  auto verdict = verify_jwt(token, rfc_keys, JwtVerifyOptions{}, then);
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->algorithm, JwtAlgorithm::es256);
}

TEST_F(JwtVerify, RefusesExpiredTokenBeyondTheLeeway) {
  auto expired = claims();
  expired.expires_at = clock.now() - 61s;
  EXPECT_REFUSED(verify(sign(expired, hs)), JwtRefusal::expired);
}

TEST_F(JwtVerify, AcceptsRecentlyExpiredTokenWithinTheDefaultLeeway) {
  auto recent = claims();
  recent.expires_at = clock.now() - 30s;
  EXPECT_EQ(options.leeway, 60s);
  EXPECT_TRUE(verify(sign(recent, hs)).ok());
}

TEST_F(JwtVerify, LeewayIsConfigurable) {
  auto recent = claims();
  recent.expires_at = clock.now() - 1s;
  options.leeway = 0s;
  EXPECT_REFUSED(verify(sign(recent, hs)), JwtRefusal::expired);
}

TEST_F(JwtVerify, RefusesNotYetValidToken) {
  auto early = claims();
  early.not_before = clock.now() + 120s;
  EXPECT_REFUSED(verify(sign(early, hs)), JwtRefusal::not_yet_valid);
  early.not_before = clock.now() + 30s;
  EXPECT_TRUE(verify(sign(early, hs)).ok());
}

TEST_F(JwtVerify, RefusesWrongIssuer) {
  auto other = claims();
  other.issuer = "https://evil.example";
  auto verdict = verify(sign(other, hs));
  EXPECT_REFUSED(verdict, JwtRefusal::wrong_issuer);
  EXPECT_NE(verdict.message().find("evil.example"), std::string::npos);
  other.issuer.reset();
  EXPECT_REFUSED(verify(sign(other, hs)), JwtRefusal::wrong_issuer);
}

TEST_F(JwtVerify, RefusesWrongAudience) {
  auto other = claims();
  other.audiences = {"another-service"};
  EXPECT_REFUSED(verify(sign(other, hs)), JwtRefusal::wrong_audience);
  other.audiences.clear();
  EXPECT_REFUSED(verify(sign(other, hs)), JwtRefusal::wrong_audience);
}

TEST_F(JwtVerify, AcceptsAudienceArrayNamingTheExpectedAudience) {
  auto several = claims();
  several.audiences = {"dashboard", "rbxpipe"};
  auto verdict = verify(sign(several, hs));
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->claims.audiences.size(), 2U);
}

TEST_F(JwtVerify, RefusesTokenSignedWithAnotherKeyOfTheSameKid) {
  auto impostor = JwtKey::hmac("another-secret-of-at-least-32-bytes!!", "hs-1").value();
  EXPECT_REFUSED(verify(sign(claims(), impostor)), JwtRefusal::bad_signature);
  auto other_rsa = JwtKey::from_pem(tk::other_rsa_pem(), "rs-1").value();
  EXPECT_REFUSED(verify(sign(claims(), other_rsa)), JwtRefusal::bad_signature);
}

TEST_F(JwtVerify, RefusesAlgNoneInAnyCase) {
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    const std::string header = std::string(R"({"alg":")") + alg + R"("})";
    const std::string token = tk::signing_input(header, valid_payload()) + ".";
    EXPECT_REFUSED(verify(token), JwtRefusal::alg_none);
  }
}

TEST_F(JwtVerify, RefusesHs256TokenKeyedWithTheRsaPublicKeyBytes) {
  // The classic confusion attack: the public key is public, so an attacker can HMAC with its PEM text.
  const std::string public_pem = tk::public_pem_of(tk::shared_rsa_pem());
  const std::string input = tk::signing_input(R"({"alg":"HS256","kid":"rs-1"})", valid_payload());
  auto verdict = verify(tk::compact(input, tk::openssl_hs256(public_pem, input)));
  EXPECT_REFUSED(verdict, JwtRefusal::algorithm_mismatch);
  EXPECT_NE(verdict.message().find("RS256"), std::string::npos);
}

TEST_F(JwtVerify, RefusesAlgorithmOtherThanTheKeysOwn) {
  const std::string token = sign(claims(), es);
  const std::string swapped =
      tk::signing_input(R"({"alg":"RS256","kid":"es-1"})", "{}") + token.substr(token.rfind('.'));
  EXPECT_REFUSED(verify(swapped), JwtRefusal::algorithm_mismatch);
}

TEST_F(JwtVerify, RefusesMalformedBase64) {
  const std::string token = sign(claims(), hs);
  const std::size_t dot = token.find('.');
  EXPECT_REFUSED(verify("e+" + token.substr(2)), JwtRefusal::bad_base64);                          // standard alphabet
  EXPECT_REFUSED(verify(token.substr(0, dot) + "=" + token.substr(dot)), JwtRefusal::bad_base64);  // padding
  EXPECT_REFUSED(verify(token + "*"), JwtRefusal::bad_base64);                                     // signature
  EXPECT_REFUSED(verify(" " + token), JwtRefusal::bad_base64);                                     // whitespace
}

TEST_F(JwtVerify, RefusesOversizedTokenBeforeParsing) {
  // Not even a JWT shape: the size check must come first.
  EXPECT_REFUSED(verify(std::string(JwtVerifyOptions::k_default_max_bytes + 1, 'a')), JwtRefusal::too_large);
  auto big = claims();
  big.strings["padding"] = std::string(20000, 'x');
  EXPECT_REFUSED(verify(sign(big, hs)), JwtRefusal::too_large);
}

TEST_F(JwtVerify, RefusesTokensWithoutThreeParts) {
  const std::string token = sign(claims(), hs);
  EXPECT_REFUSED(verify(token.substr(0, token.rfind('.'))), JwtRefusal::malformed);
  EXPECT_REFUSED(verify(token + ".x"), JwtRefusal::malformed);
  EXPECT_REFUSED(verify(""), JwtRefusal::malformed);
  EXPECT_REFUSED(verify(".."), JwtRefusal::malformed);
}

TEST_F(JwtVerify, RefusesHeaderThatIsNotAJsonObject) {
  EXPECT_REFUSED(verify(hs_token("[1,2]", valid_payload())), JwtRefusal::bad_json);
  EXPECT_REFUSED(verify(hs_token("{\"alg\":", valid_payload())), JwtRefusal::bad_json);
}

TEST_F(JwtVerify, RefusesRepeatedClaimEvenWhenSigned) {
  const std::string payload =
      R"({"sub":"alice","sub":"admin","exp":)" + std::to_string(unix_seconds(clock.now() + 1h)) + "}";
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"hs-1"})", payload)), JwtRefusal::bad_json);
}

TEST_F(JwtVerify, RefusesCriticalHeaderExtensions) {
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"hs-1","crit":["b64"],"b64":false})", valid_payload())),
                 JwtRefusal::bad_header);
  EXPECT_REFUSED(verify(hs_token(R"({"kid":"hs-1"})", valid_payload())), JwtRefusal::bad_header);
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":7})", valid_payload())), JwtRefusal::bad_header);
}

TEST_F(JwtVerify, RefusesUnknownAndDisallowedAlgorithms) {
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS512","kid":"hs-1"})", valid_payload())),
                 JwtRefusal::unsupported_algorithm);
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"hs256","kid":"hs-1"})", valid_payload())),
                 JwtRefusal::unsupported_algorithm);
  options.algorithms = {JwtAlgorithm::rs256, JwtAlgorithm::es256};
  EXPECT_REFUSED(verify(sign(claims(), hs)), JwtRefusal::unsupported_algorithm);
  EXPECT_TRUE(verify(sign(claims(), rs)).ok());
}

TEST_F(JwtVerify, ChoosesTheKeyByKid) {
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"retired"})", valid_payload())), JwtRefusal::unknown_key);
  // Without a kid the key is ambiguous while three are trusted...
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256"})", valid_payload())), JwtRefusal::unknown_key);
  // ...and unambiguous when only one is.
  JwtKeySet single;
  ASSERT_TRUE(single.add(hs).ok());
  EXPECT_TRUE(verify_jwt(hs_token(R"({"alg":"HS256"})", valid_payload()), single, options, clock).ok());
}

TEST_F(JwtVerify, RefusesTamperedPayload) {
  // The RS256 token's header and signature around the payload of another token naming a different subject.
  auto middle = [](const std::string& token) {
    const std::size_t first = token.find('.');
    return token.substr(first + 1, token.rfind('.') - first - 1);
  };
  const std::string token = sign(claims(), rs);
  auto elevated = claims();
  elevated.subject = "admin";
  const std::string forged = token.substr(0, token.find('.') + 1) + middle(sign(elevated, hs)) +
                             token.substr(token.rfind('.'));
  EXPECT_REFUSED(verify(forged), JwtRefusal::bad_signature);
}

TEST_F(JwtVerify, RequiresExpiryUnlessToldOtherwise) {
  auto forever = claims();
  forever.expires_at.reset();
  EXPECT_REFUSED(verify(sign(forever, hs)), JwtRefusal::missing_claim);
  options.require_expiry = false;
  EXPECT_TRUE(verify(sign(forever, hs)).ok());
}

TEST_F(JwtVerify, RefusesRegisteredClaimsOfTheWrongType) {
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"hs-1"})", R"({"sub":"a","exp":"tomorrow"})")),
                 JwtRefusal::bad_claim);
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"hs-1"})", R"({"sub":"a","exp":-5})")), JwtRefusal::bad_claim);
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"hs-1"})", R"({"sub":7,"exp":1})")), JwtRefusal::bad_claim);
  EXPECT_REFUSED(verify(hs_token(R"({"alg":"HS256","kid":"hs-1"})", R"({"aud":[1],"exp":1})")), JwtRefusal::bad_claim);
}

TEST_F(JwtVerify, RefusalsBecomeUnauthenticatedErrors) {
  const auto error = jwt_refusal_error(JwtRefusal::expired, "token expired at 2026-01-01T00:00:00Z");
  EXPECT_EQ(error.code(), base::ErrorCode::unauthenticated);
  EXPECT_EQ(error.message(), "JWT refused (expired): token expired at 2026-01-01T00:00:00Z");
}

TEST_F(JwtVerify, SigningNeedsAPrivateKey) {
  auto public_only = JwtKey::from_pem(tk::public_pem_of(tk::shared_ec_pem()), "es-1").value();
  EXPECT_FALSE(public_only.can_sign());
  auto token = sign_jwt(claims(), public_only);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code(), base::ErrorCode::invalid_input);
}

TEST_F(JwtVerify, SigningRefusesAClaimGivenTwice) {
  auto twice = claims();
  twice.strings["sub"] = "mallory";
  EXPECT_FALSE(sign_jwt(twice, hs).ok());
  EXPECT_FALSE(sign_jwt_payload(R"({"a":1,"a":2})", hs).ok());
  EXPECT_TRUE(verify_jwt(sign_jwt_payload(valid_payload(), hs).value(), keys, options, clock).ok());
}

}  // namespace
}  // namespace rbxpipe::platform::auth
