#pragma once
// Who is asking (Principal) and what they ask about (Resource): the two inputs of every authorization.

#include <string>
#include <vector>

namespace rbxpipe::platform::auth {

/// An authenticated caller: a person (roles from the identity provider) or an API token (explicit permissions).
struct Principal {
  std::string tenant;                    ///< the tenant it acts in; empty only for platform operators
  std::string subject;                   ///< user id, or "token:<id>" for API tokens
  std::vector<std::string> roles;        ///< role names of the policy ("teacher")
  std::vector<std::string> permissions;  ///< permissions granted directly (API tokens), at the policy's token scope
  bool is_operator = false;              ///< platform operator: may act on every tenant
};

/// The thing an action touches.
struct Resource {
  std::string tenant;         ///< owning tenant; empty for platform-wide things (only operators reach them)
  std::string owner;          ///< subject that owns it ("own" scope); empty when nobody does
  std::string kind;           ///< "lesson", "environment", "release", "token", "secret", "tenant", ...
  std::string name;           ///< for messages ("prod")
  bool is_protected = false;  ///< a protected environment: deploying needs the extra permission the policy names
};

}  // namespace rbxpipe::platform::auth
