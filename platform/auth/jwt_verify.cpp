#include <algorithm>
#include <cctype>
#include <cmath>

#include "platform/auth/base64url.h"
#include "platform/auth/jwt.h"
#include "platform/auth/key_material.h"
#include "platform/auth/strict_json.h"

namespace rbxpipe::platform::auth {

namespace {

using nlohmann::json;
using TimePoint = std::chrono::system_clock::time_point;

// NumericDates past this (about the year 2255) would overflow the nanosecond system clock.
constexpr double k_max_numeric_date = 9e9;

JwtVerdict refuse(JwtRefusal reason, std::string message) { return JwtVerdict(reason, std::move(message)); }

bool is_none(std::string_view alg) {
  return alg.size() == 4 && std::equal(alg.begin(), alg.end(), "none",
                                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// A NumericDate (seconds, maybe fractional); rounded so leeway never grows: exp down, nbf up.
std::optional<TimePoint> numeric_date(const json& value, bool round_up) {
  if (!value.is_number()) return std::nullopt;
  const double seconds = value.get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > k_max_numeric_date) return std::nullopt;
  const double whole = round_up ? std::ceil(seconds) : std::floor(seconds);
  return TimePoint(std::chrono::seconds(static_cast<std::int64_t>(whole)));
}

std::optional<std::vector<std::string>> string_list(const json& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<std::string> list;
  for (const auto& item : value) {
    if (!item.is_string()) return std::nullopt;
    list.push_back(item.get<std::string>());
  }
  return list;
}

// Reads the claims rbxpipe knows; errors name the offending claim.
base::Result<JwtClaims> read_claims(const json& payload) {
  JwtClaims claims;
  auto bad = [](std::string_view name, std::string_view expected) {
    return base::Error(base::ErrorCode::invalid_input,
                       "claim '" + std::string(name) + "' must be " + std::string(expected));
  };
  for (const auto& [name, value] : payload.items()) {
    if (name == "iss" || name == "sub" || name == "jti") {
      if (!value.is_string()) return bad(name, "a string");
      (name == "iss" ? claims.issuer : name == "sub" ? claims.subject : claims.token_id) = value.get<std::string>();
    } else if (name == "aud") {
      if (value.is_string()) {
        claims.audiences = {value.get<std::string>()};
      } else if (auto list = string_list(value)) {
        claims.audiences = std::move(*list);
      } else {
        return bad(name, "a string or an array of strings");
      }
    } else if (name == "exp" || name == "nbf" || name == "iat") {
      auto time = numeric_date(value, name == "nbf");
      if (!time) return bad(name, "a NumericDate (seconds since 1970, between 0 and 9e9)");
      (name == "exp" ? claims.expires_at : name == "nbf" ? claims.not_before : claims.issued_at) = *time;
    } else if (value.is_string()) {
      claims.strings.emplace(name, value.get<std::string>());
    } else if (value.is_boolean()) {
      claims.flags.emplace(name, value.get<bool>());
    } else if (auto list = string_list(value)) {
      claims.string_lists.emplace(name, std::move(*list));
    }
  }
  return claims;
}

JwtVerdict check_claims(VerifiedJwt verified, const JwtVerifyOptions& options, const base::Clock& clock) {
  const JwtClaims& claims = verified.claims;
  const TimePoint now = clock.now();
  if (!claims.expires_at && options.require_expiry) return refuse(JwtRefusal::missing_claim, "token has no 'exp'");
  if (claims.expires_at && now >= *claims.expires_at + options.leeway) {
    return refuse(JwtRefusal::expired, "token expired at " + base::format_rfc3339(*claims.expires_at));
  }
  if (claims.not_before && now < *claims.not_before - options.leeway) {
    return refuse(JwtRefusal::not_yet_valid, "token is not valid before " + base::format_rfc3339(*claims.not_before));
  }
  if (options.issuer) {
    if (!claims.issuer) {
      return refuse(JwtRefusal::wrong_issuer, "token has no 'iss'; expected '" + *options.issuer + "'");
    }
    if (*claims.issuer != *options.issuer) {
      return refuse(JwtRefusal::wrong_issuer,
                    "issuer '" + *claims.issuer + "' is not the expected '" + *options.issuer + "'");
    }
  }
  if (!options.audiences.empty()) {
    if (claims.audiences.empty()) return refuse(JwtRefusal::wrong_audience, "token has no 'aud'");
    const bool match = std::any_of(claims.audiences.begin(), claims.audiences.end(), [&](const std::string& aud) {
      return std::find(options.audiences.begin(), options.audiences.end(), aud) != options.audiences.end();
    });
    if (!match) {
      std::string named;
      for (const auto& aud : claims.audiences) named += (named.empty() ? "'" : ", '") + aud + "'";
      return refuse(JwtRefusal::wrong_audience, "audience " + named + " is not accepted here");
    }
  }
  return verified;
}

}  // namespace

std::string_view jwt_refusal_name(JwtRefusal reason) {
  switch (reason) {
    case JwtRefusal::too_large: return "too_large";
    case JwtRefusal::malformed: return "malformed";
    case JwtRefusal::bad_base64: return "bad_base64";
    case JwtRefusal::bad_json: return "bad_json";
    case JwtRefusal::bad_header: return "bad_header";
    case JwtRefusal::alg_none: return "alg_none";
    case JwtRefusal::unsupported_algorithm: return "unsupported_algorithm";
    case JwtRefusal::unknown_key: return "unknown_key";
    case JwtRefusal::algorithm_mismatch: return "algorithm_mismatch";
    case JwtRefusal::bad_signature: return "bad_signature";
    case JwtRefusal::expired: return "expired";
    case JwtRefusal::not_yet_valid: return "not_yet_valid";
    case JwtRefusal::wrong_issuer: return "wrong_issuer";
    case JwtRefusal::wrong_audience: return "wrong_audience";
    case JwtRefusal::missing_claim: return "missing_claim";
    case JwtRefusal::bad_claim: return "bad_claim";
  }
  return "unknown";
}

base::Error jwt_refusal_error(JwtRefusal reason, std::string_view message) {
  return base::Error(base::ErrorCode::unauthenticated,
                     "JWT refused (" + std::string(jwt_refusal_name(reason)) + "): " + std::string(message));
}

JwtVerdict verify_jwt(std::string_view token, const JwtKeySet& keys, const JwtVerifyOptions& options,
                      const base::Clock& clock) {
  if (token.size() > options.max_bytes) {
    return refuse(JwtRefusal::too_large, "token of " + std::to_string(token.size()) + " bytes exceeds the " +
                                             std::to_string(options.max_bytes) + "-byte limit");
  }
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return refuse(JwtRefusal::malformed, "a JWT has exactly three dot-separated parts");
  }
  const std::string_view header_part = token.substr(0, first);
  const std::string_view payload_part = token.substr(first + 1, second - first - 1);
  const std::string_view signature_part = token.substr(second + 1);
  if (header_part.empty() || payload_part.empty()) return refuse(JwtRefusal::malformed, "empty header or payload");

