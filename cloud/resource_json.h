#pragma once
// Internal to cloud/: reading Open Cloud resources from JSON, defensively. Exposes nlohmann, so only cloud .cpp files
// include it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "cloud/models.h"

namespace rbxpipe::cloud::detail {

using Json = nlohmann::json;

/// Parses a response body; invalid_input naming `what` when it is not JSON (a proxy's HTML page, a cut body).
base::Result<Json> parse_body(std::string_view body, std::string_view what);
/// A string field, or "" when absent or not a string (numbers are printed).
std::string text(const Json& object, const char* key);
/// An integer given as a number or a string of digits, or nullopt.
std::optional<std::int64_t> integer(const Json& value);
/// An integer field given as a number or a string, or nullopt.
std::optional<std::int64_t> integer_field(const Json& object, const char* key);
/// The number after `prefix` in a resource path ("assets/12/versions/3", "versions/") -> 3.
std::optional<std::int64_t> number_after(std::string_view path, std::string_view prefix);
/// MODERATION_STATE_APPROVED, Approved, ... -> the state.
ModerationState moderation_from(const Json& object);
/// An Asset resource.
Asset asset_from(const Json& object);
/// An Operation resource (create/update answers and polls).
Operation operation_from(const Json& object);
/// An AssetVersion resource.
AssetVersion version_from(const Json& object);
/// A google.rpc.Status or Luau error object.
RemoteError remote_error_from(const Json& object);

}  // namespace rbxpipe::cloud::detail
