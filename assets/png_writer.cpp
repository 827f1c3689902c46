#include "assets/png_writer.h"

#include <stb_image_write.h>

namespace rbxpipe::assets {

Image Image::blank(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  image.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
  return image;
}

base::Result<std::string> encode_png(const Image& image) {
  auto expected = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4;
  if (image.width <= 0 || image.height <= 0 || image.pixels.size() != expected) {
    return base::Error(base::ErrorCode::invalid_input, "image has no pixels or a size that does not match them");
  }
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  // stb writes no timestamps or text chunks, so its output depends on the pixels alone.
  int written = stbi_write_png_to_func(append, &png, image.width, image.height, 4, image.pixels.data(), image.width * 4);
  if (written == 0) return base::Error(base::ErrorCode::internal, "PNG encoding failed");
  return png;
}

}  // namespace rbxpipe::assets
