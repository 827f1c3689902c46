// Packing asset groups into spritesheets. The processor and the build's planner feed the same plan (plan_group) with
// the same sizes (an input's processed size is a function of its content hash), so they agree by construction.
#include "assets/asset_sheets.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <deque>
#include <optional>

#include "assets/asset_cache.h"
#include "assets/asset_metadata.h"
#include "assets/image_decode.h"
#include "assets/image_diagnostic.h"
#include "assets/png_writer.h"
#include "base/sha256.h"

namespace rbxpipe::assets {

namespace {

// The packable images of one group: sizes in input order and the hash of each.
struct PackGroup {
  ProcessingSettings settings;
  std::vector<SpriteSize> sizes;
  std::map<std::string, std::string> hashes;
};

SpritePlan plan_group(const std::string& name, const PackGroup& group, const StoredSheetLayouts& stored) {
  SpritesheetOptions options;
  options.max_size = group.settings.sheet_size;
  options.padding = group.settings.padding;
  auto previous = stored.find(name);
  return plan_spritesheets(group.sizes, options, previous == stored.end() ? nullptr : &previous->second.layout);
}

// What is stored of a plan: its layout and the hash of each image it placed.
StoredSheetLayout kept_layout(const SpriteLayout& layout, const PackGroup& group) {
  StoredSheetLayout kept;
  kept.layout = layout;
  for (const auto& slice : layout.slices) kept.hashes[slice.key] = group.hashes.at(slice.key);
  return kept;
}

SpritePlacement placement_of(const std::string& group, const SpriteSlice& slice) {
  return SpritePlacement{sheet_input_name(group, slice.sheet),
                         SpriteRect{0, slice.x, slice.y, slice.width, slice.height}};
}

// A sheet's pixels follow from the settings and, per slice, the image's content hash and rectangle.
std::string sheet_cache_key(const PackGroup& group, const SpriteLayout& layout, int sheet) {
  std::string text = "rbxpipe-sheet/1\n" + canonical_settings(group.settings) + "\n";
  for (const auto& slice : layout.slices) {
    if (slice.sheet != sheet) continue;
    text += group.hashes.at(slice.key) + " " + std::to_string(slice.x) + " " + std::to_string(slice.y) + " " +
            std::to_string(slice.width) + " " + std::to_string(slice.height) + "\n";
  }
  return base::sha256_hex(text);
}

// Draws and encodes one sheet from its members' processed PNGs.
base::Result<std::string> draw_sheet(const SpriteLayout& layout, int sheet, const ProcessResult& result,
                                     const std::map<std::string, std::size_t>& index_of) {
  std::deque<Image> decoded;  // a deque keeps the pointers below valid while it grows
  std::map<std::string, const Image*, std::less<>> images;
  for (const auto& slice : layout.slices) {
    if (slice.sheet != sheet) continue;
    const ProcessedAsset& member = result.assets[index_of.at(slice.key)];
    ImageLimits limits;
    limits.max_size = std::max(member.width, member.height);
    DecodedImage image = decode_image(member.output, member.input, limits);
    if (!image.image) {
      return base::Error(base::ErrorCode::internal, "the processed image '" + member.input + "' does not decode");
    }
    decoded.push_back(std::move(*image.image));
    images.emplace(slice.key, &decoded.back());
  }
  auto pixels = render_sheet(layout, sheet, images);
  if (!pixels) return std::move(pixels).error();
  return encode_png(*pixels);
}

ProcessedAsset make_sheet(const std::string& name, const PackGroup& group, const SpriteLayout& layout, int sheet,
                          const ProcessResult& result, const std::map<std::string, std::size_t>& index_of,
                          const std::optional<AssetCache>& cache, bool write_cache) {
  ProcessedAsset asset;
  asset.input = sheet_input_name(name, sheet);
  asset.group = name;
  const std::string key = sheet_cache_key(group, layout, sheet);
  if (cache) {
    if (auto cached = cache->load(key); cached && !cached->bytes.empty() &&
                                        decode_asset_metadata(cached->metadata, asset)) {
      asset.output = std::move(cached->bytes);
      asset.hash = content_hash(asset.output, group.settings);
      asset.cache_hit = true;
      return asset;
    }
  }
  asset.kind = AssetKind::image;
  asset.format = "png";
  auto png = draw_sheet(layout, sheet, result, index_of);
  if (!png) {
    asset.diagnostics.push_back(image_diagnostic(base::Severity::error, k_sheet_not_drawn, asset.input,
                                                 "spritesheet could not be drawn: " + png.error().message()));
    return asset;
  }
  asset.output = std::move(png).value();
  asset.hash = content_hash(asset.output, group.settings);
  asset.size = asset.output.size();
  asset.mime = "image/png";
  for (const auto& slice : layout.slices) {
    if (slice.sheet != sheet) continue;
    asset.width = std::max(asset.width, slice.x + slice.width + layout.padding);
    asset.height = std::max(asset.height, slice.y + slice.height + layout.padding);
  }
  if (cache && write_cache) {
    if (auto stored = cache->store(key, CachedAsset{asset.output, encode_asset_metadata(asset)}); !stored) {
      asset.diagnostics.push_back(image_diagnostic(base::Severity::warning, "ASSET0303", asset.input,
                                                   "spritesheet not cached: " + stored.error().message()));
    }
  }
  return asset;
}

void save_layouts(std::vector<ProcessedAsset>& sheets, const ProcessOptions& options,
                  const StoredSheetLayouts& layouts) {
  if (!options.write_cache || !options.cache_dir) return;
  auto saved = save_sheet_layouts(*options.cache_dir, layouts);
  if (saved || sheets.empty()) return;
  sheets.front().diagnostics.push_back(
      image_diagnostic(base::Severity::warning, "ASSET0303", sheets.front().input,
                       "spritesheet layout not saved, so the next packing may move images: " +
                           saved.error().message()));
}

// What the planner knows about one candidate input.
struct KnownSize {
  bool packable = false;
  std::string hash;
  int width = 0;
  int height = 0;
};

KnownSize known_size(const AssetInput& input, const ProcessOptions& options, const ReadInputBytes& read,
                     const StoredSheetLayouts& stored, const std::optional<AssetCache>& cache) {
  KnownSize known;
  auto bytes = read(options.root / input.input);
  if (!bytes) return known;  // processing reports it unreadable (ASSET0301), so it is not packed either
  known.hash = content_hash(*bytes, input.settings);
  if (auto group = stored.find(input.group); group != stored.end()) {
    auto hash = group->second.hashes.find(input.input);
    if (hash != group->second.hashes.end() && hash->second == known.hash) {
      for (const auto& slice : group->second.layout.slices) {
        if (slice.key != input.input) continue;
        known.packable = true;
        known.width = slice.width;
        known.height = slice.height;
        return known;
      }
    }
  }
  ProcessedAsset asset;
  asset.input = input.input;
  std::optional<std::string> metadata = cache ? cache->load_metadata(known.hash) : std::nullopt;
  if (metadata && decode_asset_metadata(*metadata, asset)) {
    // A cached entry with no error has its output (errors are cached with none), as ProcessedAsset::ok() asks.
    known.packable = asset.kind == AssetKind::image && !asset.mime.empty() && !base::has_errors(asset.diagnostics);
  } else {
    asset = process_asset(input, *bytes);
    known.packable = asset.kind == AssetKind::image && asset.ok();
  }
  known.width = asset.width;
  known.height = asset.height;
  return known;
}

}  // namespace

std::string sheet_input_name(std::string_view group, int index) {
  return std::string(group) + "#sheet" + std::to_string(index + 1);
}

void pack_asset_sheets(ProcessResult& result, const std::vector<AssetInput>& inputs, const ProcessOptions& options) {
  std::map<std::string, PackGroup> groups;
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < inputs.size() && i < result.assets.size(); ++i) {
    const ProcessedAsset& asset = result.assets[i];
    if (!inputs[i].settings.pack || asset.kind != AssetKind::image || !asset.ok()) continue;
    PackGroup& group = groups[inputs[i].group];
    group.settings = inputs[i].settings;
    group.sizes.push_back(SpriteSize{asset.input, asset.width, asset.height});
    group.hashes[asset.input] = asset.hash;
    index_of[asset.input] = i;
  }
  const StoredSheetLayouts stored = options.cache_dir ? load_sheet_layouts(*options.cache_dir) : StoredSheetLayouts{};
  std::optional<AssetCache> cache;
  if (options.cache_dir) cache.emplace(*options.cache_dir);

