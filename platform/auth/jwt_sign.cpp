#include <nlohmann/json.hpp>

#include "platform/auth/base64url.h"
#include "platform/auth/jwt.h"
#include "platform/auth/key_material.h"
#include "platform/auth/strict_json.h"

namespace rbxpipe::platform::auth {

namespace {

using nlohmann::ordered_json;

std::int64_t seconds_of(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

bool is_registered(std::string_view name) {
  return name == "iss" || name == "sub" || name == "aud" || name == "exp" || name == "nbf" || name == "iat" ||
         name == "jti";
}

base::Result<std::string> sign_with_header(std::string_view payload_json, const JwtKey& key) {
  if (!key.can_sign()) return base::Error(base::ErrorCode::invalid_input, "key '" + key.kid() + "' cannot sign");
  ordered_json header{{"alg", jwt_algorithm_name(key.algorithm())}, {"typ", "JWT"}};
  if (!key.kid().empty()) header["kid"] = key.kid();
  std::string token = base64url_encode(header.dump()) + "." + base64url_encode(payload_json);
  auto signature = detail::sign_bytes(key.material(), token);
  if (!signature) return std::move(signature).error();
  token += ".";
  token += base64url_encode(*signature);
  return token;
}

}  // namespace

base::Result<std::string> sign_jwt(const JwtClaims& claims, const JwtKey& key) {
  ordered_json payload = ordered_json::object();
  if (claims.issuer) payload["iss"] = *claims.issuer;
  if (claims.subject) payload["sub"] = *claims.subject;
  if (claims.audiences.size() == 1) payload["aud"] = claims.audiences.front();
  if (claims.audiences.size() > 1) payload["aud"] = claims.audiences;
  if (claims.expires_at) payload["exp"] = seconds_of(*claims.expires_at);
  if (claims.not_before) payload["nbf"] = seconds_of(*claims.not_before);
  if (claims.issued_at) payload["iat"] = seconds_of(*claims.issued_at);
  if (claims.token_id) payload["jti"] = *claims.token_id;
  auto add = [&](const std::string& name, auto value) -> base::Result<void> {
    if (is_registered(name) || payload.contains(name)) {
      return base::Error(base::ErrorCode::invalid_input, "claim '" + name + "' is given twice");
    }
    payload[name] = std::move(value);
    return base::ok();
  };
  for (const auto& [name, value] : claims.strings) RBXPIPE_TRY(add(name, value));
  for (const auto& [name, value] : claims.string_lists) RBXPIPE_TRY(add(name, value));
  for (const auto& [name, value] : claims.flags) RBXPIPE_TRY(add(name, value));
  return sign_with_header(payload.dump(), key);
}

base::Result<std::string> sign_jwt_payload(std::string_view payload_json, const JwtKey& key) {
  auto parsed = detail::parse_strict_object(payload_json, "payload");
  if (!parsed) return std::move(parsed).error();
  return sign_with_header(payload_json, key);
}

}  // namespace rbxpipe::platform::auth
