#include <gtest/gtest.h>

#include <random>
#include <string>

#include "assets/image_decode.h"
#include "tests/unit/assets/image_test_images.h"

namespace rbxpipe::assets {
namespace {

using namespace test_images;

// Byte offset of the first chunk named `type` in a PNG.
std::size_t chunk_offset(const std::string& png, std::string_view type) { return png.find(type) - 4; }

TEST(ImageDecode, DecodesEveryAcceptedFormatToRgba) {
  Image source = gradient(21, 13);
  struct Case { std::string bytes; std::string path; };
  for (const auto& c : {Case{png_of(source), "a.png"}, Case{jpeg_of(source), "a.jpg"}, Case{bmp_of(source), "a.bmp"},
                        Case{tga_of(source), "a.tga"}}) {
    auto decoded = decode_image(c.bytes, c.path);
    ASSERT_TRUE(decoded.ok()) << c.path << ": " << rendered(decoded.diagnostics);
    EXPECT_EQ(decoded.image->width, 21) << c.path;
    EXPECT_EQ(decoded.image->height, 13) << c.path;
    EXPECT_EQ(decoded.image->pixels.size(), 21u * 13u * 4u) << c.path;
  }
}

TEST(ImageDecode, PngPixelsRoundTripExactly) {
  Image source = gradient(9, 7);
  auto decoded = decode_image(png_of(source), "a.png");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.image->pixels, source.pixels);
}

TEST(ImageDecode, HugeHeaderDimensionsAreRefusedBeforeDecoding) {
  auto decoded = decode_image(png_header_only(60000, 60000), "images/huge.png");
  EXPECT_FALSE(decoded.ok());
  EXPECT_EQ(rendered(decoded.diagnostics),
            "images/huge.png: error[ASSET0006]: image is 60000x60000: a side of 8000 px or more is refused\n"
            "  help: scale it down to 1024 px or less\n");
}

TEST(ImageDecode, SideOfExactly8000IsRefused) {
  auto decoded = decode_image(png_header_only(8000, 10), "a.png");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "ASSET0006");
}

TEST(ImageDecode, BadChunkCrcNamesTheChunk) {
  std::string png = png_of(gradient(16, 16));
  std::size_t idat = chunk_offset(png, "IDAT");
  png[idat + 10] = static_cast<char>(png[idat + 10] ^ 0x55);
  auto decoded = decode_image(png, "images/bad.png");
  EXPECT_FALSE(decoded.ok());
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "ASSET0005");
  EXPECT_EQ(decoded.diagnostics[0].file, "images/bad.png");
  EXPECT_EQ(decoded.diagnostics[0].message.rfind("corrupt PNG: chunk IDAT at byte " + std::to_string(idat) + " has CRC 0x", 0), 0u)
      << decoded.diagnostics[0].message;
}

TEST(ImageDecode, BadIhdrCrcIsCaughtToo) {
  std::string png = png_of(gradient(16, 16));
  png[29] = static_cast<char>(png[29] ^ 1);  // last byte of IHDR data (interlace method)
  auto decoded = decode_image(png, "a.png");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_NE(decoded.diagnostics[0].message.find("chunk IHDR at byte 8"), std::string::npos);
}

TEST(ImageDecode, TruncatedPngNamesTheCutChunk) {
  std::string png = png_of(gradient(32, 32));
  std::size_t idat = chunk_offset(png, "IDAT");
  auto decoded = decode_image(png.substr(0, idat + 20), "images/cut.png");
  EXPECT_FALSE(decoded.ok());
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "ASSET0004");
  EXPECT_NE(decoded.diagnostics[0].message.find("truncated PNG: chunk IDAT at byte " + std::to_string(idat)), std::string::npos)
      << decoded.diagnostics[0].message;
}

TEST(ImageDecode, PngMissingIendIsTruncated) {
  std::string png = png_of(gradient(16, 16));
  auto decoded = decode_image(png.substr(0, png.size() - 12), "a.png");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_NE(decoded.diagnostics[0].message.find("before the IEND chunk"), std::string::npos);
}

TEST(ImageDecode, JpegWithGarbageScanIsAnErrorOrAnImageNeverACrash) {
  std::string jpeg = jpeg_of(gradient(64, 64));
  std::size_t scan = jpeg.find("\xFF\xDA");
  ASSERT_NE(scan, std::string::npos);
  std::mt19937 random(3);
  for (std::size_t i = scan + 20; i < jpeg.size() - 2; ++i) jpeg[i] = static_cast<char>(random());
  auto decoded = decode_image(jpeg, "photo.jpg");
  if (!decoded.ok()) {
    ASSERT_FALSE(decoded.diagnostics.empty());
    EXPECT_EQ(decoded.diagnostics[0].file, "photo.jpg");
  } else {
    EXPECT_EQ(decoded.image->width, 64);
  }
}

TEST(ImageDecode, JpegCutAfterTheHeaderIsACorruptDecode) {
  std::string jpeg = jpeg_of(gradient(64, 64));
  std::size_t scan = jpeg.find("\xFF\xDA");
  auto decoded = decode_image(jpeg.substr(0, scan), "photo.jpg");
  EXPECT_FALSE(decoded.ok());
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].file, "photo.jpg");
}

TEST(ImageDecode, RandomBytesAfterAPngSignatureNeverCrash) {
  std::mt19937 random(11);
  for (int round = 0; round < 200; ++round) {
    std::string bytes("\x89PNG\r\n\x1a\n", 8);
    std::size_t size = random() % 200;
    for (std::size_t i = 0; i < size; ++i) bytes += static_cast<char>(random());
    auto decoded = decode_image(bytes, "fuzz.png");
    EXPECT_FALSE(decoded.ok());
    EXPECT_TRUE(base::has_errors(decoded.diagnostics));
  }
}

TEST(ImageDecode, WarnsAboveTheMaximumAndSaysWhatHappens) {
  auto decoded = decode_image(png_of(gradient(1100, 10)), "big.png", ImageLimits{}, true);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(rendered(decoded.diagnostics),
            "big.png: warning[ASSET0007]: image is 1100x10, larger than the maximum of 1024 px: it will be downscaled\n");
}

TEST(ImageDecode, WarnsAtEightPixelsOrLess) {
  auto decoded = decode_image(png_of(gradient(8, 40)), "tiny.png");
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "ASSET0008");
  EXPECT_EQ(decoded.diagnostics[0].severity, base::Severity::warning);
  EXPECT_TRUE(decode_image(png_of(gradient(9, 9)), "ok.png").diagnostics.empty());
}

}  // namespace
}  // namespace rbxpipe::assets
