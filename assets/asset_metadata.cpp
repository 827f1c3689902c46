// The cached findings leave out the input path: the cache is keyed by content, so a renamed file hits the same
// entry and its diagnostics must name the new path.
#include "assets/asset_metadata.h"

#include <nlohmann/json.hpp>

namespace rbxpipe::assets {

namespace {

std::optional<AssetKind> kind_from_name(std::string_view name) {
  for (auto kind : {AssetKind::image, AssetKind::audio, AssetKind::model, AssetKind::animation}) {
    if (asset_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::optional<base::Severity> severity_from_name(std::string_view name) {
  for (auto severity : {base::Severity::note, base::Severity::warning, base::Severity::error}) {
    if (base::severity_name(severity) == name) return severity;
  }
  return std::nullopt;
}

}  // namespace

std::string encode_asset_metadata(const ProcessedAsset& asset) {
  nlohmann::ordered_json json;
  json["kind"] = asset.kind ? nlohmann::ordered_json(std::string(asset_kind_name(*asset.kind))) : nullptr;
  json["format"] = asset.format;
  json["size"] = asset.size;
  json["width"] = asset.width;
  json["height"] = asset.height;
  json["duration_s"] = asset.duration_s;
  json["sample_rate"] = asset.sample_rate;
  json["channels"] = asset.channels;
  json["max_mesh_triangles"] = asset.max_mesh_triangles;
  json["mime"] = asset.mime;
  auto diagnostics = nlohmann::ordered_json::array();
  for (const auto& diagnostic : asset.diagnostics) {
    diagnostics.push_back({{"severity", std::string(base::severity_name(diagnostic.severity))},
                           {"code", diagnostic.code},
                           {"message", diagnostic.message},
                           {"help", diagnostic.help}});
  }
  json["diagnostics"] = std::move(diagnostics);
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool decode_asset_metadata(std::string_view metadata, ProcessedAsset& asset) {
  auto json = nlohmann::json::parse(metadata, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return false;
  try {
    asset.kind = json.at("kind").is_null() ? std::nullopt : kind_from_name(json.at("kind").get<std::string>());
    asset.format = json.at("format").get<std::string>();
    asset.size = json.at("size").get<std::uint64_t>();
    asset.width = json.at("width").get<int>();
    asset.height = json.at("height").get<int>();
    asset.duration_s = json.at("duration_s").get<double>();
    asset.sample_rate = json.at("sample_rate").get<int>();
    asset.channels = json.at("channels").get<int>();
    asset.max_mesh_triangles = json.at("max_mesh_triangles").get<std::uint64_t>();
    asset.mime = json.at("mime").get<std::string>();
    asset.diagnostics.clear();
    for (const auto& item : json.at("diagnostics")) {
      base::Diagnostic diagnostic;
      auto severity = severity_from_name(item.at("severity").get<std::string>());
      if (!severity) return false;
      diagnostic.severity = *severity;
      diagnostic.code = item.at("code").get<std::string>();
      diagnostic.message = item.at("message").get<std::string>();
      diagnostic.help = item.at("help").get<std::string>();
      diagnostic.file = asset.input;
      asset.diagnostics.push_back(std::move(diagnostic));
    }
  } catch (const nlohmann::json::exception&) {
    // A cache entry from an older or damaged run is a miss, never a failure.
    return false;
  }
  return true;
}

}  // namespace rbxpipe::assets
