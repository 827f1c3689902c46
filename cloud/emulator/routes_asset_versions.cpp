// Asset versions: list (newest first, maxPageSize 1..50 default 8, page tokens bound to their parameters), get, and
// rollback (multipart per the docs, JSON leniently), which adds version head+1 with version n's content.
#include <regex>

#include "cloud/emulator/asset_shapes.h"
#include "cloud/emulator/multipart.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr int k_default_page_size = 8;
constexpr int k_max_page_size = 50;

// Tokens carry the offset and the parameters they were issued for, so a changed parameter is detected (400).
std::string page_token(std::size_t offset, int page_size, std::int64_t asset_id) {
  return encode_page_token("v1:" + std::to_string(offset) + ":" + std::to_string(page_size) + ":" +
                             std::to_string(asset_id));
}

Response list_versions(RouteContext& context) {
  auto found = find_asset(context);
  if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
  const AssetRecord& asset = *std::get<AssetRecord*>(found);
  int page_size = k_default_page_size;
  if (auto text = context.request.param("maxPageSize")) {
    auto parsed = parse_id(*text);
    if (!parsed || *parsed > k_max_page_size) return status_error(400, "maxPageSize must be between 1 and 50.");
    page_size = static_cast<int>(*parsed);
  }
  std::size_t offset = 0;
  if (auto token = context.request.param("pageToken"); token && !token->empty()) {
    auto decoded = decode_page_token(*token);
    std::smatch match;
    std::string text = decoded ? *decoded : "";
    if (!std::regex_match(text, match, std::regex("v1:(\\d{1,9}):(\\d{1,9}):(\\d{1,18})"))) {
      return status_error(400, "pageToken is not valid.");
    }
    if (std::stoi(match[2].str()) != page_size || std::stoll(match[3].str()) != asset.id) {
      return status_error(400, "pageToken was issued for different request parameters.");
    }
    offset = std::stoul(match[1].str());
  }
  Json versions = Json::array();
  const auto& all = asset.versions;
  for (std::size_t i = offset; i < all.size() && versions.size() < static_cast<std::size_t>(page_size); ++i) {
    versions.push_back(asset_version_resource(asset, all[all.size() - 1 - i], context.scenario, context.now));
  }
  std::size_t next = offset + versions.size();
  std::string token = next < all.size() ? page_token(next, page_size, asset.id) : "";
  return json_response(200, Json{{"assetVersions", versions}, {"nextPageToken", token}});
}

const AssetVersionRecord* find_version(const AssetRecord& asset, std::int64_t number) {
  for (const auto& version : asset.versions) {
    if (version.number == number) return &version;
  }
  return nullptr;
}

Response get_version(RouteContext& context) {
  auto found = find_asset(context);
  if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
  const AssetRecord& asset = *std::get<AssetRecord*>(found);
  const std::string& text = context.request.captures.at(1);
  auto number = parse_id(text);
  if (!number) return validation_problem("versionNumber", text, context.sequence);
  const AssetVersionRecord* version = find_version(asset, *number);
  if (version == nullptr) return status_error(404, "NOT_FOUND", "Asset version not found.");
  return json_response(200, asset_version_resource(asset, *version, context.scenario, context.now));
}

std::optional<std::string> rollback_target(const Request& request) {
  if (request.media_type() == "multipart/form-data") {
    auto boundary = multipart_boundary(request.header("content-type").value_or(""));
    if (!boundary) return std::nullopt;
    auto parts = parse_multipart(request.body, *boundary);
    if (!parts) return std::nullopt;
    const MultipartPart* part = find_part(*parts, "assetVersion");
    if (part == nullptr) return std::nullopt;
    return part->body;
  }
  Json body = Json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("assetVersion") || !body["assetVersion"].is_string()) return std::nullopt;
  return body["assetVersion"].get<std::string>();
}

Response rollback(RouteContext& context) {
  auto found = find_asset(context);
  if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
  AssetRecord& asset = *std::get<AssetRecord*>(found);
  auto target = rollback_target(context.request);
  if (!target) return status_error(400, "The 'assetVersion' field is required.");
  std::smatch match;
  if (!std::regex_match(*target, match, std::regex("assets/(\\d+)/versions/(\\d+)"))) {
    return status_error(400, "assetVersion must look like assets/{assetId}/versions/{versionNumber}.");
  }
  if (parse_id(match[1].str()) != asset.id) {
    return status_error(400, "assetVersion names another asset than the path.");
  }
  auto number = parse_id(match[2].str());
  const AssetVersionRecord* source = number ? find_version(asset, *number) : nullptr;
  if (source == nullptr) return status_error(404, "NOT_FOUND", "Asset version not found.");
  AssetVersionRecord head = *source;
  head.number = asset.versions.back().number + 1;
  head.created = context.now;
  asset.versions.push_back(head);
  context.changed = true;
  return json_response(200, asset_version_resource(asset, asset.versions.back(), context.scenario, context.now));
}

}  // namespace

void add_asset_version_routes(std::vector<Route>& routes) {
  const std::vector<std::string_view> read{"asset:read"};
  const std::vector<std::string_view> write{"asset:read", "asset:write"};
  routes.push_back({"assets.versions.list", "GET", std::regex("/assets/v1/assets/([^/:]+)/versions"),
                    "asset_versions", read, false, AuthMode::any, false, list_versions});
  routes.push_back({"assets.versions.get", "GET", std::regex("/assets/v1/assets/([^/:]+)/versions/([^/:]+)"),
                    "asset_versions", read, false, AuthMode::any, false, get_version});
  routes.push_back({"assets.versions.rollback", "POST", std::regex("/assets/v1/assets/([^/:]+)/versions:rollback"),
                    "asset_versions", write, false, AuthMode::any, true, rollback});
}

}  // namespace rbxpipe::cloud::emulator
