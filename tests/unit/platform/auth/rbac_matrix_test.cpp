// The whole policy file as a matrix: every role x every permission x every scope relation x protected or not,
// checked against expectations computed here from the raw JSON (independently of RbacPolicy's own reading).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/embedded_files.h"
#include "platform/auth/rbac.h"

namespace rbxpipe::platform::auth {
namespace {

using nlohmann::json;

// Where the resource stands relative to the principal.
enum class Relation { owned, same_tenant, other_tenant };

int rank(const std::string& scope) { return scope == "own" ? 0 : scope == "organization" ? 1 : 2; }

// The widest scope `role` grants `permission` with, following "inherits" in the raw document.
std::optional<std::string> expected_scope(const json& policy, const std::string& role, const std::string& permission) {
  std::optional<std::string> widest;
  std::string current = role;
  while (!current.empty()) {
    const json* definition = nullptr;
    for (const auto& candidate : policy["roles"]) {
      if (candidate["name"] == current) definition = &candidate;
    }
    if (definition == nullptr) break;
    if (definition->at("grants").contains(permission)) {
      const std::string scope = definition->at("grants")[permission];
      if (!widest || rank(scope) > rank(*widest)) widest = scope;
    }
    current = definition->value("inherits", "");
  }
  return widest;
}

bool scope_reaches(const std::optional<std::string>& scope, Relation relation) {
  if (!scope) return false;
  switch (relation) {
    case Relation::owned: return true;
    case Relation::same_tenant: return *scope != "own";
    case Relation::other_tenant: return *scope == "all";
  }
  return false;
}

TEST(RbacMatrix, EveryRolePermissionAndScopeDecidesAsThePolicyFileSays) {
  const json policy = json::parse(base::read_config_file("rbac.json").value());
  auto parsed = RbacPolicy::parse(policy.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  const RbacPolicy& rbac = *parsed;

  int allowed = 0;
  int denied = 0;
  for (const auto& role : policy["roles"]) {
    const std::string role_name = role["name"];
    const bool is_operator = role.value("operator", false);
    Principal principal{"a", "alice", {role_name}, {}, is_operator};
    for (const auto& permission_entry : policy["permissions"]) {
      const std::string permission = permission_entry["name"];
      for (auto relation : {Relation::owned, Relation::same_tenant, Relation::other_tenant}) {
        for (bool is_protected : {false, true}) {
          Resource resource{relation == Relation::other_tenant ? "b" : "a",
                            relation == Relation::owned ? "alice" : "bob", "environment", "prod", is_protected};
          bool expected = scope_reaches(expected_scope(policy, role_name, permission), relation);
          if (expected && is_protected && policy["protected"].contains(permission)) {
            expected = scope_reaches(expected_scope(policy, role_name, policy["protected"][permission]), relation);
          }
          const Decision decision = rbac.authorize(principal, permission, resource);
          EXPECT_EQ(decision.allowed, expected)
              << "role " << role_name << ", " << permission << ", relation " << static_cast<int>(relation)
              << (is_protected ? ", protected" : "") << ": " << decision.message;
          EXPECT_FALSE(decision.message.empty());
          (decision.allowed ? allowed : denied) += 1;
        }
      }
    }
  }
  // The matrix must exercise both answers, or it proves nothing.
  EXPECT_GT(allowed, 0);
  EXPECT_GT(denied, 0);
}

TEST(RbacMatrix, ShippedHierarchyIsGuestStudentTeacherAdminPlusOperator) {
  const RbacPolicy& policy = *default_rbac_policy().value();
  ASSERT_EQ(policy.roles().size(), 5U);
  EXPECT_EQ(policy.roles()[0].name, "guest");
  EXPECT_EQ(policy.find_role("student")->inherits, "guest");
  EXPECT_EQ(policy.find_role("teacher")->inherits, "student");
  EXPECT_EQ(policy.find_role("admin")->inherits, "teacher");
  EXPECT_TRUE(policy.find_role("operator")->operator_only);
  // Each higher role holds at least every grant of the one below, at least as wide.
  const char* chain[] = {"guest", "student", "teacher", "admin"};
  for (int i = 1; i < 4; ++i) {
    for (const auto& permission : policy.permissions()) {
      auto lower = policy.role_scope(chain[i - 1], permission);
      auto higher = policy.role_scope(chain[i], permission);
      if (lower) {
        ASSERT_TRUE(higher.has_value()) << chain[i] << " lost " << permission;
        EXPECT_GE(*higher, *lower) << chain[i] << " narrows " << permission;
      }
    }
  }
  for (const char* permission : {"lesson:read", "lesson:build", "deploy", "deploy:protected", "rollback",
                                 "release:approve", "tenant:admin", "token:manage", "secret:manage"}) {
    EXPECT_TRUE(policy.has_permission(permission)) << permission;
    EXPECT_EQ(policy.role_scope("operator", permission), Scope::all) << permission;
  }
}

}  // namespace
}  // namespace rbxpipe::platform::auth
