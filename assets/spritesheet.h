#pragma once
// Spritesheets: packs small images into sheets (stb_rect_pack) with edge-extended padding and a stable layout.
//
// Stability rule: pack_spritesheets replays the previous layout's packing order (its slices, in order) for every
// image still present with the same size, then appends the new or resized images sorted by height, width and key
// (descending, descending, ascending). The skyline packer is deterministic, so replaying the same sequence gives
// the same places: adding images never moves the ones already packed. Removing or resizing an image may move the
// images packed after it. Without a previous layout (or when max_size or padding changed) everything is packed
// in the sorted order. Each image is placed on the first sheet (in order) with room, or on a new sheet.

#include <span>
#include <string>
#include <vector>

#include "assets/image.h"
#include "base/diagnostic.h"

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
};

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
