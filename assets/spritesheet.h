#pragma once
// Spritesheets: packs small images into sheets (stb_rect_pack) with edge-extended padding and a stable layout.
//
// Stability rule: pack_spritesheets replays the previous layout's packing order (its slices, in order) for every
// image still present with the same size, then appends the new or resized images sorted by height, width and key
// (descending, descending, ascending). The skyline packer is deterministic, so replaying the same sequence gives
// the same places: adding images never moves the ones already packed. Removing or resizing an image may move the
// images packed after it. Without a previous layout (or when max_size or padding changed) everything is packed
// in the sorted order. Each image is placed on the first sheet (in order) with room, or on a new sheet.
//
// Places depend on the images' sizes alone: plan_spritesheets gives the layout without pixels (what a build needs to
// state ImageRectOffset and ImageRectSize), and render_sheet draws one sheet of a layout. pack_spritesheets does both.

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assets/image.h"
#include "base/diagnostic.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// One image to pack, named by a stable key (its asset path).
struct SpriteInput {
  std::string key;  ///< unique, stable name; also the file shown in diagnostics
  Image image;      ///< RGBA pixels
};

/// Where one image landed: the sheet and the rectangle of the image itself (padding excluded).
struct SpriteSlice {
  std::string key;  ///< the input's key
  int sheet = 0;    ///< index into the sheets
  int x = 0;        ///< left edge in the sheet (ImageRectOffset.X)
  int y = 0;        ///< top edge in the sheet (ImageRectOffset.Y)
  int width = 0;    ///< ImageRectSize.X
  int height = 0;   ///< ImageRectSize.Y
  friend bool operator==(const SpriteSlice&, const SpriteSlice&) = default;
};

/// Settings for packing.
struct SpritesheetOptions {
  int max_size = 1024;  ///< sheets are at most max_size x max_size
  int padding = 2;      ///< pixels around each image, filled by repeating its edge pixels
};

/// A packing: the options it used and every slice in packing order; pass it back to keep places stable.
struct SpriteLayout {
  int max_size = 0;                 ///< options.max_size used
  int padding = 0;                  ///< options.padding used
  std::vector<SpriteSlice> slices;  ///< packed images, in the order they were packed
  friend bool operator==(const SpriteLayout&, const SpriteLayout&) = default;
};

/// One image to place, named by its key: its size is all placing needs.
struct SpriteSize {
  std::string key;  ///< unique, stable name; also the file shown in diagnostics
  int width = 0;    ///< pixels per row
  int height = 0;   ///< rows
};

/// A layout without pixels: where every image that fits goes, and diagnostics for the rest.
struct SpritePlan {
  SpriteLayout layout;                        ///< where each packed image is
  int sheet_count = 0;                        ///< sheets the layout uses
  std::vector<base::Diagnostic> diagnostics;  ///< warnings (too large) and errors (duplicate keys)
};

/// Places images of `sizes` following the stability rule above; `previous` may be null.
SpritePlan plan_spritesheets(std::span<const SpriteSize> sizes, const SpritesheetOptions& options = {},
                             const SpriteLayout* previous = nullptr);

/// The pixels of sheet `sheet` of `layout`, cropped to its used area, each slice drawn from `images` (by key) with
/// its padding; invalid_input when an image is missing or its size differs from its slice.
base::Result<Image> render_sheet(const SpriteLayout& layout, int sheet,
                                 const std::map<std::string, const Image*, std::less<>>& images);

/// Packed sheets: PNG bytes, the layout (slice table) and diagnostics for images that were not packed.
struct Spritesheets {
  std::vector<std::string> sheets;            ///< deterministic PNG per sheet, cropped to the used area
  std::vector<Image> sheet_images;            ///< the same sheets as pixels
  SpriteLayout layout;                        ///< where each packed image is
  std::vector<base::Diagnostic> diagnostics;  ///< warnings (too large) and errors (duplicate keys)

  /// The slice for `key`, or nullptr when it was not packed.
  const SpriteSlice* find(std::string_view key) const;
};

/// Packs `inputs` following the stability rule above; `previous` may be null.
Spritesheets pack_spritesheets(std::span<const SpriteInput> inputs, const SpritesheetOptions& options = {},
                               const SpriteLayout* previous = nullptr);

}  // namespace rbxpipe::assets
