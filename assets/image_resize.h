#pragma once
// Downscaling with an alpha-weighted Mitchell filter, keeping the aspect ratio.

#include "assets/image.h"

namespace rbxpipe::assets {

/// A width and height in pixels.
struct ImageSize {
  int width = 0;   ///< pixels per row
  int height = 0;  ///< rows
  friend bool operator==(const ImageSize&, const ImageSize&) = default;
};

/// The size of a width x height image scaled so its longer side is at most `max_side`, aspect ratio kept (each
/// side rounded, at least 1); unchanged when it already fits.
ImageSize fit_within(int width, int height, int max_side);

/// `image` scaled to fit_within(max_side) with a Mitchell filter on alpha-premultiplied colour, so transparent
/// pixels add no colour (no dark fringes); a copy when it already fits.
Image downscale(const Image& image, int max_side);

}  // namespace rbxpipe::assets
