#pragma once
// From a verified JWT to a Principal: which claims name the tenant, the roles and direct permissions, and whether
// this issuer may vouch for platform operators.

#include <string>

#include "platform/auth/jwt.h"
#include "platform/auth/principal.h"
#include "platform/auth/verdict.h"

namespace rbxpipe::platform::auth {

/// Claim names and trust of one identity provider.
struct JwtPrincipalOptions {
  std::string tenant_claim = "tenant";            ///< string claim naming the tenant
  std::string roles_claim = "roles";              ///< string or array-of-strings claim with role names
  std::string permissions_claim = "permissions";  ///< optional array of direct permissions
  std::string operator_role = "operator";         ///< role name that marks a platform operator
  bool allow_operator = false;                    ///< false: a token claiming the operator role is refused
};

/// The principal a verified token describes: subject from `sub` (required), tenant from the tenant claim (required
/// unless the token is an accepted operator's), roles and permissions from their claims.
Verdict<Principal, JwtRefusal> principal_from_jwt(const VerifiedJwt& jwt, const JwtPrincipalOptions& options = {});

}  // namespace rbxpipe::platform::auth
