#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "platform/auth/rbac.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::auth {
namespace {

Principal person(std::string tenant, std::string subject, std::vector<std::string> roles) {
  return Principal{std::move(tenant), std::move(subject), std::move(roles), {}, false};
}

Resource environment(std::string tenant, std::string owner, std::string name, bool is_protected = false) {
  return Resource{std::move(tenant), std::move(owner), "environment", std::move(name), is_protected};
}

TEST(Authorize, StudentLacksDeployAndIsToldSo) {
  const Decision decision = authorize(person("a", "sam", {"student"}), "deploy", environment("a", "sam", "staging"));
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.reason, DecisionReason::missing_permission);
  EXPECT_EQ(decision.message, "role student lacks deploy");
  EXPECT_EQ(decision.to_error().code(), base::ErrorCode::forbidden);
  EXPECT_EQ(decision.to_error().message(), "permission denied: role student lacks deploy");
}

TEST(Authorize, SeveralRolesAreNamedTogether) {
  const Decision decision = authorize(person("a", "sam", {"guest", "student"}), "rollback", environment("a", "", "x"));
  EXPECT_EQ(decision.message, "roles guest, student lack rollback");
}

TEST(Authorize, TeacherDeploysOwnLessonsOnly) {
  const Principal teacher = person("a", "tina", {"teacher"});
  const Decision own = authorize(teacher, "deploy", environment("a", "tina", "staging"));
  EXPECT_TRUE(own.allowed) << own.message;
  EXPECT_EQ(own.reason, DecisionReason::granted);
  EXPECT_EQ(own.message, "role teacher grants deploy (own)");
  const Decision other = authorize(teacher, "deploy", environment("a", "bob", "staging"));
  EXPECT_FALSE(other.allowed);
  EXPECT_EQ(other.reason, DecisionReason::out_of_scope);
  EXPECT_EQ(other.message, "role teacher grants deploy only on own resources; environment 'staging' belongs to bob");
  EXPECT_FALSE(authorize(teacher, "deploy", environment("a", "", "staging")).allowed);
}

TEST(Authorize, ProtectedEnvironmentNeedsDeployProtected) {
  const Decision teacher =
      authorize(person("a", "tina", {"teacher"}), "deploy", environment("a", "tina", "prod", true));
  EXPECT_FALSE(teacher.allowed);
  EXPECT_EQ(teacher.reason, DecisionReason::protected_resource);
  EXPECT_EQ(teacher.message, "deploy:protected needed for protected environment 'prod'");
  const Decision admin = authorize(person("a", "ada", {"admin"}), "deploy", environment("a", "tina", "prod", true));
  EXPECT_TRUE(admin.allowed) << admin.message;
  EXPECT_EQ(admin.message, "role admin grants deploy (organization) and deploy:protected (organization)");
  // Rolling back a protected environment is guarded the same way.
  EXPECT_EQ(authorize(person("a", "tina", {"teacher"}), "rollback", environment("a", "tina", "prod", true)).reason,
            DecisionReason::protected_resource);
  // Reading a protected environment needs nothing extra.
  EXPECT_TRUE(authorize(person("a", "g", {"guest"}), "lesson:read", environment("a", "x", "prod", true)).allowed);
}

TEST(Authorize, ResourceOfAnotherTenantIsDeniedEvenToItsAdmin) {
  const Decision decision = authorize(person("a", "ada", {"admin"}), "lesson:read", environment("b", "ada", "staging"));
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.reason, DecisionReason::cross_tenant);
  EXPECT_EQ(decision.message, "environment 'staging' belongs to tenant b");
}

TEST(Authorize, PlatformOperatorActsOnEveryTenant) {
  Principal op{"", "olga", {}, {}, true};
  const Decision decision = authorize(op, "deploy", environment("b", "bob", "prod", true));
  EXPECT_TRUE(decision.allowed) << decision.message;
  EXPECT_EQ(decision.message, "role operator grants deploy (all) and deploy:protected (all)");
  EXPECT_TRUE(authorize(op, "tenant:admin", Resource{"", "", "tenant", "", false}).allowed);
}

TEST(Authorize, OperatorRoleNameWithoutTheOperatorFlagGrantsNothing) {
  const Decision decision = authorize(person("a", "eve", {"operator"}), "deploy", environment("b", "eve", "x"));
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.reason, DecisionReason::cross_tenant);
  EXPECT_FALSE(authorize(person("a", "eve", {"operator"}), "deploy", environment("a", "eve", "x")).allowed);
}

TEST(Authorize, PlatformResourcesAreForOperatorsOnly) {
  const Decision decision =
      authorize(person("a", "ada", {"admin"}), "tenant:admin", Resource{"", "", "tenant", "b", false});
  EXPECT_EQ(decision.reason, DecisionReason::cross_tenant);
  EXPECT_EQ(decision.message, "tenant 'b' belongs to the platform, not to a tenant");
}

