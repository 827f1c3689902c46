#include "assets/spritesheet.h"

#include <stb_rect_pack.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>

#include "assets/image_diagnostic.h"
#include "assets/png_writer.h"

namespace rbxpipe::assets {
namespace {

// One sheet's skyline packer; stb keeps pointers into `nodes`, so a Sheet never moves once created.
struct Sheet {
  stbrp_context context{};
  std::vector<stbrp_node> nodes;
  int used_width = 0;
  int used_height = 0;
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
  sheet.used_width = std::max(sheet.used_width, x + width);
  sheet.used_height = std::max(sheet.used_height, y + height);
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

bool sorted_before(const SpriteInput* a, const SpriteInput* b) {
  if (a->image.height != b->image.height) return a->image.height > b->image.height;
  if (a->image.width != b->image.width) return a->image.width > b->image.width;
  return a->key < b->key;
}

}  // namespace

const SpriteSlice* Spritesheets::find(std::string_view key) const {
  for (const auto& slice : layout.slices) {
    if (slice.key == key) return &slice;
  }
  return nullptr;
}

Spritesheets pack_spritesheets(std::span<const SpriteInput> inputs, const SpritesheetOptions& options,
                               const SpriteLayout* previous) {
  Spritesheets result;
  result.layout.max_size = options.max_size;
  result.layout.padding = options.padding;
  const int pad = options.padding;

  // Valid inputs by key; duplicates and images that cannot fit a sheet are reported and left out.
  std::map<std::string_view, const SpriteInput*> by_key;
  for (const auto& input : inputs) {
    if (by_key.count(input.key) != 0) {
      result.diagnostics.push_back(image_diagnostic(base::Severity::error, image_codes::k_sprite_duplicate, input.key,
                                                    "two spritesheet images share the key '" + input.key + "'"));
      continue;
    }
    const Image& image = input.image;
    if (image.width <= 0 || image.height <= 0) continue;
    if (image.width + 2 * pad > options.max_size || image.height + 2 * pad > options.max_size) {
      result.diagnostics.push_back(image_diagnostic(
          base::Severity::warning, image_codes::k_sprite_too_large, input.key,
          "image is " + std::to_string(image.width) + "x" + std::to_string(image.height) +
              ": with " + std::to_string(pad) + " px padding it does not fit a " + std::to_string(options.max_size) +
              " px spritesheet, so it is uploaded on its own"));
      continue;
    }
    by_key.emplace(input.key, &input);
  }

  // Packing order: the previous layout's order for unchanged images, then the rest sorted.
  std::vector<const SpriteInput*> order;
  bool replay = previous != nullptr && previous->max_size == options.max_size && previous->padding == pad;
  if (replay) {
    for (const auto& slice : previous->slices) {
      auto found = by_key.find(slice.key);
      if (found == by_key.end()) continue;
      const Image& image = found->second->image;
      if (image.width != slice.width || image.height != slice.height) continue;
      order.push_back(found->second);
      by_key.erase(found);
    }
  }
  std::vector<const SpriteInput*> rest;
  for (const auto& [key, input] : by_key) rest.push_back(input);
  std::sort(rest.begin(), rest.end(), sorted_before);
  order.insert(order.end(), rest.begin(), rest.end());

  std::vector<std::unique_ptr<Sheet>> sheets;
  for (const SpriteInput* input : order) {
    int w = input->image.width + 2 * pad;
    int h = input->image.height + 2 * pad;
    int x = 0;
    int y = 0;
    std::size_t index = 0;
    while (index < sheets.size() && !place(*sheets[index], w, h, x, y)) ++index;
    if (index == sheets.size()) {
      sheets.push_back(new_sheet(options.max_size));
      place(*sheets.back(), w, h, x, y);  // an empty sheet always has room: sizes were checked above
    }
    result.layout.slices.push_back(
        SpriteSlice{input->key, static_cast<int>(index), x + pad, y + pad, input->image.width, input->image.height});
  }

  for (const auto& sheet : sheets) result.sheet_images.push_back(Image::blank(sheet->used_width, sheet->used_height));
  for (std::size_t i = 0; i < order.size(); ++i) {
    const SpriteSlice& slice = result.layout.slices[i];
    blit_with_edges(result.sheet_images[static_cast<std::size_t>(slice.sheet)], order[i]->image, slice.x, slice.y, pad);
  }
  for (const auto& image : result.sheet_images) {
    auto png = encode_png(image);
    result.sheets.push_back(png ? std::move(png).value() : std::string());
  }
  return result;
}

}  // namespace rbxpipe::assets
