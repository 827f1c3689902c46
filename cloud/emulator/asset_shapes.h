#pragma once
// Internal to cloud/emulator/: the Assets API's resources as JSON (Asset, AssetVersion, Operation) and the lookups
// every asset route starts with.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cloud/emulator/routes.h"

namespace rbxpipe::cloud::emulator {

/// The message Open Cloud sends for an oversized upload (observed with a 30,000,000-byte cap).
inline constexpr std::string_view k_body_too_large =
    "Failed to read the request form. Request body too large. The max request body size is 30000000 bytes.";
/// The hard cap on a request body.
inline constexpr std::size_t k_max_request_bytes = 30'000'000;

/// "ASSET_TYPE_DECAL" or "Decal", as the scenario asks.
std::string asset_type_text(const std::string& type, const Scenario& scenario);
/// "MODERATION_STATE_APPROVED" or "Approved", as the scenario asks.
std::string moderation_text(const std::string& state, const Scenario& scenario);
/// {"userId":"42"} or {"groupId":"7"}.
Json creator_json(const Owner& creator);
/// The Asset resource (latest version).
Json asset_resource(const AssetRecord& asset, const Scenario& scenario, TimePoint now);
/// The AssetVersion resource.
Json asset_version_resource(const AssetRecord& asset, const AssetVersionRecord& version, const Scenario& scenario,
                            TimePoint now);
/// True once an operation has been polled enough and its time has passed.
bool operation_done(const OperationRecord& operation, TimePoint now);
/// The Operation resource as GET /operations/{id} returns it.
Json operation_resource(const OperationRecord& operation, const World& world, const Scenario& scenario, TimePoint now);
/// The create/update answer: {"path","operationId","done":false} (done left out when the scenario omits it).
Json operation_started(const OperationRecord& operation);
/// Every field readMask may name.
const std::vector<std::string_view>& asset_fields();
/// True for "<network>SocialLink" names Open Cloud knows (facebook, twitter, youtube, twitch, discord, github,
/// roblox, guilded, devForum).
bool is_social_link_field(std::string_view field);

/// The asset a path names (captures[0]): the asset, or the answer to send (400 validation problem, 404, 403).
std::variant<AssetRecord*, Response> find_asset(RouteContext& context);
/// Splits a comma-separated mask ("displayName,description"), trimming blanks.
std::vector<std::string> split_mask(std::string_view mask);
/// An id given as a JSON number or a string of digits; nullopt otherwise.
std::optional<std::int64_t> json_id(const Json& value);
/// The first word of `words` that occurs in `text` (case-insensitive), or "".
std::string moderated_word(const std::vector<std::string>& words, std::string_view text);

}  // namespace rbxpipe::cloud::emulator