TEST(Authorize, UnknownActionAndMissingTenantAreDenied) {
  EXPECT_EQ(authorize(person("a", "ada", {"admin"}), "launch-rockets", environment("a", "ada", "x")).reason,
            DecisionReason::unknown_action);
  EXPECT_EQ(authorize(person("", "ada", {"admin"}), "lesson:read", environment("", "ada", "x")).reason,
            DecisionReason::no_tenant);
}

TEST(Authorize, UnknownRolesGrantNothing) {
  EXPECT_FALSE(authorize(person("a", "x", {"superuser"}), "lesson:read", environment("a", "x", "y")).allowed);
}

TEST(Authorize, DirectPermissionsApplyAcrossTheOwnTenantOnly) {
  Principal token{"a", "token:tok_1", {}, {"deploy"}, false};
  const Decision decision = authorize(token, "deploy", environment("a", "bob", "staging"));
  EXPECT_TRUE(decision.allowed) << decision.message;
  EXPECT_EQ(decision.message, "direct permission grants deploy (organization)");
  EXPECT_EQ(authorize(token, "rollback", environment("a", "bob", "staging")).message, "'token:tok_1' lacks rollback");
  EXPECT_EQ(authorize(token, "deploy", environment("a", "bob", "prod", true)).reason,
            DecisionReason::protected_resource);
  EXPECT_EQ(authorize(token, "deploy", environment("b", "bob", "staging")).reason, DecisionReason::cross_tenant);
}

TEST(RbacPolicy, RefusesScopeAllOutsideOperatorRoles) {
  auto policy = RbacPolicy::parse(R"({"permissions":[{"name":"deploy"}],
    "roles":[{"name":"admin","grants":{"deploy":"all"}}]})");
  ASSERT_FALSE(policy.ok());
  EXPECT_NE(policy.error().message().find("only operator roles"), std::string::npos);
}

TEST(RbacPolicy, RefusesMistakesInThePolicy) {
  const char* broken[] = {
      R"({"permissions":[{"name":"deploy"}],"roles":[{"name":"a","grants":{"deplo":"own"}}]})",
      R"({"permissions":[{"name":"deploy"}],"roles":[{"name":"a","grants":{"deploy":"everything"}}]})",
      (R"({"permissions":[{"name":"deploy"}],)"
       R"("roles":[{"name":"a","inherits":"b","grants":{}},{"name":"b","grants":{}}]})"),
      R"({"permissions":[{"name":"deploy"}],"roles":[{"name":"a","grants":{}},{"name":"a","grants":{}}]})",
      R"({"permissions":[{"name":"deploy"}],"roles":[{"name":"a","grant":{}}]})",
      R"({"permissions":[{"name":"deploy"},{"name":"deploy"}],"roles":[]})",
      R"({"permissions":[{"name":"deploy"}],"protected":{"deploy":"deploy:protected"},"roles":[]})",
      R"({"permissions":[{"name":"deploy"}],"token_scope":"all","roles":[]})",
      R"({"permissions":[{"name":"deploy"}],"roles":[{"name":"op","operator":true,"grants":{}},
                                                     {"name":"x","inherits":"op","grants":{}}]})",
      R"({"permissions":[{"name":"Deploy Now"}],"roles":[]})",
      R"({"permissions":[],"roles":[],"extra":1})",
  };
  for (const char* text : broken) {
    auto policy = RbacPolicy::parse(text);
    EXPECT_FALSE(policy.ok()) << text;
    if (!policy.ok()) {
      EXPECT_EQ(policy.error().code(), base::ErrorCode::invalid_input) << text;
    }
  }
}

TEST(RbacPolicy, LoadsAnOverrideFromTheConfigFolder) {
  rbxpipe::testing::TempDir dir;
  dir.write("rbac.json",
            R"({"permissions":[{"name":"deploy"}],"roles":[{"name":"crew","grants":{"deploy":"organization"}}]})");
  ::setenv("RBXPIPE_CONFIG_DIR", dir.path().c_str(), 1);
  auto policy = RbacPolicy::load();
  ::unsetenv("RBXPIPE_CONFIG_DIR");
  ASSERT_TRUE(policy.ok()) << policy.error().to_string();
  EXPECT_EQ(policy->permissions(), std::vector<std::string>{"deploy"});
  EXPECT_TRUE(policy->authorize(person("a", "c", {"crew"}), "deploy", environment("a", "", "x")).allowed);
}

TEST(RbacPolicy, ScopeAndReasonNamesAreStable) {
  EXPECT_EQ(scope_name(Scope::organization), "organization");
  EXPECT_EQ(parse_scope("own"), Scope::own);
  EXPECT_FALSE(parse_scope("tenant").has_value());
  EXPECT_EQ(decision_reason_name(DecisionReason::cross_tenant), "cross_tenant");
}

}  // namespace
}  // namespace rbxpipe::platform::auth
