#include "platform/tenant/tenant.h"

#include <charconv>

namespace rbxpipe::platform::tenant {

std::string_view tenant_status_name(TenantStatus status) {
  return status == TenantStatus::suspended ? "suspended" : "active";
}

base::Result<void> validate_tenant_id(std::string_view id) {
  bool ok = !id.empty() && id.size() <= 63 && id.front() != '-' && id.back() != '-';
  for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ok)
    return base::Error{base::ErrorCode::invalid_input,
                       "tenant id '" + std::string(id) +
                           "' must be 1-63 characters of a-z, 0-9 and '-', not starting or ending with '-'"};
  return base::ok();
}

base::Result<std::string> tenant_secret_name(std::string_view tenant, std::string_view name) {
  RBXPIPE_TRY(validate_tenant_id(tenant));
  if (name.empty()) return base::Error{base::ErrorCode::invalid_input, "a secret name cannot be empty"};
  return std::string(tenant) + "." + std::string(name);
}

base::Result<RobloxCreator> parse_creator(std::string_view text) {
  RobloxCreator creator;
  std::string_view number;
  if (text.starts_with("group:")) {
    creator.kind = RobloxCreator::Kind::group;
    number = text.substr(6);
  } else if (text.starts_with("user:")) {
    creator.kind = RobloxCreator::Kind::user;
    number = text.substr(5);
  } else {
    return base::Error{base::ErrorCode::invalid_input,
                       "a creator is 'group:ID' or 'user:ID', not '" + std::string(text) + "'"};
  }
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), creator.id);
  if (error != std::errc() || end != number.data() + number.size() || creator.id <= 0)
    return base::Error{base::ErrorCode::invalid_input, "creator id '" + std::string(number) + "' is not a positive number"};
  return creator;
}

std::string format_creator(const RobloxCreator& creator) {
  return std::string(creator.kind == RobloxCreator::Kind::group ? "group:" : "user:") + std::to_string(creator.id);
}

}  // namespace rbxpipe::platform::tenant