  StoredSheetLayouts next;
  std::vector<ProcessedAsset> sheets;
  for (const auto& [name, group] : groups) {
    SpritePlan plan = plan_group(name, group, stored);
    for (auto& diagnostic : plan.diagnostics) {
      if (auto member = index_of.find(diagnostic.file); member != index_of.end()) {
        result.assets[member->second].diagnostics.push_back(std::move(diagnostic));
      }
    }
    for (const auto& slice : plan.layout.slices) {
      ProcessedAsset& member = result.assets[index_of.at(slice.key)];
      SpritePlacement placement = placement_of(name, slice);
      member.packed_into = placement.packed_into;
      member.sprite = placement.rect;
    }
    for (int sheet = 0; sheet < plan.sheet_count; ++sheet) {
      sheets.push_back(make_sheet(name, group, plan.layout, sheet, result, index_of, cache, options.write_cache));
    }
    if (!plan.layout.slices.empty()) next.emplace(name, kept_layout(plan.layout, group));
  }
  save_layouts(sheets, options, next);
  for (auto& sheet : sheets) result.assets.push_back(std::move(sheet));
}

std::map<std::string, SpritePlacement> sprite_placements(const ProcessResult& result) {
  std::map<std::string, SpritePlacement> placements;
  for (const auto& asset : result.assets) {
    if (!asset.packed_into.empty() && asset.sprite) placements[asset.input] = {asset.packed_into, *asset.sprite};
  }
  return placements;
}

