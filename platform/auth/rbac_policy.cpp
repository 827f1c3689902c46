// Reading and validating the RBAC policy document. Validation is strict (unknown members are errors) because a
// typo in a policy silently granting or withholding access is worse than a policy that refuses to load.
#include <algorithm>

#include "base/embedded_files.h"
#include "platform/auth/rbac.h"
#include "platform/auth/strict_json.h"

namespace rbxpipe::platform::auth {

namespace {

using nlohmann::json;

base::Error invalid(std::string message) {
  return base::Error(base::ErrorCode::invalid_input, "RBAC policy: " + std::move(message));
}

bool valid_permission_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '-';
  });
}

base::Result<void> only_members(const json& object, std::initializer_list<std::string_view> allowed,
                                const std::string& where) {
  for (const auto& [name, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return invalid(where + ": unknown member '" + name + "'");
    }
  }
  return base::ok();
}

std::string string_member(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string_view scope_name(Scope scope) {
  switch (scope) {
    case Scope::own: return "own";
    case Scope::organization: return "organization";
    case Scope::all: return "all";
  }
  return "?";
}

std::optional<Scope> parse_scope(std::string_view name) {
  for (auto scope : {Scope::own, Scope::organization, Scope::all}) {
    if (name == scope_name(scope)) return scope;
  }
  return std::nullopt;
}

base::Result<RbacPolicy> RbacPolicy::parse(std::string_view text) {
  auto document = detail::parse_strict_object(text, "RBAC policy");
  if (!document) return std::move(document).error();
  const json& doc = *document;
  RBXPIPE_TRY(only_members(
      doc, {"$schema", "description", "version", "permissions", "protected", "token_scope", "roles"}, "policy"));
  if (auto version = doc.find("version"); version != doc.end() && *version != 1) return invalid("unsupported version");

  RbacPolicy policy;
  auto permissions = doc.find("permissions");
  if (permissions == doc.end() || !permissions->is_array()) return invalid("'permissions' must be an array");
  for (std::size_t i = 0; i < permissions->size(); ++i) {
    const json& entry = (*permissions)[i];
    const std::string where = "permissions[" + std::to_string(i) + "]";
    if (!entry.is_object()) return invalid(where + " is not an object");
    RBXPIPE_TRY(only_members(entry, {"name", "description"}, where));
    const std::string name = string_member(entry, "name");
    if (!valid_permission_name(name)) return invalid(where + ": invalid permission name '" + name + "'");
    if (policy.has_permission(name)) return invalid("permission '" + name + "' is listed twice");
    policy.m_permissions.push_back(name);
  }

  if (auto protected_map = doc.find("protected"); protected_map != doc.end()) {
    if (!protected_map->is_object()) return invalid("'protected' must be an object");
    for (const auto& [action, needed] : protected_map->items()) {
      if (!policy.has_permission(action)) return invalid("protected: unknown action '" + action + "'");
      if (!needed.is_string() || !policy.has_permission(needed.get<std::string>())) {
        return invalid("protected: '" + action + "' must name a known permission");
      }
      policy.m_protected.emplace(action, needed.get<std::string>());
    }
  }

  if (auto token_scope = doc.find("token_scope"); token_scope != doc.end()) {
    auto scope = token_scope->is_string() ? parse_scope(token_scope->get<std::string>()) : std::nullopt;
    if (!scope || *scope == Scope::all) return invalid("'token_scope' must be \"own\" or \"organization\"");
    policy.m_token_scope = *scope;
  }

  auto roles = doc.find("roles");
  if (roles == doc.end() || !roles->is_array()) return invalid("'roles' must be an array");
  for (std::size_t i = 0; i < roles->size(); ++i) {
    const json& entry = (*roles)[i];
    std::string where = "roles[" + std::to_string(i) + "]";
    if (!entry.is_object()) return invalid(where + " is not an object");
    RBXPIPE_TRY(only_members(entry, {"name", "description", "inherits", "operator", "grants"}, where));
    RoleDefinition role;
    role.name = string_member(entry, "name");
    if (!valid_permission_name(role.name)) return invalid(where + ": invalid role name '" + role.name + "'");
    where = "role '" + role.name + "'";
    if (policy.find_role(role.name) != nullptr) return invalid(where + " is defined twice");
    role.description = string_member(entry, "description");
    if (auto flag = entry.find("operator"); flag != entry.end()) {
      if (!flag->is_boolean()) return invalid(where + ": 'operator' must be true or false");
      role.operator_only = flag->get<bool>();
    }
    if (auto inherits = entry.find("inherits"); inherits != entry.end()) {
      if (!inherits->is_string()) return invalid(where + ": 'inherits' must be a role name");
      role.inherits = inherits->get<std::string>();
      // Naming only roles defined above keeps the hierarchy a chain read top to bottom, with no loops possible.
      const RoleDefinition* parent = policy.find_role(role.inherits);
      if (parent == nullptr) return invalid(where + " inherits '" + role.inherits + "', which is not defined above it");
      if (parent->operator_only && !role.operator_only) {
        return invalid(where + " inherits the operator role '" + parent->name + "'");
      }
    }
    auto grants = entry.find("grants");
    if (grants == entry.end() || !grants->is_object()) return invalid(where + ": 'grants' must be an object");
    for (const auto& [permission, scope_text] : grants->items()) {
      if (!policy.has_permission(permission)) return invalid(where + " grants unknown permission '" + permission + "'");
      auto scope = scope_text.is_string() ? parse_scope(scope_text.get<std::string>()) : std::nullopt;
      if (!scope) return invalid(where + ": scope of '" + permission + "' must be own, organization or all");
      if (*scope == Scope::all && !role.operator_only) {
        return invalid(where + ": only operator roles may grant '" + permission + "' on all tenants");
      }
      role.grants.emplace(permission, *scope);
    }
    policy.m_roles.push_back(std::move(role));
  }
  return policy;
}

base::Result<RbacPolicy> RbacPolicy::load() {
  auto text = base::read_config_file("rbac.json");
  if (!text) return std::move(text).error();
  auto policy = parse(*text);
  if (!policy) return std::move(policy).error().with_context("load rbac.json");
  return policy;
}

bool RbacPolicy::has_permission(std::string_view name) const {
  return std::find(m_permissions.begin(), m_permissions.end(), name) != m_permissions.end();
}

const RoleDefinition* RbacPolicy::find_role(std::string_view name) const {
  for (const auto& role : m_roles) {
    if (role.name == name) return &role;
  }
  return nullptr;
}

std::optional<Scope> RbacPolicy::role_scope(std::string_view role_name, std::string_view permission) const {
  std::optional<Scope> widest;
  for (const RoleDefinition* role = find_role(role_name); role != nullptr;
       role = role->inherits.empty() ? nullptr : find_role(role->inherits)) {
    auto grant = role->grants.find(std::string(permission));
    if (grant != role->grants.end() && (!widest || grant->second > *widest)) widest = grant->second;
  }
  return widest;
}

std::optional<std::string> RbacPolicy::protected_permission(std::string_view action) const {
  auto it = m_protected.find(action);
  if (it == m_protected.end()) return std::nullopt;
  return it->second;
}

base::Result<std::shared_ptr<const RbacPolicy>> default_rbac_policy() {
  // Loaded once: the shipped file cannot change while the process runs, and an override is read at start-up.
  static const base::Result<std::shared_ptr<const RbacPolicy>> policy =
      []() -> base::Result<std::shared_ptr<const RbacPolicy>> {
    auto loaded = RbacPolicy::load();
    if (!loaded) return std::move(loaded).error();
    return std::make_shared<const RbacPolicy>(std::move(loaded).value());
  }();
  return policy;
}

}  // namespace rbxpipe::platform::auth
