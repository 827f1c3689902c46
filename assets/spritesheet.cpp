#include "assets/spritesheet.h"

#include <stb_rect_pack.h>

#include <algorithm>
#include <memory>

#include "assets/image_diagnostic.h"
#include "assets/png_writer.h"

namespace rbxpipe::assets {
namespace {

// One sheet's skyline packer; stb keeps pointers into `nodes`, so a Sheet never moves once created.
struct Sheet {
  stbrp_context context{};
  std::vector<stbrp_node> nodes;
};

std::unique_ptr<Sheet> new_sheet(int size) {
  auto sheet = std::make_unique<Sheet>();
  sheet->nodes.resize(static_cast<std::size_t>(size));
  stbrp_init_target(&sheet->context, size, size, sheet->nodes.data(), size);
  return sheet;
}

// Tries one padded rectangle on one sheet; packing one at a time keeps stb from reordering a batch.
bool place(Sheet& sheet, int width, int height, int& x, int& y) {
  stbrp_rect rect{};
  rect.w = width;
  rect.h = height;
  stbrp_pack_rects(&sheet.context, &rect, 1);
  if (!rect.was_packed) return false;
  x = rect.x;
  y = rect.y;
  return true;
}

// Copies `image` to (x, y) and repeats its edge pixels `padding` pixels outwards.
void blit_with_edges(Image& sheet, const Image& image, int x, int y, int padding) {
  for (int sy = y - padding; sy < y + image.height + padding; ++sy) {
    int iy = std::clamp(sy - y, 0, image.height - 1);
    for (int sx = x - padding; sx < x + image.width + padding; ++sx) {
      int ix = std::clamp(sx - x, 0, image.width - 1);
      const auto* from = &image.pixels[(static_cast<std::size_t>(iy) * static_cast<std::size_t>(image.width) +
                                        static_cast<std::size_t>(ix)) * 4];
      std::copy(from, from + 4, sheet.at(sx, sy));
    }
  }
}

bool sorted_before(const SpriteSize* a, const SpriteSize* b) {
  if (a->height != b->height) return a->height > b->height;
  if (a->width != b->width) return a->width > b->width;
  return a->key < b->key;
}

}  // namespace

const SpriteSlice* Spritesheets::find(std::string_view key) const {
  for (const auto& slice : layout.slices) {
    if (slice.key == key) return &slice;
  }
  return nullptr;
}

SpritePlan plan_spritesheets(std::span<const SpriteSize> sizes, const SpritesheetOptions& options,
                             const SpriteLayout* previous) {
  SpritePlan plan;
  plan.layout.max_size = options.max_size;
  plan.layout.padding = options.padding;
  const int pad = options.padding;

  // Valid inputs by key; duplicates and images that cannot fit a sheet are reported and left out.
  std::map<std::string_view, const SpriteSize*> by_key;
  for (const auto& size : sizes) {
    if (by_key.count(size.key) != 0) {
      plan.diagnostics.push_back(image_diagnostic(base::Severity::error, image_codes::k_sprite_duplicate, size.key,
                                                  "two spritesheet images share the key '" + size.key + "'"));
      continue;
    }
    if (size.width <= 0 || size.height <= 0) continue;
    if (size.width + 2 * pad > options.max_size || size.height + 2 * pad > options.max_size) {
      plan.diagnostics.push_back(image_diagnostic(
          base::Severity::warning, image_codes::k_sprite_too_large, size.key,
          "image is " + std::to_string(size.width) + "x" + std::to_string(size.height) + ": with " +
              std::to_string(pad) + " px padding it does not fit a " + std::to_string(options.max_size) +
              " px spritesheet, so it is uploaded on its own"));
      continue;
    }
    by_key.emplace(size.key, &size);
  }

  // Packing order: the previous layout's order for unchanged images, then the rest sorted.
  std::vector<const SpriteSize*> order;
  bool replay = previous != nullptr && previous->max_size == options.max_size && previous->padding == pad;
  if (replay) {
    for (const auto& slice : previous->slices) {
      auto found = by_key.find(slice.key);
      if (found == by_key.end()) continue;
      if (found->second->width != slice.width || found->second->height != slice.height) continue;
      order.push_back(found->second);
      by_key.erase(found);
    }
  }
  std::vector<const SpriteSize*> rest;
  for (const auto& [key, size] : by_key) rest.push_back(size);
  std::sort(rest.begin(), rest.end(), sorted_before);
  order.insert(order.end(), rest.begin(), rest.end());

  std::vector<std::unique_ptr<Sheet>> sheets;
  for (const SpriteSize* size : order) {
    int w = size->width + 2 * pad;
    int h = size->height + 2 * pad;
    int x = 0;
    int y = 0;
    std::size_t index = 0;
    while (index < sheets.size() && !place(*sheets[index], w, h, x, y)) ++index;
    if (index == sheets.size()) {
      sheets.push_back(new_sheet(options.max_size));
      place(*sheets.back(), w, h, x, y);  // an empty sheet always has room: sizes were checked above
    }
    plan.layout.slices.push_back(
        SpriteSlice{size->key, static_cast<int>(index), x + pad, y + pad, size->width, size->height});
  }
  plan.sheet_count = static_cast<int>(sheets.size());
  return plan;
}

base::Result<Image> render_sheet(const SpriteLayout& layout, int sheet,
                                 const std::map<std::string, const Image*, std::less<>>& images) {
  const int pad = layout.padding;
  // The used area: what the packer's padded rectangles cover, so the sheet is cropped exactly as it was placed.
  int width = 0;
  int height = 0;
  for (const auto& slice : layout.slices) {
    if (slice.sheet != sheet) continue;
    width = std::max(width, slice.x + slice.width + pad);
    height = std::max(height, slice.y + slice.height + pad);
  }
  Image pixels = Image::blank(width, height);
  for (const auto& slice : layout.slices) {
    if (slice.sheet != sheet) continue;
    auto found = images.find(slice.key);
    if (found == images.end() || found->second == nullptr) {
      return base::Error(base::ErrorCode::invalid_input, "no pixels for spritesheet image '" + slice.key + "'");
    }
    const Image& image = *found->second;
    if (image.width != slice.width || image.height != slice.height) {
      return base::Error(base::ErrorCode::invalid_input,
                         "spritesheet image '" + slice.key + "' is " + std::to_string(image.width) + "x" +
                             std::to_string(image.height) + ", but its place is " + std::to_string(slice.width) +
                             "x" + std::to_string(slice.height));
    }
    blit_with_edges(pixels, image, slice.x, slice.y, pad);
  }
  return pixels;
}

Spritesheets pack_spritesheets(std::span<const SpriteInput> inputs, const SpritesheetOptions& options,
                               const SpriteLayout* previous) {
  std::vector<SpriteSize> sizes;
  std::map<std::string, const Image*, std::less<>> images;
  for (const auto& input : inputs) {
    sizes.push_back(SpriteSize{input.key, input.image.width, input.image.height});
    images.emplace(input.key, &input.image);  // a duplicate key keeps its first image, as the plan does
  }
  SpritePlan plan = plan_spritesheets(sizes, options, previous);
  Spritesheets result;
  result.layout = std::move(plan.layout);
  result.diagnostics = std::move(plan.diagnostics);
  for (int sheet = 0; sheet < plan.sheet_count; ++sheet) {
    auto pixels = render_sheet(result.layout, sheet, images);
    result.sheet_images.push_back(pixels ? std::move(pixels).value() : Image{});
  }
  for (const auto& image : result.sheet_images) {
    auto png = encode_png(image);
    result.sheets.push_back(png ? std::move(png).value() : std::string());
  }
  return result;
}

}  // namespace rbxpipe::assets
