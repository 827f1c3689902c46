// Nothing of another tenant, through any door this module has: RBAC, API tokens (authenticate, list, revoke) and
// JWT principals. Only the platform operator crosses.
#include <gtest/gtest.h>

#include "platform/auth/api_token.h"
#include "platform/auth/jwt.h"
#include "platform/auth/jwt_principal.h"
#include "platform/auth/rbac.h"
#include "tests/unit/platform/auth/store_fixture.h"

namespace rbxpipe::platform::auth {
namespace {

using namespace std::chrono_literals;
using CrossTenant = testing::StoreFixture;

Resource of_tenant(const std::string& tenant, const std::string& owner = "alice") {
  return Resource{tenant, owner, "lesson", "volcano", false};
}

TEST_F(CrossTenant, AuthorizeDeniesEveryRoleAndPermissionOnAnotherTenant) {
  const RbacPolicy& policy = *default_rbac_policy().value();
  for (const auto& role : policy.roles()) {
    if (role.operator_only) continue;
    for (const auto& permission : policy.permissions()) {
      Principal principal{"a", "alice", {role.name}, {permission}, false};
      const Decision decision = authorize(principal, permission, of_tenant("b"));
      EXPECT_FALSE(decision.allowed) << role.name << " " << permission;
      EXPECT_EQ(decision.reason, DecisionReason::cross_tenant) << role.name << " " << permission;
    }
  }
}

TEST_F(CrossTenant, OnlyThePlatformOperatorCrosses) {
  EXPECT_TRUE(authorize(Principal{"a", "olga", {}, {}, true}, "deploy", of_tenant("b")).allowed);
  EXPECT_FALSE(authorize(Principal{"a", "olga", {"admin", "operator"}, {}, false}, "deploy", of_tenant("b")).allowed);
}

TEST_F(CrossTenant, TokenOfOneTenantCannotTouchAnother) {
  const CreatedToken token = make_token("a", {"deploy", "tenant:admin", "token:manage"});
  auto principal = authenticate_token(*m_store, token.token, m_clock);
  ASSERT_TRUE(principal.ok()) << principal.message();
  EXPECT_TRUE(authorize(*principal, "deploy", of_tenant("a")).allowed);
  for (const char* action : {"deploy", "tenant:admin", "token:manage"}) {
    const Decision decision = authorize(principal.value(), action, of_tenant("b"));
    EXPECT_EQ(decision.reason, DecisionReason::cross_tenant) << action;
  }
}

TEST_F(CrossTenant, ListingByTenantNeverShowsAnotherTenantsTokens) {
  const CreatedToken mine = make_token("a", {"deploy"});
  make_token("b", {"deploy"});
  make_token("b", {"lesson:read"});
  auto tokens = list_tokens(*m_store, std::string("a"));
  ASSERT_TRUE(tokens.ok()) << tokens.error().to_string();
  ASSERT_EQ(tokens->size(), 1U);
  EXPECT_EQ(tokens->front().id, mine.record.id);
  EXPECT_EQ(list_tokens(*m_store).value().size(), 3U);
  EXPECT_TRUE(list_tokens(*m_store, std::string("c")).value().empty());
}

TEST_F(CrossTenant, RevokingAnotherTenantsTokenLooksLikeAMissingOne) {
  const CreatedToken theirs = make_token("b", {"deploy"});
  auto attempt = revoke_token(*m_store, theirs.record.id, m_clock, std::string("a"));
  ASSERT_FALSE(attempt.ok());
  EXPECT_EQ(attempt.error().code(), base::ErrorCode::not_found);
  EXPECT_EQ(attempt.error().message(), "no API token '" + theirs.record.id + "'");
  EXPECT_TRUE(authenticate_token(*m_store, theirs.token, m_clock).ok());
  EXPECT_TRUE(revoke_token(*m_store, theirs.record.id, m_clock, std::string("b")).ok());
  EXPECT_FALSE(authenticate_token(*m_store, theirs.token, m_clock).ok());
}

class CrossTenantJwt : public ::testing::Test {
 protected:
  VerifiedJwt verified(const std::string& tenant, std::vector<std::string> roles) {
    JwtClaims claims;
    claims.subject = "alice";
    claims.expires_at = m_clock.now() + 1h;
    if (!tenant.empty()) claims.strings["tenant"] = tenant;
    claims.string_lists["roles"] = std::move(roles);
    JwtKeySet keys;
    EXPECT_TRUE(keys.add(m_key).ok());
    auto verdict = verify_jwt(sign_jwt(claims, m_key).value(), keys, JwtVerifyOptions{}, m_clock);
    EXPECT_TRUE(verdict.ok()) << verdict.message();
    return std::move(verdict).value();
  }

  rbxpipe::testing::FakeClock m_clock;
  JwtKey m_key = JwtKey::hmac("0123456789abcdef0123456789abcdef", "idp").value();
};

TEST_F(CrossTenantJwt, JwtPrincipalActsOnlyInItsTenant) {
  auto principal = principal_from_jwt(verified("a", {"admin"}));
  ASSERT_TRUE(principal.ok()) << principal.message();
  EXPECT_EQ(principal->tenant, "a");
  EXPECT_EQ(principal->subject, "alice");
  EXPECT_TRUE(authorize(*principal, "tenant:admin", of_tenant("a")).allowed);
  EXPECT_EQ(authorize(*principal, "lesson:read", of_tenant("b")).reason, DecisionReason::cross_tenant);
}

TEST_F(CrossTenantJwt, JwtWithoutTenantIsRefused) {
  auto principal = principal_from_jwt(verified("", {"admin"}));
  ASSERT_FALSE(principal.ok());
  EXPECT_EQ(principal.reason(), JwtRefusal::missing_claim);
}

TEST_F(CrossTenantJwt, OperatorClaimIsRefusedUnlessTheIssuerIsTrustedForIt) {
  auto refused = principal_from_jwt(verified("a", {"operator"}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.reason(), JwtRefusal::bad_claim);
  JwtPrincipalOptions trusted;
  trusted.allow_operator = true;
  auto op = principal_from_jwt(verified("", {"operator"}), trusted);
  ASSERT_TRUE(op.ok()) << op.message();
  EXPECT_TRUE(op->is_operator);
  EXPECT_TRUE(authorize(*op, "deploy", of_tenant("b")).allowed);
}

}  // namespace
}  // namespace rbxpipe::platform::auth
