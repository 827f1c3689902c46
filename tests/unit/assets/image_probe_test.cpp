#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "assets/image_decode.h"
#include "assets/image_probe.h"
#include "assets/png_writer.h"
#include "tests/unit/assets/image_test_images.h"

namespace rbxpipe::assets {
namespace {

using namespace test_images;

TEST(ImageProbe, ReadsPngDimensionsFromIhdr) {
  auto info = probe_image(png_of(gradient(37, 19)), "images/a.png");
  EXPECT_TRUE(info.ok()) << rendered(info.diagnostics);
  EXPECT_EQ(info.format, ImageFormat::png);
  EXPECT_EQ(info.width, 37);
  EXPECT_EQ(info.height, 19);
}

TEST(ImageProbe, ReadsJpegDimensionsFromTheFrameHeader) {
  auto info = probe_image(jpeg_of(gradient(41, 23)), "images/a.jpg");
  EXPECT_TRUE(info.ok()) << rendered(info.diagnostics);
  EXPECT_EQ(info.format, ImageFormat::jpeg);
  EXPECT_EQ(info.width, 41);
  EXPECT_EQ(info.height, 23);
}

TEST(ImageProbe, ReadsBmpDimensions) {
  auto info = probe_image(bmp_of(gradient(13, 9)), "images/a.bmp");
  EXPECT_TRUE(info.ok()) << rendered(info.diagnostics);
  EXPECT_EQ(info.format, ImageFormat::bmp);
  EXPECT_EQ(info.width, 13);
  EXPECT_EQ(info.height, 9);
}

TEST(ImageProbe, AcceptsTgaOnlyWithItsExtension) {
  std::string tga = tga_of(gradient(11, 17));
  auto info = probe_image(tga, "images/a.TGA");
  EXPECT_TRUE(info.ok()) << rendered(info.diagnostics);
  EXPECT_EQ(info.format, ImageFormat::tga);
  EXPECT_EQ(info.width, 11);
  EXPECT_EQ(info.height, 17);
  EXPECT_EQ(probe_image(tga, "images/a.png").format, ImageFormat::unknown);
}

TEST(ImageProbe, TgaExtensionWithAnInsaneHeaderIsCorrupt) {
  auto info = probe_image(std::string(18, '\x7f'), "images/a.tga");
  EXPECT_EQ(rendered(info.diagnostics),
            "images/a.tga: error[ASSET0004]: corrupt TGA: the 18-byte header does not describe a TGA image\n");
}

TEST(ImageProbe, SvgSaysToExportAsPng) {
  auto info = probe_image("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "images/logo.svg");
  EXPECT_EQ(info.format, ImageFormat::svg);
  EXPECT_EQ(rendered(info.diagnostics), "images/logo.svg: error[ASSET0001]: SVG is not accepted by Roblox: export it as PNG\n");
}

TEST(ImageProbe, WebpAndGifAreUnsupportedFormats) {
  auto webp = probe_image(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16), "a.webp");
  EXPECT_EQ(webp.format, ImageFormat::webp);
  EXPECT_EQ(rendered(webp.diagnostics), "a.webp: error[ASSET0001]: WebP is not accepted by Roblox: convert it to PNG\n");
  auto gif = probe_image("GIF89a\x01\0\x01\0", "a.gif");
  EXPECT_EQ(gif.format, ImageFormat::gif);
  ASSERT_EQ(gif.diagnostics.size(), 1u);
  EXPECT_EQ(gif.diagnostics[0].code, "ASSET0001");
}

TEST(ImageProbe, EmptyFileIsALocatedError) {
  auto info = probe_image("", "images/empty.png");
  EXPECT_EQ(rendered(info.diagnostics), "images/empty.png: error[ASSET0002]: image file is empty (0 bytes)\n");
}

TEST(ImageProbe, RandomBytesAreAnUnknownFormat) {
  std::mt19937 random(7);
  std::string bytes(512, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0x3f);  // never a magic number
  bytes[0] = 'J';
  bytes[1] = 'a';
  auto info = probe_image(bytes, "images/noise.png");
  ASSERT_EQ(info.diagnostics.size(), 1u);
  EXPECT_EQ(info.diagnostics[0].code, "ASSET0003");
  EXPECT_EQ(info.diagnostics[0].file, "images/noise.png");
  EXPECT_NE(info.diagnostics[0].message.find("first bytes: 4a 61"), std::string::npos);
}

TEST(ImageProbe, FilesOfOneToTwelveBytesAreDiagnosedNotThrown) {
  for (std::size_t size = 1; size <= 12; ++size) {
    auto info = probe_image(std::string(size, 'R'), "short.png");
    ASSERT_EQ(info.diagnostics.size(), 1u) << size;
    EXPECT_EQ(info.diagnostics[0].code, "ASSET0003") << size;
  }
  EXPECT_EQ(probe_image("RIFF", "a.webp").diagnostics.at(0).code, "ASSET0003");
}

TEST(ImageProbe, PngTooShortForIhdrIsTruncated) {
  auto info = probe_image(png_of(gradient(4, 4)).substr(0, 20), "a.png");
  EXPECT_EQ(rendered(info.diagnostics),
            "a.png: error[ASSET0004]: truncated PNG: the file has 20 bytes, too few for the IHDR header (33 bytes)\n");
}

TEST(ImageProbe, ZeroWidthHeaderIsAnError) {
  auto info = probe_image(png_header_only(0, 5), "a.png");
  ASSERT_EQ(info.diagnostics.size(), 1u);
  EXPECT_EQ(info.diagnostics[0].code, "ASSET0010");
}

TEST(ImageProbe, JpegWithoutFrameHeaderIsCorrupt) {
  std::string bytes("\xFF\xD8\xFF\xE0\x00\x04\x00\x00", 8);
  bytes += std::string("garbage that is not a marker");
  auto info = probe_image(bytes, "photo.jpg");
  EXPECT_EQ(rendered(info.diagnostics),
            "photo.jpg: error[ASSET0004]: corrupt JPEG: expected a marker at byte 8 before the frame header\n");
}

TEST(ImageProbe, JpegSegmentPastTheEndIsTruncated) {
  std::string bytes("\xFF\xD8\xFF\xE0\x40\x00\x00\x00", 8);
  auto info = probe_image(bytes, "photo.jpg");
  ASSERT_EQ(info.diagnostics.size(), 1u);
  EXPECT_EQ(info.diagnostics[0].code, "ASSET0004");
  EXPECT_NE(info.diagnostics[0].message.find("segment at byte 2"), std::string::npos);
}

TEST(ImageProbe, TruncatedBmpIsCorrupt) {
  auto info = probe_image(bmp_of(gradient(4, 4)).substr(0, 20), "a.bmp");
  ASSERT_EQ(info.diagnostics.size(), 1u);
  EXPECT_EQ(info.diagnostics[0].code, "ASSET0004");
}

}  // namespace
}  // namespace rbxpipe::assets
