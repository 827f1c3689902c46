#pragma once
// SpriteRect: where a packed image sits in its spritesheet, as the Assets module states it
// (`Image`, `ImageRectOffset`, `ImageRectSize`).

#include <cstdint>

namespace rbxpipe::assets {

/// Where a packed image sits in its spritesheet.
struct SpriteRect {
  std::int64_t sheet_id = 0;  ///< the spritesheet's asset id (0 before upload)
  int offset_x = 0;           ///< left edge in the sheet, pixels
  int offset_y = 0;           ///< top edge in the sheet, pixels
  int size_x = 0;             ///< width, pixels
  int size_y = 0;             ///< height, pixels
  friend bool operator==(const SpriteRect&, const SpriteRect&) = default;
};

}  // namespace rbxpipe::assets
