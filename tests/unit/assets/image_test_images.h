#pragma once
// Images made by code for the image tests: gradients, encoders for every accepted format, hand-built PNG chunks.

#include <stb_image_write.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assets/image.h"
#include "assets/png_writer.h"
#include "base/diagnostic.h"

namespace rbxpipe::assets::test_images {

// Bitwise CRC-32 (the PNG polynomial), written independently of zlib to cross-check the chunk walk.
inline std::uint32_t crc32_of(std::string_view bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (char c : bytes) {
    crc ^= static_cast<std::uint8_t>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

inline std::string be32(std::uint32_t value) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((value >> (24 - 8 * i)) & 0xff);
  return out;
}

inline std::string chunk(std::string_view type, std::string_view data) {
  std::string body = std::string(type) + std::string(data);
  return be32(static_cast<std::uint32_t>(data.size())) + body + be32(crc32_of(body));
}

// A PNG whose IHDR claims width x height, followed by an empty IDAT and IEND, all CRCs valid.
inline std::string png_header_only(std::uint32_t width, std::uint32_t height) {
  std::string ihdr = be32(width) + be32(height) + std::string("\x08\x06\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", "") + chunk("IEND", "");
}

inline Image gradient(int width, int height) {
  Image image = Image::blank(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      auto* p = image.at(x, y);
      p[0] = static_cast<std::uint8_t>(x * 7);
      p[1] = static_cast<std::uint8_t>(y * 5);
      p[2] = 90;
      p[3] = static_cast<std::uint8_t>((x + y) % 2 ? 255 : 128);
    }
  }
  return image;
}

inline std::string png_of(const Image& image) { return encode_png(image).value(); }

inline void append_to(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}
inline std::string jpeg_of(const Image& image) {
  std::string out;
  stbi_write_jpg_to_func(append_to, &out, image.width, image.height, 4, image.pixels.data(), 90);
  return out;
}
inline std::string bmp_of(const Image& image) {
  std::string out;
  stbi_write_bmp_to_func(append_to, &out, image.width, image.height, 4, image.pixels.data());
  return out;
}
inline std::string tga_of(const Image& image) {
  std::string out;
  stbi_write_tga_to_func(append_to, &out, image.width, image.height, 4, image.pixels.data());
  return out;
}

inline std::string rendered(const std::vector<base::Diagnostic>& diagnostics) {
  base::TextRenderOptions options;
  options.show_source = false;
  std::string out;
  for (const auto& d : diagnostics) out += base::render_text(d, options);
  return out;
}

}  // namespace rbxpipe::assets::test_images
