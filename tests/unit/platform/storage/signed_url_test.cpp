#include "platform/storage/signed_url.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tests/support/fake_clock.h"

namespace rbxpipe::platform::storage {
namespace {

using namespace std::chrono_literals;

const std::string k_key(32, 'k');
const std::string k_object = "3fa9c1d2e4b5a6978877665544332211ffeeddccbbaa00998877665544332211";

class SignedUrlTest : public ::testing::Test {
 protected:
  UrlSigner signer(const std::string& key = k_key) {
    auto created = UrlSigner::create(key, clock);
    EXPECT_TRUE(created.ok());
    return std::move(created).value();
  }

  std::string sign(const std::string& tenant = "school-1", const std::string& object = k_object,
                   std::chrono::seconds lifetime = 1h) {
    auto url = signer().sign_url(tenant, object, lifetime);
    EXPECT_TRUE(url.ok()) << url.error().to_string();
    return url.ok() ? *url : std::string();
  }

  static std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  }

  testing::FakeClock clock;
};

TEST_F(SignedUrlTest, QueryNamesTenantObjectExpiryAndSignature) {
  const std::string url = sign();
  // 2026-01-01T00:00:00Z + 1 h
  EXPECT_TRUE(std::regex_match(url, std::regex("tenant=school-1&object=" + k_object +
                                               "&expires=1767229200&signature=[0-9a-f]{64}")))
      << url;
  EXPECT_EQ(sign(), url);  // deterministic for one key, tenant, object and time
}

TEST_F(SignedUrlTest, GenuineLinkIsAcceptedUntilItExpires) {
  const std::string url = sign();
  EXPECT_TRUE(signer().verify_signed_url(url, "school-1", k_object).allowed());
  clock.advance(1h - 1s);
  EXPECT_TRUE(signer().verify_signed_url(url, "school-1", k_object).allowed());
  clock.advance(1s);
  const UrlCheck check = signer().verify_signed_url(url, "school-1", k_object);
  EXPECT_EQ(check.denial, UrlDenial::expired);
  EXPECT_EQ(check.message, "the link expired at 2026-01-01T01:00:00Z");
}

TEST_F(SignedUrlTest, AlteredSignatureIsTampered) {
  std::string url = sign();
  url.back() = url.back() == '0' ? '1' : '0';
  const UrlCheck check = signer().verify_signed_url(url, "school-1", k_object);
  EXPECT_EQ(check.denial, UrlDenial::tampered);
  EXPECT_FALSE(check.allowed());
}

TEST_F(SignedUrlTest, ExtendedExpiryIsTampered) {
  const std::string url = replaced(sign(), "expires=1767229200", "expires=1767999999");
  EXPECT_EQ(signer().verify_signed_url(url, "school-1", k_object).denial, UrlDenial::tampered);
}

TEST_F(SignedUrlTest, RewrittenTenantOrObjectIsTampered) {
  const std::string url = sign();
  EXPECT_EQ(signer().verify_signed_url(replaced(url, "tenant=school-1", "tenant=school-2"), "school-2", k_object).denial,
            UrlDenial::tampered);
  const std::string other(64, 'e');
  EXPECT_EQ(signer().verify_signed_url(replaced(url, k_object, other), "school-1", other).denial, UrlDenial::tampered);
}

TEST_F(SignedUrlTest, LinkForAnotherTenantOrObjectIsRefused) {
  const std::string url = sign();
  EXPECT_EQ(signer().verify_signed_url(url, "school-2", k_object).denial, UrlDenial::wrong_tenant);
  EXPECT_EQ(signer().verify_signed_url(url, "school-1", std::string(64, 'e')).denial, UrlDenial::wrong_object);
}

TEST_F(SignedUrlTest, LinkSignedWithAnotherKeyIsTampered) {
  const std::string url = sign();
  EXPECT_EQ(signer(std::string(32, 'x')).verify_signed_url(url, "school-1", k_object).denial, UrlDenial::tampered);
}

TEST_F(SignedUrlTest, MalformedQueriesAreRefused) {
  const std::string url = sign();
  const auto check = [&](const std::string& query) {
    return signer().verify_signed_url(query, "school-1", k_object).denial;
  };
  EXPECT_EQ(check(""), UrlDenial::malformed);
  EXPECT_EQ(check(replaced(url, "&signature=", "&sig=")), UrlDenial::malformed);
  EXPECT_EQ(check(url + "&tenant=school-1"), UrlDenial::malformed);
  EXPECT_EQ(check(replaced(url, "expires=", "expires=-")), UrlDenial::malformed);
  EXPECT_EQ(check(url + "&x=%4"), UrlDenial::malformed);
  EXPECT_EQ(check(url + "&x=%zz"), UrlDenial::malformed);
}

TEST_F(SignedUrlTest, OtherParametersAndALeadingQuestionMarkAreIgnored) {
  const std::string url = "?download=1&" + sign() + "&filename=volcano.zip";
  EXPECT_TRUE(signer().verify_signed_url(url, "school-1", k_object).allowed());
}

TEST_F(SignedUrlTest, ObjectsWithReservedCharactersRoundTrip) {
  const std::string release = "volcano@1.2.0+3fa9c1d2e4b5 / é";
  const std::string url = sign("school-1", release);
  EXPECT_EQ(url.find('@'), std::string::npos);
  EXPECT_EQ(url.find('+'), std::string::npos);
  EXPECT_TRUE(signer().verify_signed_url(url, "school-1", release).allowed());
}

TEST_F(SignedUrlTest, BadInputsAreRefusedWhenSigning) {
  EXPECT_EQ(UrlSigner::create(std::string(31, 'k'), clock).error().code(), base::ErrorCode::invalid_input);
  const UrlSigner good = signer();
  EXPECT_EQ(good.sign_url("../etc", k_object, 1h).error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(good.sign_url("school-1", "", 1h).error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(good.sign_url("school-1", "a\nb", 1h).error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(good.sign_url("school-1", k_object, 0s).error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(good.sign_url("school-1", k_object, k_max_url_lifetime + 1s).error().code(),
            base::ErrorCode::invalid_input);
  EXPECT_TRUE(good.sign_url("school-1", k_object, k_max_url_lifetime).ok());
}

TEST(UrlDenialName, NamesEveryDenial) {
  EXPECT_EQ(url_denial_name(UrlDenial::none), "none");
  EXPECT_EQ(url_denial_name(UrlDenial::malformed), "malformed");
  EXPECT_EQ(url_denial_name(UrlDenial::tampered), "tampered");
  EXPECT_EQ(url_denial_name(UrlDenial::wrong_tenant), "wrong_tenant");
  EXPECT_EQ(url_denial_name(UrlDenial::wrong_object), "wrong_object");
  EXPECT_EQ(url_denial_name(UrlDenial::expired), "expired");
}

}  // namespace
}  // namespace rbxpipe::platform::storage
