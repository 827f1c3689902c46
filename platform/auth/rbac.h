#pragma once
// Role-based access control: the policy (config/rbac.json: roles with inherited grants, each permission with a
// scope) and one authorize() call answering allow or deny with the reason in words.
// Nothing of another tenant is ever allowed except to the platform operator.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/result.h"
#include "platform/auth/principal.h"

namespace rbxpipe::platform::auth {

/// How far a grant reaches, narrowest first.
enum class Scope {
  own,           ///< resources whose owner is the principal's subject, in its tenant
  organization,  ///< every resource of the principal's tenant
  all,           ///< every tenant (platform operator roles only)
};

/// "own", "organization" or "all".
std::string_view scope_name(Scope scope);
/// The scope of a name; nullopt for anything else.
std::optional<Scope> parse_scope(std::string_view name);

/// Why authorize() decided as it did.
enum class DecisionReason {
  granted,             ///< allowed
  unknown_action,      ///< the action is no permission of the policy
  no_tenant,           ///< a non-operator principal without a tenant
  cross_tenant,        ///< the resource belongs to another tenant (or to the platform)
  missing_permission,  ///< no role or direct permission grants the action
  out_of_scope,        ///< granted for own resources only, and this one is somebody else's
  protected_resource,  ///< a protected resource needs a further permission the principal lacks
  policy_unavailable,  ///< the policy could not be loaded: everything is denied
};

/// Stable snake_case name of a reason ("cross_tenant").
std::string_view decision_reason_name(DecisionReason reason);

/// The answer of authorize().
struct Decision {
  bool allowed = false;                                        ///< allow or deny
  DecisionReason reason = DecisionReason::missing_permission;  ///< machine-readable why
  std::string message;  ///< "role student lacks deploy", "role admin grants deploy (organization)"
  /// Same as allowed.
  explicit operator bool() const { return allowed; }
  /// A forbidden Error carrying the message (for denials).
  base::Error to_error() const;
};

/// One role of the policy.
struct RoleDefinition {
  std::string name;                     ///< "teacher"
  std::string description;              ///< for documentation and `--help`
  std::string inherits;                 ///< the next lower role, whose grants it includes; empty for none
  bool operator_only = false;           ///< granted only to principals with is_operator
  std::map<std::string, Scope> grants;  ///< its own grants, inherited ones not included
};

/// The whole policy, immutable once parsed.
class RbacPolicy {
 public:
  /// Parses and validates a policy document (the shape of config/rbac.json): unknown permissions, scopes or roles,
  /// inheritance loops, and scope "all" outside operator roles are invalid_input.
  static base::Result<RbacPolicy> parse(std::string_view json);
  /// Loads rbac.json through base::read_config_file ($RBXPIPE_CONFIG_DIR, else the compiled-in copy).
  static base::Result<RbacPolicy> load();

  /// Decides whether `principal` may perform `action` (a permission name) on `resource`.
  Decision authorize(const Principal& principal, std::string_view action, const Resource& resource) const;

  /// Every permission name, in policy order.
  const std::vector<std::string>& permissions() const { return m_permissions; }
  /// True when `name` is a permission of the policy.
  bool has_permission(std::string_view name) const;
  /// Every role, lowest first.
  const std::vector<RoleDefinition>& roles() const { return m_roles; }
  /// The role named `name`, or null.
  const RoleDefinition* find_role(std::string_view name) const;
  /// The widest scope at which `role` grants `permission`, its inherited roles included; nullopt when it does not.
  std::optional<Scope> role_scope(std::string_view role, std::string_view permission) const;
  /// The permission a protected resource additionally requires for `action` ("deploy:protected"), if any.
  std::optional<std::string> protected_permission(std::string_view action) const;
  /// The scope at which a principal's direct permissions (API tokens) apply.
  Scope token_scope() const { return m_token_scope; }

 private:
  std::vector<std::string> m_permissions;
  std::vector<RoleDefinition> m_roles;
  std::map<std::string, std::string, std::less<>> m_protected;
  Scope m_token_scope = Scope::organization;
};

/// The policy from rbac.json, loaded once per process; the load error when it is invalid.
base::Result<std::shared_ptr<const RbacPolicy>> default_rbac_policy();

/// authorize() with the default policy; everything is denied (policy_unavailable) when it cannot be loaded.
Decision authorize(const Principal& principal, std::string_view action, const Resource& resource);

}  // namespace rbxpipe::platform::auth
