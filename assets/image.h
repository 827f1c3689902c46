#pragma once
// Image: 8-bit RGBA pixels in memory, the value every image step reads and writes.

#include <cstdint>
#include <vector>

namespace rbxpipe::assets {

/// Row-major 8-bit RGBA pixels.
struct Image {
  int width = 0;                      ///< pixels per row
  int height = 0;                     ///< rows
  std::vector<std::uint8_t> pixels;   ///< width * height * 4 bytes

  /// A width x height image filled with transparent black.
  static Image blank(int width, int height);
  /// Pointer to the RGBA bytes of pixel (x, y).
  std::uint8_t* at(int x, int y) { return &pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4]; }
};

}  // namespace rbxpipe::assets
