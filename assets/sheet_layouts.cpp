// The stored layouts are a cache with one extra duty: stability. Anything unexpected in the file makes it count as
// missing, which repacks from scratch rather than failing a run.
#include "assets/sheet_layouts.h"

#include <nlohmann/json.hpp>

#include "base/file_io.h"

namespace rbxpipe::assets {

namespace {

constexpr int k_layouts_version = 1;

}  // namespace

std::filesystem::path sheet_layouts_path(const std::filesystem::path& cache_dir) { return cache_dir / "sheets.json"; }

std::string encode_sheet_layouts(const StoredSheetLayouts& layouts) {
  nlohmann::ordered_json json;
  json["version"] = k_layouts_version;
  auto groups = nlohmann::ordered_json::object();
  for (const auto& [name, stored] : layouts) {
    nlohmann::ordered_json group;
    group["sheet_size"] = stored.layout.max_size;
    group["padding"] = stored.layout.padding;
    auto slices = nlohmann::ordered_json::array();
    for (const auto& slice : stored.layout.slices) {
      auto hash = stored.hashes.find(slice.key);
      slices.push_back({{"input", slice.key},
                        {"hash", hash == stored.hashes.end() ? std::string() : hash->second},
                        {"sheet", slice.sheet},
                        {"x", slice.x},
                        {"y", slice.y},
                        {"width", slice.width},
                        {"height", slice.height}});
    }
    group["slices"] = std::move(slices);
    groups[name] = std::move(group);
  }
  json["groups"] = std::move(groups);
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::optional<StoredSheetLayouts> decode_sheet_layouts(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  StoredSheetLayouts layouts;
  try {
    if (json.at("version").get<int>() != k_layouts_version) return std::nullopt;
    for (const auto& [name, group] : json.at("groups").items()) {
      StoredSheetLayout stored;
      stored.layout.max_size = group.at("sheet_size").get<int>();
      stored.layout.padding = group.at("padding").get<int>();
      for (const auto& item : group.at("slices")) {
        SpriteSlice slice;
        slice.key = item.at("input").get<std::string>();
        slice.sheet = item.at("sheet").get<int>();
        slice.x = item.at("x").get<int>();
        slice.y = item.at("y").get<int>();
        slice.width = item.at("width").get<int>();
        slice.height = item.at("height").get<int>();
        if (slice.sheet < 0 || slice.width <= 0 || slice.height <= 0) return std::nullopt;
        stored.hashes[slice.key] = item.at("hash").get<std::string>();
        stored.layout.slices.push_back(std::move(slice));
      }
      layouts.emplace(name, std::move(stored));
    }
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return layouts;
}

StoredSheetLayouts load_sheet_layouts(const std::filesystem::path& cache_dir) {
  auto text = base::read_file(sheet_layouts_path(cache_dir));
  if (!text) return {};
  auto layouts = decode_sheet_layouts(*text);
  return layouts ? std::move(*layouts) : StoredSheetLayouts{};
}

base::Result<bool> save_sheet_layouts(const std::filesystem::path& cache_dir, const StoredSheetLayouts& layouts) {
  std::error_code error;
  if (layouts.empty() && !std::filesystem::exists(sheet_layouts_path(cache_dir), error)) return false;
  const std::string text = encode_sheet_layouts(layouts);
  // Unchanged layouts leave the file alone, so its stamp (which builds depend on) only moves when places do.
  if (auto existing = base::read_file(sheet_layouts_path(cache_dir)); existing && *existing == text) return false;
  RBXPIPE_TRY(base::write_file_atomic(sheet_layouts_path(cache_dir), text, base::Durability::replaceable));
  return true;
}

}  // namespace rbxpipe::assets