std::map<std::string, SpritePlacement> sprite_placements(const StoredSheetLayouts& layouts) {
  std::map<std::string, SpritePlacement> placements;
  for (const auto& [name, stored] : layouts) {
    for (const auto& slice : stored.layout.slices) placements[slice.key] = placement_of(name, slice);
  }
  return placements;
}

StoredSheetLayouts plan_sprite_layouts(const std::vector<AssetInput>& inputs, const ProcessOptions& options,
                                       const ReadInputBytes& read) {
  std::vector<const AssetInput*> candidates;
  for (const auto& input : inputs) {
    if (input.settings.pack && is_image_input(input.input)) candidates.push_back(&input);
  }
  if (candidates.empty()) return {};
  const StoredSheetLayouts stored = options.cache_dir ? load_sheet_layouts(*options.cache_dir) : StoredSheetLayouts{};
  std::optional<AssetCache> cache;
  if (options.cache_dir) cache.emplace(*options.cache_dir);
  std::vector<KnownSize> known(candidates.size());
  tbb::parallel_for(std::size_t{0}, candidates.size(), [&](std::size_t index) {
    known[index] = known_size(*candidates[index], options, read, stored, cache);
  });

  std::map<std::string, PackGroup> groups;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!known[i].packable) continue;
    PackGroup& group = groups[candidates[i]->group];
    group.settings = candidates[i]->settings;
    group.sizes.push_back(SpriteSize{candidates[i]->input, known[i].width, known[i].height});
    group.hashes[candidates[i]->input] = known[i].hash;
  }
  StoredSheetLayouts planned;
  for (const auto& [name, group] : groups) {
    SpritePlan plan = plan_group(name, group, stored);
    if (plan.layout.slices.empty()) continue;
    planned.emplace(name, kept_layout(plan.layout, group));
  }
  return planned;
}

std::map<std::string, SpritePlacement> plan_sprite_placements(const std::vector<AssetInput>& inputs,
                                                              const ProcessOptions& options,
                                                              const ReadInputBytes& read) {
  return sprite_placements(plan_sprite_layouts(inputs, options, read));
}

}  // namespace rbxpipe::assets
