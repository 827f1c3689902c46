#include "assets/image_resize.h"

#include <stb_image_resize.h>

#include <algorithm>
#include <cmath>

namespace rbxpipe::assets {

ImageSize fit_within(int width, int height, int max_side) {
  int longest = std::max(width, height);
  if (max_side <= 0 || longest <= max_side) return {width, height};
  double scale = static_cast<double>(max_side) / static_cast<double>(longest);
  auto scaled = [&](int side) {
    if (side == longest) return max_side;
    return std::max(1, static_cast<int>(std::lround(static_cast<double>(side) * scale)));
  };
  return {scaled(width), scaled(height)};
}

Image downscale(const Image& image, int max_side) {
  ImageSize size = fit_within(image.width, image.height, max_side);
  if (size.width == image.width && size.height == image.height) return image;
  Image out = Image::blank(size.width, size.height);
  // Alpha channel 3 without STBIR_FLAG_ALPHA_PREMULTIPLIED: stb premultiplies before filtering and divides after,
  // which weights every colour by its alpha. Mitchell has small negative lobes, so little ringing at hard edges.
  int done = stbir_resize_uint8_generic(image.pixels.data(), image.width, image.height, image.width * 4,
                                        out.pixels.data(), out.width, out.height, out.width * 4, 4, 3, 0,
                                        STBIR_EDGE_CLAMP, STBIR_FILTER_MITCHELL, STBIR_COLORSPACE_LINEAR, nullptr);
  if (done == 0) return image;  // only on allocation failure; the caller still gets a valid image
  return out;
}

}  // namespace rbxpipe::assets
