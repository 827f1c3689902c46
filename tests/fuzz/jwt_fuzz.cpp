// Fuzzes the untrusted inputs of platform/auth: JWT verification (header, payload, signature decoding), JWKS key
// sets and the RBAC policy parser.
#include <cstdint>
#include <string>

#include "base/clock.h"
#include "platform/auth/jwt.h"
#include "platform/auth/jwt_key.h"
#include "platform/auth/rbac.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rbxpipe::platform::auth;
  std::string text(reinterpret_cast<const char*>(data), size);
  static const JwtKeySet keys = [] {
    JwtKeySet set;
    (void)set.add(JwtKey::hmac(std::string(32, 'k'), "hmac").value());
    return set;
  }();
  static rbxpipe::base::SystemClock clock;
  JwtVerifyOptions options;
  options.issuer = "https://issuer.example";
  options.audiences = {"rbxpipe"};
  (void)verify_jwt(text, keys, options, clock);
  (void)JwtKeySet::from_jwks(text);
  (void)RbacPolicy::parse(text);
  return 0;
}
