#include "cloud/assets_api.h"

#include <algorithm>
#include <cctype>

#include "cloud/multipart.h"
#include "cloud/resource_json.h"

namespace rbxpipe::cloud {
namespace {

using detail::Json;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The request part of an upload. Creator ids go as strings, as the service's own examples send them.
std::string request_json(const AssetUpload& upload, std::optional<std::int64_t> asset_id) {
  Json request;
  request["assetType"] = upload.asset_type;
  std::string name = upload.display_name;
  if (name.size() > 50) name = name.substr(name.size() - 50);
  request["displayName"] = name;
  request["description"] = upload.description.substr(0, 1000);
  if (asset_id) {
    request["assetId"] = std::to_string(*asset_id);
  } else {
    Json creator;
    if (upload.creator.kind == CreatorRef::Kind::user) creator["userId"] = std::to_string(upload.creator.id);
    else creator["groupId"] = std::to_string(upload.creator.id);
    request["creationContext"]["creator"] = creator;
    if (upload.expected_price) request["creationContext"]["expectedPrice"] = *upload.expected_price;
  }
  return request.dump();
}

HttpRequest multipart_request(std::string method, std::string path, const std::vector<MultipartPart>& parts) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(path);
  MultipartBody body = encode_multipart(parts);
  request.headers.set("Content-Type", body.content_type);
  request.body = std::move(body.body);
  return request;
}

HttpRequest empty_request(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(path);
  if (request.method != "GET") {
    request.headers.set("Content-Type", "application/json");
    request.body = "{}";
  }
  return request;
}

base::Result<Json> call_json(OpenCloudClient& client, EndpointClass endpoint, Idempotency idempotency,
                             HttpRequest request, std::string_view what) {
  auto response = client.call(ApiCall{endpoint, idempotency, std::move(request)});
  if (!response) return std::move(response).error().with_context(std::string(what));
  return detail::parse_body(response->http.body, what);
}

}  // namespace

std::string content_type_for_file(std::string_view file_name) {
  auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string extension = lower(file_name.substr(dot + 1));
  static const std::vector<std::pair<std::string_view, std::string_view>> types = {
      {"png", "image/png"},    {"jpg", "image/jpeg"},       {"jpeg", "image/jpeg"},       {"bmp", "image/bmp"},
      {"tga", "image/tga"},    {"mp3", "audio/mpeg"},       {"ogg", "audio/ogg"},         {"wav", "audio/wav"},
      {"flac", "audio/flac"},  {"fbx", "model/fbx"},        {"gltf", "model/gltf+json"},  {"glb", "model/gltf-binary"},
      {"rbxm", "model/x-rbxm"}, {"rbxmx", "model/x-rbxm"},  {"mp4", "video/mp4"},         {"mov", "video/mov"}};
  for (const auto& [known, type] : types)
    if (known == extension) return std::string(type);
  return {};
}

base::Result<Operation> AssetsApi::create(const AssetUpload& upload) {
  std::string what = "create " + upload.asset_type + " asset '" + upload.display_name + "'";
  auto request = multipart_request("POST", "/assets/v1/assets",
                                   {{"request", request_json(upload, std::nullopt), {}, "application/json"},
                                    {"fileContent", upload.content, upload.file_name, upload.content_type}});
  auto json = call_json(m_client, EndpointClass::assets, Idempotency::create, std::move(request), what);
  if (!json) return std::move(json).error();
  Operation operation = detail::operation_from(*json);
  if (operation.operation_id.empty() && !operation.done)
    return base::Error{base::ErrorCode::unavailable, what + ": the answer names no operation"};
  return operation;
}

base::Result<Asset> AssetsApi::get(std::int64_t asset_id, const std::string& read_mask) {
  std::string path = "/assets/v1/assets/" + std::to_string(asset_id);
  if (!read_mask.empty()) {
    std::string encoded;
    for (char c : read_mask) encoded += c == ',' ? std::string("%2C") : std::string(1, c);
    path += "?readMask=" + encoded;
  }
  auto json = call_json(m_client, EndpointClass::assets, Idempotency::safe, empty_request("GET", path),
                        "get asset " + std::to_string(asset_id));
  if (!json) return std::move(json).error();
  return detail::asset_from(*json);
}

