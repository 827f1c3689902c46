#include "platform/auth/jwt_principal.h"

#include <algorithm>

namespace rbxpipe::platform::auth {

namespace {

using PrincipalVerdict = Verdict<Principal, JwtRefusal>;

std::vector<std::string> list_claim(const JwtClaims& claims, const std::string& name) {
  if (auto list = claims.string_lists.find(name); list != claims.string_lists.end()) return list->second;
  if (auto single = claims.strings.find(name); single != claims.strings.end()) return {single->second};
  return {};
}

}  // namespace

PrincipalVerdict principal_from_jwt(const VerifiedJwt& jwt, const JwtPrincipalOptions& options) {
  const JwtClaims& claims = jwt.claims;
  if (!claims.subject || claims.subject->empty()) {
    return PrincipalVerdict(JwtRefusal::missing_claim, "token has no 'sub'");
  }
  Principal principal;
  principal.subject = *claims.subject;
  principal.roles = list_claim(claims, options.roles_claim);
  principal.permissions = list_claim(claims, options.permissions_claim);
  auto role = std::find(principal.roles.begin(), principal.roles.end(), options.operator_role);
  if (role != principal.roles.end()) {
    // Only an issuer trusted for it may make operators; anyone else claiming it is refused outright, not demoted.
    if (!options.allow_operator) {
      return PrincipalVerdict(JwtRefusal::bad_claim,
                              "this issuer may not grant the '" + options.operator_role + "' role");
    }
    principal.is_operator = true;
  }
  if (auto tenant = claims.strings.find(options.tenant_claim); tenant != claims.strings.end()) {
    principal.tenant = tenant->second;
  }
  if (principal.tenant.empty() && !principal.is_operator) {
    return PrincipalVerdict(JwtRefusal::missing_claim, "token has no '" + options.tenant_claim + "' claim");
  }
  return principal;
}

}  // namespace rbxpipe::platform::auth
