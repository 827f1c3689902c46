#pragma once
// Signed URLs: a query string that lets its holder fetch one object of one tenant until it expires, without a token.
// The signature is HMAC-SHA256 with a server-side key over (tenant, object, expiry); checks compare in constant time.

#include <chrono>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace rbxpipe::platform::storage {

/// Why a signed URL was refused (`none` when it was accepted).
enum class UrlDenial {
  none,          ///< accepted
  malformed,     ///< a parameter is missing, repeated or badly formed
  tampered,      ///< the signature does not match the parameters (or another key signed it)
  wrong_tenant,  ///< a genuine link, for another tenant
  wrong_object,  ///< a genuine link, for another object
  expired,       ///< a genuine link whose time is up
};

/// Stable snake_case name of a denial ("expired"), for JSON and logs.
std::string_view url_denial_name(UrlDenial denial);

/// The verdict on a signed URL.
struct UrlCheck {
  UrlDenial denial = UrlDenial::none;  ///< why it was refused
  std::string message;                 ///< a sentence for the client when refused
  /// True when the URL grants access.
  bool allowed() const { return denial == UrlDenial::none; }
};

/// Longest lifetime a signed URL may have (7 days).
inline constexpr std::chrono::seconds k_max_url_lifetime{7 * 24 * 3600};

/// Signs and checks URLs with one key; times come from the clock given.
class UrlSigner {
 public:
  /// A signer for `key` (at least 32 bytes, else invalid_input); `clock` must outlive the signer.
  static base::Result<UrlSigner> create(std::string key, const base::Clock& clock);

  /// The query string `tenant=T&object=O&expires=UNIX&signature=HEX` granting `object` of `tenant` for `lifetime`
  /// (1 s to 7 days). invalid_input for a bad tenant id, an empty object or one with control characters.
  base::Result<std::string> sign_url(std::string_view tenant, std::string_view object,
                                     std::chrono::seconds lifetime) const;

  /// Checks a query string (other parameters are ignored) against the tenant and object being requested.
  /// The signature is checked first, then tenant and object, then expiry (valid while now < expires).
  UrlCheck verify_signed_url(std::string_view query, std::string_view tenant, std::string_view object) const;

 private:
  UrlSigner(std::string key, const base::Clock& clock);
  std::string signature(std::string_view tenant, std::string_view object, std::int64_t expires) const;

  std::string m_key;
  const base::Clock* m_clock;
};

}  // namespace rbxpipe::platform::storage