base::Result<Operation> AssetsApi::update_content(std::int64_t asset_id, const AssetUpload& upload) {
  std::string what = "update asset " + std::to_string(asset_id);
  // A content update is one more version if repeated; harmless enough to retry like a publish.
  auto request = multipart_request("PATCH", "/assets/v1/assets/" + std::to_string(asset_id),
                                   {{"request", request_json(upload, asset_id), {}, "application/json"},
                                    {"fileContent", upload.content, upload.file_name, upload.content_type}});
  auto json = call_json(m_client, EndpointClass::assets, Idempotency::repeatable, std::move(request), what);
  if (!json) return std::move(json).error();
  return detail::operation_from(*json);
}

base::Result<AssetVersionPage> AssetsApi::list_versions(std::int64_t asset_id, int max_page_size,
                                                        const std::string& page_token) {
  std::string path = "/assets/v1/assets/" + std::to_string(asset_id) +
                     "/versions?maxPageSize=" + std::to_string(std::clamp(max_page_size, 1, 50));
  if (!page_token.empty()) path += "&pageToken=" + page_token;
  auto json = call_json(m_client, EndpointClass::asset_versions, Idempotency::safe, empty_request("GET", path),
                        "list versions of asset " + std::to_string(asset_id));
  if (!json) return std::move(json).error();
  AssetVersionPage page;
  // The reference documents a bare array; the service answers {assetVersions, nextPageToken}. Both are read.
  const Json* items = json->is_array() ? &*json : nullptr;
  if (json->is_object() && json->contains("assetVersions")) items = &(*json)["assetVersions"];
  if (items != nullptr && items->is_array())
    for (const auto& item : *items) page.versions.push_back(detail::version_from(item));
  page.next_page_token = detail::text(*json, "nextPageToken");
  return page;
}

base::Result<AssetVersion> AssetsApi::get_version(std::int64_t asset_id, std::int64_t version) {
  auto json = call_json(m_client, EndpointClass::asset_versions, Idempotency::safe,
                        empty_request("GET", "/assets/v1/assets/" + std::to_string(asset_id) + "/versions/" +
                                                 std::to_string(version)),
                        "get version " + std::to_string(version) + " of asset " + std::to_string(asset_id));
  if (!json) return std::move(json).error();
  return detail::version_from(*json);
}

base::Result<AssetVersion> AssetsApi::rollback(std::int64_t asset_id, std::int64_t version) {
  std::string id = std::to_string(asset_id);
  auto request = multipart_request(
      "POST", "/assets/v1/assets/" + id + "/versions:rollback",
      {{"assetVersion", "assets/" + id + "/versions/" + std::to_string(version), {}, {}}});
  auto json = call_json(m_client, EndpointClass::asset_versions, Idempotency::repeatable, std::move(request),
                        "roll asset " + id + " back to version " + std::to_string(version));
  if (!json) return std::move(json).error();
  return detail::version_from(*json);
}

base::Result<Asset> AssetsApi::archive(std::int64_t asset_id) {
  auto json = call_json(m_client, EndpointClass::asset_versions, Idempotency::repeatable,
                        empty_request("POST", "/assets/v1/assets/" + std::to_string(asset_id) + ":archive"),
                        "archive asset " + std::to_string(asset_id));
  if (!json) return std::move(json).error();
  return detail::asset_from(*json);
}

base::Result<Asset> AssetsApi::restore(std::int64_t asset_id) {
  auto json = call_json(m_client, EndpointClass::asset_versions, Idempotency::repeatable,
                        empty_request("POST", "/assets/v1/assets/" + std::to_string(asset_id) + ":restore"),
                        "restore asset " + std::to_string(asset_id));
  if (!json) return std::move(json).error();
  return detail::asset_from(*json);
}

}  // namespace rbxpipe::cloud
