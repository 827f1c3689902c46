#pragma once
// Test keys made directly with OpenSSL's EVP interface (independently of platform/auth), and a way to assemble
// tokens by hand so tests can present exactly the bytes they mean to.

#include <string>
#include <string_view>

namespace rbxpipe::platform::auth::testing {

/// A fresh RSA private key of `bits` as PKCS#8 PEM.
std::string generate_rsa_pem(int bits = 2048);
/// A fresh EC private key on `curve` ("P-256", "P-384") as PKCS#8 PEM.
std::string generate_ec_pem(const char* curve = "P-256");
/// The SubjectPublicKeyInfo PEM of a private key PEM.
std::string public_pem_of(std::string_view private_pem);

/// A process-wide RSA-2048 test key (generated once: RSA key generation is slow).
const std::string& shared_rsa_pem();
/// A second, different RSA-2048 test key.
const std::string& other_rsa_pem();
/// A process-wide P-256 test key.
const std::string& shared_ec_pem();

/// The public JWK of an RSA or P-256 private key PEM, built from OpenSSL's key parameters.
std::string public_jwk_of(std::string_view private_pem, std::string_view kid);

/// RS256 signature of `input` made with OpenSSL directly.
std::string openssl_rs256(std::string_view private_pem, std::string_view input);
/// ES256 signature of `input` made with OpenSSL directly, converted from DER to the 64-byte JOSE r||s form.
std::string openssl_es256(std::string_view private_pem, std::string_view input);
/// ES256 signature of `input` in OpenSSL's DER form (wrong for JOSE).
std::string openssl_es256_der(std::string_view private_pem, std::string_view input);
/// HMAC-SHA256 of `input` under `secret`, made with OpenSSL directly.
std::string openssl_hs256(std::string_view secret, std::string_view input);

/// base64url(header) "." base64url(payload): the JWS signing input.
std::string signing_input(std::string_view header_json, std::string_view payload_json);
/// A compact token from its signing input and raw signature bytes.
std::string compact(std::string_view signing_input, std::string_view signature);

}  // namespace rbxpipe::platform::auth::testing
