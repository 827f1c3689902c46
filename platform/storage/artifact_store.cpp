#include "platform/storage/artifact_store.h"

#include <algorithm>

namespace rbxpipe::platform::storage {

namespace {

constexpr std::size_t k_max_tenant_length = 63;

bool tenant_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool hex_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Ids come from requests: show them quoted and cut short so a hostile value cannot flood a log line.
std::string shown(std::string_view text) {
  std::string out(text.substr(0, 80));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return "'" + out + (text.size() > 80 ? "...'" : "'");
}

}  // namespace

base::Result<void> validate_tenant(std::string_view tenant) {
  const bool ok = !tenant.empty() && tenant.size() <= k_max_tenant_length &&
                  std::all_of(tenant.begin(), tenant.end(), tenant_char) && tenant.front() != '-' &&
                  tenant.back() != '-';
  if (ok) return base::ok();
  return base::Error(base::ErrorCode::invalid_input,
                     "tenant id " + shown(tenant) +
                         " must be 1-63 characters of a-z, 0-9 and '-', not starting or ending with '-'");
}

base::Result<void> validate_object_hash(std::string_view hash) {
  if (hash.size() == 64 && std::all_of(hash.begin(), hash.end(), hex_char)) return base::ok();
  return base::Error(base::ErrorCode::invalid_input,
                     "artifact hash " + shown(hash) + " must be 64 lower-case hex digits (a SHA-256)");
}

std::filesystem::path artifacts_root(const std::filesystem::path& home) { return home / "artifacts"; }

}  // namespace rbxpipe::platform::storage
