#pragma once
// Internal to cloud/emulator/: what asset create and content update share: checking an uploaded file and storing a
// new version behind an operation.

#include <optional>
#include <string>
#include <string_view>

#include "cloud/emulator/multipart.h"
#include "cloud/emulator/routes.h"

namespace rbxpipe::cloud::emulator {

/// The 400 for a file an asset of `type` cannot take (MIME, magic bytes, size, image dimensions), or nullopt.
std::optional<Response> check_content(const std::string& type, const MultipartPart& file, const AssetsSpec& spec);

/// The first scenario rule whose name_contains occurs in `display_name`, or nullptr.
const AssetRule* matching_rule(const AssetsSpec& spec, std::string_view display_name);

/// Starts the operation of a create (`create`: `asset` is new and gets an id, unless the scripted outcome is an
/// error) or a content update (`asset` lives in the world and gets its next version). Marks the world changed.
OperationRecord& start_asset_operation(RouteContext& context, AssetRecord& asset, const MultipartPart& file,
                                       bool create);

/// PATCH /assets/v1/assets/{id} (routes_asset_update.cpp).
Response update_asset(RouteContext& context);

}  // namespace rbxpipe::cloud::emulator
