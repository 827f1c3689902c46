#pragma once
// JSON Web Tokens (RFC 7519) in compact JWS form: verification with every refusal named, and signing.
// Verification order: size, shape, header, algorithm, key (by kid), signature, then claims; the payload is only
// parsed once its signature holds.

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "base/result.h"
#include "platform/auth/jwt_key.h"
#include "platform/auth/verdict.h"

namespace rbxpipe::platform::auth {

/// Why a token was refused.
enum class JwtRefusal {
  too_large,              ///< longer than the size limit; refused before any parsing
  malformed,              ///< not three non-empty dot-separated parts
  bad_base64,             ///< a part is not strict unpadded base64url
  bad_json,               ///< header or payload is not one JSON object (or repeats a member)
  bad_header,             ///< `alg` missing or not a string, `kid`/`typ` not strings, or a `crit` header present
  alg_none,               ///< `alg: none` (unsecured JWS), in any letter case
  unsupported_algorithm,  ///< an algorithm other than HS256/RS256/ES256, or one the options disallow
  unknown_key,            ///< no key with the token's kid (or no kid while several keys are trusted)
  algorithm_mismatch,     ///< the token's alg is not the one its key's type allows (algorithm confusion)
  bad_signature,          ///< the signature does not verify
  expired,                ///< `exp` is past (beyond the leeway)
  not_yet_valid,          ///< `nbf` is in the future (beyond the leeway)
  wrong_issuer,           ///< `iss` missing or not the expected issuer
  wrong_audience,         ///< `aud` missing or names none of the expected audiences
  missing_claim,          ///< a required claim is absent
  bad_claim,              ///< a registered claim has the wrong type or an impossible value
};

/// Stable snake_case name of a refusal ("alg_none"), for logs and JSON.
std::string_view jwt_refusal_name(JwtRefusal reason);

/// The claims rbxpipe reads; other claims of other types stay in VerifiedJwt::payload_json.
struct JwtClaims {
  std::optional<std::string> issuer;                                          ///< iss
  std::optional<std::string> subject;                                         ///< sub
  std::vector<std::string> audiences;                                         ///< aud (one string or an array)
  std::optional<std::chrono::system_clock::time_point> expires_at;            ///< exp
  std::optional<std::chrono::system_clock::time_point> not_before;            ///< nbf
  std::optional<std::chrono::system_clock::time_point> issued_at;             ///< iat
  std::optional<std::string> token_id;                                        ///< jti
  std::map<std::string, std::string, std::less<>> strings;                    ///< other string claims
  std::map<std::string, std::vector<std::string>, std::less<>> string_lists;  ///< other arrays of strings
  std::map<std::string, bool, std::less<>> flags;                             ///< other boolean claims
};

/// A token that passed every check.
struct VerifiedJwt {
  JwtAlgorithm algorithm = JwtAlgorithm::hs256;  ///< the header's alg
  std::string key_id;                            ///< the kid of the key that verified it
  JwtClaims claims;                              ///< the payload's claims
  std::string payload_json;                      ///< the decoded payload text
};

/// Outcome of verify_jwt.
using JwtVerdict = Verdict<VerifiedJwt, JwtRefusal>;

/// What a verifier demands beyond a valid signature.
struct JwtVerifyOptions {
  /// Default size limit: 16 KiB of token text.
  static constexpr std::size_t k_default_max_bytes = std::size_t{16} << 10;

  std::optional<std::string> issuer;            ///< when set, `iss` must equal it
  std::vector<std::string> audiences;           ///< when non-empty, `aud` must name at least one of these
  std::chrono::seconds leeway{60};              ///< clock skew tolerated for exp and nbf
  bool require_expiry = true;                   ///< refuse tokens without `exp`
  std::size_t max_bytes = k_default_max_bytes;  ///< longer tokens are refused unread
  std::vector<JwtAlgorithm> algorithms;         ///< accepted algorithms; empty means HS256, RS256 and ES256
};

/// Verifies a compact JWS token against `keys` at `clock`'s time. The key is chosen by the header's kid (a token
/// without kid is accepted only when the set holds exactly one key) and decides the algorithm.
JwtVerdict verify_jwt(std::string_view token, const JwtKeySet& keys, const JwtVerifyOptions& options,
                      const base::Clock& clock);

/// An unauthenticated Error for a refusal: "JWT refused (expired): ...".
base::Error jwt_refusal_error(JwtRefusal reason, std::string_view message);

/// Signs `claims` with `key`: header `{"alg","typ":"JWT","kid"}` (kid when the key has one); times as whole
/// seconds. invalid_input when the key cannot sign.
base::Result<std::string> sign_jwt(const JwtClaims& claims, const JwtKey& key);

/// Signs an exact payload text (which must be one JSON object) with `key`, header as in sign_jwt.
base::Result<std::string> sign_jwt_payload(std::string_view payload_json, const JwtKey& key);

}  // namespace rbxpipe::platform::auth
