#include "cloud/resource_json.h"

#include <cctype>

namespace rbxpipe::cloud::detail {

base::Result<Json> parse_body(std::string_view body, std::string_view what) {
  Json value = Json::parse(body, nullptr, false);
  if (value.is_discarded()) {
    std::string start(body.substr(0, 80));
    for (char& c : start)
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return base::Error{base::ErrorCode::unavailable,
                       std::string(what) + ": the answer is not JSON (" + std::to_string(body.size()) +
                           " bytes starting '" + start + "')"};
  }
  return value;
}

std::string text(const Json& object, const char* key) {
  if (!object.is_object()) return {};
  auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number()) return found->dump();
  return {};
}

std::optional<std::int64_t> integer(const Json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) return static_cast<std::int64_t>(value.get<double>());
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s.empty() || s.size() > 19) return std::nullopt;
    std::int64_t out = 0;
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      out = out * 10 + (c - '0');
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::int64_t> integer_field(const Json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto found = object.find(key);
  return found == object.end() ? std::nullopt : integer(*found);
}

std::optional<std::int64_t> number_after(std::string_view path, std::string_view prefix) {
  auto at = path.rfind(prefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string digits;
  for (std::size_t i = at + prefix.size(); i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])); ++i)
    digits += path[i];
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  return std::stoll(digits);
}

ModerationState moderation_from(const Json& object) {
  if (!object.is_object()) return ModerationState::unknown;
  std::string state = text(object.value("moderationResult", Json::object()), "moderationState");
  for (char& c : state) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (state.ends_with("APPROVED")) return ModerationState::approved;
  if (state.ends_with("REJECTED")) return ModerationState::rejected;
  if (state.ends_with("REVIEWING")) return ModerationState::reviewing;
  return ModerationState::unknown;
}

Asset asset_from(const Json& object) {
  Asset asset;
  asset.asset_id = integer_field(object, "assetId").value_or(number_after(text(object, "path"), "assets/").value_or(0));
  std::string type = text(object, "assetType");
  // ASSET_TYPE_DECAL -> Decal; PascalCase passes through.
  if (type.starts_with("ASSET_TYPE_")) {
    std::string pascal;
    bool upper = true;
    for (char c : type.substr(11)) {
      if (c == '_') { upper = true; continue; }
      pascal += upper ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      upper = false;
    }
    type = pascal;
  }
  asset.asset_type = type;
  asset.display_name = text(object, "displayName");
  asset.description = text(object, "description");
  asset.revision_id = integer_field(object, "revisionId").value_or(0);
  asset.state = text(object, "state");
  asset.moderation = moderation_from(object);
  if (object.is_object() && object.contains("creationContext")) {
    const Json& creator = object["creationContext"].value("creator", Json::object());
    if (auto user = integer_field(creator, "userId")) asset.creator = CreatorRef{CreatorRef::Kind::user, *user};
    else if (auto group = integer_field(creator, "groupId")) asset.creator = CreatorRef{CreatorRef::Kind::group, *group};
  }
  return asset;
}

RemoteError remote_error_from(const Json& object) {
  RemoteError error;
  if (!object.is_object()) return error;
  error.code = text(object, "code");
  if (error.code.empty()) error.code = text(object, "error");
  error.message = text(object, "message");
  return error;
}

Operation operation_from(const Json& object) {
  Operation operation;
  operation.operation_id = text(object, "operationId");
  std::string path = text(object, "path");
  if (operation.operation_id.empty() && path.starts_with("operations/")) operation.operation_id = path.substr(11);
  // proto3 omits a false `done`: absent means still running.
  operation.done = object.is_object() && object.value("done", false) == true;
  if (object.is_object() && object.contains("error") && !object["error"].is_null())
    operation.error = remote_error_from(object["error"]);
  if (object.is_object() && object.contains("response") && object["response"].is_object())
    operation.response = asset_from(object["response"]);
  return operation;
}

AssetVersion version_from(const Json& object) {
  AssetVersion version;
  std::string path = text(object, "path");
  version.asset_id = number_after(path, "assets/").value_or(0);
  version.version = number_after(path, "versions/").value_or(0);
  version.moderation = moderation_from(object);
  if (object.is_object() && object.contains("published") && object["published"].is_boolean())
    version.published = object["published"].get<bool>();
  return version;
}

}  // namespace rbxpipe::cloud::detail
