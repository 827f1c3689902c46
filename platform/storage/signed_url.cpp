#include "platform/storage/signed_url.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "platform/storage/artifact_store.h"

namespace rbxpipe::platform::storage {

namespace {

using base::Error;
using base::ErrorCode;

constexpr std::size_t k_min_key_bytes = 32;
constexpr std::size_t k_max_object_bytes = 1024;
constexpr std::string_view k_domain = "rbxpipe-signed-url-v1";

bool unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percent_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (unreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  return out;
}

// The parameters of a query string; nullopt when one of ours is repeated or undecodable.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  std::map<std::string, std::string> params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!key || !value) return std::nullopt;
    if (!params.emplace(std::move(*key), std::move(*value)).second) return std::nullopt;
  }
  return params;
}

bool valid_object(std::string_view object) {
  return !object.empty() && object.size() <= k_max_object_bytes &&
         std::none_of(object.begin(), object.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

UrlCheck deny(UrlDenial denial, std::string message) { return UrlCheck{denial, std::move(message)}; }

}  // namespace

std::string_view url_denial_name(UrlDenial denial) {
  switch (denial) {
    case UrlDenial::none: return "none";
    case UrlDenial::malformed: return "malformed";
    case UrlDenial::tampered: return "tampered";
    case UrlDenial::wrong_tenant: return "wrong_tenant";
    case UrlDenial::wrong_object: return "wrong_object";
    case UrlDenial::expired: return "expired";
  }
  return "malformed";
}

UrlSigner::UrlSigner(std::string key, const base::Clock& clock) : m_key(std::move(key)), m_clock(&clock) {}

base::Result<UrlSigner> UrlSigner::create(std::string key, const base::Clock& clock) {
  if (key.size() < k_min_key_bytes) {
    return Error(ErrorCode::invalid_input, "the URL signing key must be at least " + std::to_string(k_min_key_bytes) +
                                               " bytes, got " + std::to_string(key.size()));
  }
  return UrlSigner(std::move(key), clock);
}

std::string UrlSigner::signature(std::string_view tenant, std::string_view object, std::int64_t expires) const {
  // Fields are separated by '\n', which neither a tenant id, an object nor a number may contain: no two different
  // (tenant, object, expires) triples share a message.
  std::string message(k_domain);
  message += '\n';
  message += tenant;
  message += '\n';
  message += object;
  message += '\n';
  message += std::to_string(expires);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), m_key.data(), static_cast<int>(m_key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &length);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += k_hex[digest[i] >> 4];
    hex += k_hex[digest[i] & 0xF];
  }
  return hex;
}

base::Result<std::string> UrlSigner::sign_url(std::string_view tenant, std::string_view object,
                                              std::chrono::seconds lifetime) const {
  RBXPIPE_TRY(validate_tenant(tenant));
  if (!valid_object(object)) {
    return Error(ErrorCode::invalid_input, "a signed URL's object must be 1-1024 bytes without control characters");
  }
  if (lifetime <= std::chrono::seconds(0) || lifetime > k_max_url_lifetime) {
    return Error(ErrorCode::invalid_input, "a signed URL lives between 1 second and 7 days, not " +
                                               std::to_string(lifetime.count()) + " seconds");
  }
  const std::int64_t expires = unix_seconds(m_clock->now()) + lifetime.count();
  return "tenant=" + percent_encode(tenant) + "&object=" + percent_encode(object) +
         "&expires=" + std::to_string(expires) + "&signature=" + signature(tenant, object, expires);
}

UrlCheck UrlSigner::verify_signed_url(std::string_view query, std::string_view tenant,
                                      std::string_view object) const {
  const auto params = parse_query(query);
  if (!params) return deny(UrlDenial::malformed, "the link's parameters cannot be read");
  const auto field = [&](const char* name) -> const std::string* {
    const auto it = params->find(name);
    return it == params->end() ? nullptr : &it->second;
  };
  const std::string* signed_tenant = field("tenant");
  const std::string* signed_object = field("object");
  const std::string* expires_text = field("expires");
  const std::string* given = field("signature");
  if (signed_tenant == nullptr || signed_object == nullptr || expires_text == nullptr || given == nullptr) {
    return deny(UrlDenial::malformed, "the link lacks one of tenant, object, expires and signature");
  }
  const auto expires = parse_seconds(*expires_text);
  if (!expires) return deny(UrlDenial::malformed, "the link's expiry is not a number of seconds");

  const std::string expected = signature(*signed_tenant, *signed_object, *expires);
  // CRYPTO_memcmp takes the same time wherever the first difference is, so timing reveals nothing of the signature.
  const bool genuine = given->size() == expected.size() &&
                       CRYPTO_memcmp(given->data(), expected.data(), expected.size()) == 0;
  if (!genuine) return deny(UrlDenial::tampered, "the link's signature does not match: it was altered or not issued here");
  if (*signed_tenant != tenant) return deny(UrlDenial::wrong_tenant, "the link was issued for another tenant");
  if (*signed_object != object) return deny(UrlDenial::wrong_object, "the link was issued for another object");
  if (unix_seconds(m_clock->now()) >= *expires) {
    return deny(UrlDenial::expired, "the link expired at " +
                                        base::format_rfc3339(std::chrono::system_clock::time_point(
                                            std::chrono::seconds(*expires))));
  }
  return UrlCheck{};
}

}  // namespace rbxpipe::platform::storage