  auto header_text = base64url_decode(header_part);
  if (!header_text) return refuse(JwtRefusal::bad_base64, "header: " + header_text.error().message());
  auto header = detail::parse_strict_object(*header_text, "header");
  if (!header) return refuse(JwtRefusal::bad_json, header.error().message());

  auto alg_member = header->find("alg");
  if (alg_member == header->end() || !alg_member->is_string()) {
    return refuse(JwtRefusal::bad_header, "header has no string 'alg'");
  }
  const std::string alg_name = alg_member->get<std::string>();
  if (is_none(alg_name)) return refuse(JwtRefusal::alg_none, "unsecured tokens (alg '" + alg_name + "') are refused");
  const auto alg = parse_jwt_algorithm(alg_name);
  const auto& allowed = options.algorithms;
  if (!alg || (!allowed.empty() && std::find(allowed.begin(), allowed.end(), *alg) == allowed.end())) {
    return refuse(JwtRefusal::unsupported_algorithm, "algorithm '" + alg_name + "' is not accepted");
  }
  if (header->contains("crit")) return refuse(JwtRefusal::bad_header, "critical header extensions are not supported");
  for (const char* name : {"kid", "typ", "cty"}) {
    if (auto it = header->find(name); it != header->end() && !it->is_string()) {
      return refuse(JwtRefusal::bad_header, std::string("header '") + name + "' is not a string");
    }
  }

  const JwtKey* key = nullptr;
  if (auto kid = header->find("kid"); kid != header->end()) {
    key = keys.find(kid->get_ref<const std::string&>());
    if (key == nullptr) return refuse(JwtRefusal::unknown_key, "no key with kid '" + kid->get<std::string>() + "'");
  } else if (keys.keys().size() == 1) {
    key = &keys.keys().front();
  } else {
    return refuse(JwtRefusal::unknown_key,
                  "token has no kid and " + std::to_string(keys.keys().size()) + " keys are trusted");
  }
  // The key's own type decides the algorithm; the header only has to agree with it.
  if (key->algorithm() != *alg) {
    return refuse(JwtRefusal::algorithm_mismatch, "token says " + alg_name + " but key '" + key->kid() + "' is an " +
                                                      std::string(jwt_algorithm_name(key->algorithm())) + " key");
  }

  auto signature = base64url_decode(signature_part);
  if (!signature) return refuse(JwtRefusal::bad_base64, "signature: " + signature.error().message());
  if (signature->empty()) return refuse(JwtRefusal::bad_signature, "empty signature");
  if (!detail::verify_bytes(key->material(), token.substr(0, second), *signature)) {
    return refuse(JwtRefusal::bad_signature, "signature does not verify with key '" + key->kid() + "'");
  }

  auto payload_text = base64url_decode(payload_part);
  if (!payload_text) return refuse(JwtRefusal::bad_base64, "payload: " + payload_text.error().message());
  auto payload = detail::parse_strict_object(*payload_text, "payload");
  if (!payload) return refuse(JwtRefusal::bad_json, payload.error().message());
  auto claims = read_claims(*payload);
  if (!claims) return refuse(JwtRefusal::bad_claim, claims.error().message());

  VerifiedJwt verified;
  verified.algorithm = *alg;
  verified.key_id = key->kid();
  verified.claims = std::move(claims).value();
  verified.payload_json = std::move(payload_text).value();
  return check_claims(std::move(verified), options, clock);
}

}  // namespace rbxpipe::platform::auth
