// The decision: tenant boundary first (nothing of another tenant without an operator's "all" grant), then the
// widest grant of the action among the principal's roles and direct permissions, then its scope, then the extra
// permission protected resources need. Every denial says which of these failed, in words.
#include <algorithm>

#include "platform/auth/rbac.h"

namespace rbxpipe::platform::auth {

namespace {

/// The widest grant of one permission and where it came from ("role admin").
struct Grant {
  Scope scope = Scope::own;
  std::string source;
};

std::string describe(const Resource& resource) {
  std::string text = resource.kind.empty() ? "resource" : resource.kind;
  if (!resource.name.empty()) text += " '" + resource.name + "'";
  return text;
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

Decision deny(DecisionReason reason, std::string message) { return Decision{false, reason, std::move(message)}; }

std::optional<Grant> widest_grant(const RbacPolicy& policy, const Principal& principal, std::string_view permission) {
  std::optional<Grant> widest;
  auto consider = [&](Scope scope, std::string source) {
    if (!widest || scope > widest->scope) widest = Grant{scope, std::move(source)};
  };
  for (const auto& role : policy.roles()) {
    const bool named = std::find(principal.roles.begin(), principal.roles.end(), role.name) != principal.roles.end();
    // Operator roles follow is_operator alone: naming one in a role list grants nothing.
    const bool held = role.operator_only ? principal.is_operator : named;
    if (!held) continue;
    if (auto scope = policy.role_scope(role.name, permission)) consider(*scope, "role " + role.name);
  }
  if (std::find(principal.permissions.begin(), principal.permissions.end(), permission) !=
      principal.permissions.end()) {
    consider(policy.token_scope(), "direct permission");
  }
  return widest;
}

// Whether `grant` reaches `resource`; `cross` means another tenant's (or the platform's) resource.
bool reaches(const Grant& grant, const Principal& principal, const Resource& resource, bool cross) {
  if (cross) return grant.scope == Scope::all;
  if (grant.scope == Scope::own) return !resource.owner.empty() && resource.owner == principal.subject;
  return true;
}

std::string lacks_message(const RbacPolicy& policy, const Principal& principal, std::string_view permission) {
  std::vector<std::string> roles;
  for (const auto& role : principal.roles) {
    const RoleDefinition* definition = policy.find_role(role);
    if (definition == nullptr || !definition->operator_only) roles.push_back(role);
  }
  if (roles.size() == 1) return "role " + roles.front() + " lacks " + std::string(permission);
  if (roles.size() > 1) return "roles " + join(roles) + " lack " + std::string(permission);
  const std::string who = principal.subject.empty() ? "principal" : "'" + principal.subject + "'";
  return who + " lacks " + std::string(permission);
}

}  // namespace

std::string_view decision_reason_name(DecisionReason reason) {
  switch (reason) {
    case DecisionReason::granted: return "granted";
    case DecisionReason::unknown_action: return "unknown_action";
    case DecisionReason::no_tenant: return "no_tenant";
    case DecisionReason::cross_tenant: return "cross_tenant";
    case DecisionReason::missing_permission: return "missing_permission";
    case DecisionReason::out_of_scope: return "out_of_scope";
    case DecisionReason::protected_resource: return "protected_resource";
    case DecisionReason::policy_unavailable: return "policy_unavailable";
  }
  return "unknown";
}

base::Error Decision::to_error() const {
  return base::Error(allowed ? base::ErrorCode::internal : base::ErrorCode::forbidden, "permission denied: " + message);
}

Decision RbacPolicy::authorize(const Principal& principal, std::string_view action, const Resource& resource) const {
  if (!has_permission(action)) {
    return deny(DecisionReason::unknown_action, "unknown action '" + std::string(action) + "'");
  }
  if (principal.tenant.empty() && !principal.is_operator) {
    return deny(DecisionReason::no_tenant, "'" + principal.subject + "' acts in no tenant");
  }
  const auto grant = widest_grant(*this, principal, action);
  const bool cross = resource.tenant.empty() || resource.tenant != principal.tenant;
  if (cross && !(grant && grant->scope == Scope::all)) {
    return deny(DecisionReason::cross_tenant, resource.tenant.empty()
                                                  ? describe(resource) + " belongs to the platform, not to a tenant"
                                                  : describe(resource) + " belongs to tenant " + resource.tenant);
  }
  if (!grant) return deny(DecisionReason::missing_permission, lacks_message(*this, principal, action));
  if (!reaches(*grant, principal, resource, cross)) {
    const std::string whose = resource.owner.empty() ? " has no owner" : " belongs to " + resource.owner;
    return deny(DecisionReason::out_of_scope, grant->source + " grants " + std::string(action) +
                                                  " only on own resources; " + describe(resource) + whose);
  }
  std::string message =
      grant->source + " grants " + std::string(action) + " (" + std::string(scope_name(grant->scope)) + ")";
  if (resource.is_protected) {
    if (auto needed = protected_permission(action)) {
      const auto extra = widest_grant(*this, principal, *needed);
      if (!extra || !reaches(*extra, principal, resource, cross)) {
        return deny(DecisionReason::protected_resource, *needed + " needed for protected " + describe(resource));
      }
      message += " and " + *needed + " (" + std::string(scope_name(extra->scope)) + ")";
    }
  }
  return Decision{true, DecisionReason::granted, std::move(message)};
}

Decision authorize(const Principal& principal, std::string_view action, const Resource& resource) {
  auto policy = default_rbac_policy();
  if (!policy) return deny(DecisionReason::policy_unavailable, policy.error().to_string());
  return (*policy)->authorize(principal, action, resource);
}

}  // namespace rbxpipe::platform::auth
