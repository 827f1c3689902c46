#include <gtest/gtest.h>

#include "cloud/emulator/file_sniff.h"
#include "cloud/emulator/multipart.h"
#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator {
namespace {

TEST(EmulatorMultipart, ReadsQuotedBoundariesNamesAndBinaryParts) {
  auto boundary = multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"");
  ASSERT_TRUE(boundary);
  EXPECT_EQ(*boundary, "a b");
  std::string binary("\0\r\n--a\x01", 7);
  std::string body = "preamble\r\n--a b\r\ncontent-disposition: form-data; name=\"request\"\r\n\r\n{\"x\":1}\r\n"
                     "--a b\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"a \\\"q\\\".png\"\r\n"
                     "CONTENT-TYPE: image/png\r\n\r\n" + binary + "\r\n--a b--\r\n";
  auto parts = parse_multipart(body, "a b");
  ASSERT_TRUE(parts) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "request");
  EXPECT_EQ((*parts)[0].body, "{\"x\":1}");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[1].filename, "a \"q\".png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].body, binary);
}

TEST(EmulatorMultipart, AcceptsBareLineFeeds) {
  auto parts = parse_multipart("--b\nContent-Disposition: form-data; name=x\n\nvalue\n--b--\n", "b");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "x");
  EXPECT_EQ((*parts)[0].body, "value");
}

TEST(EmulatorMultipart, RejectsMissingBoundariesAndNamelessParts) {
  EXPECT_FALSE(parse_multipart("no parts here", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nnever closed", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
}

TEST(EmulatorFileSniff, ReadsImageDimensionsFromHeaders) {
  auto png = image_size("image/png", testing::png(640, 480));
  ASSERT_TRUE(png);
  EXPECT_EQ(png->width, 640);
  EXPECT_EQ(png->height, 480);
  // JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 200.
  std::string jpeg("\xFF\xD8\xFF\xE0\x00\x04..\xFF\xC0\x00\x11\x08\x01\x2C\x00\xC8\x03", 19);
  auto jpeg_size = image_size("image/jpeg", jpeg);
  ASSERT_TRUE(jpeg_size);
  EXPECT_EQ(jpeg_size->width, 200);
  EXPECT_EQ(jpeg_size->height, 300);
  std::string bmp = "BM" + std::string(16, '\0');
  bmp += std::string("\x20\x00\x00\x00", 4) + std::string("\xF0\xFF\xFF\xFF", 4);  // 32 wide, -16 (top-down)
  auto bmp_size = image_size("image/bmp", bmp);
  ASSERT_TRUE(bmp_size);
  EXPECT_EQ(bmp_size->width, 32);
  EXPECT_EQ(bmp_size->height, 16);
  std::string tga(18, '\0');
  tga[2] = 2;
  tga[12] = 0x40;
  tga[13] = 0x1F;  // 8000
  tga[14] = 1;
  tga[16] = 32;
  EXPECT_TRUE(magic_matches("image/tga", tga));
  EXPECT_EQ(image_size("image/tga", tga)->width, 8000);
}

TEST(EmulatorFileSniff, MimeTypesFollowTheAssetTypeTable) {
  EXPECT_TRUE(mime_allowed("Model", "model/gltf-binary"));
  EXPECT_TRUE(mime_allowed("Animation", "model/x-rbxm"));
  EXPECT_FALSE(mime_allowed("Animation", "model/fbx"));
  EXPECT_FALSE(mime_allowed("Image", "image/gif"));
  EXPECT_TRUE(magic_matches("audio/wav", std::string("RIFF\x24\0\0\0WAVEfmt ", 16)));
  EXPECT_FALSE(magic_matches("audio/wav", "RIFF"));
  EXPECT_TRUE(magic_matches("audio/mpeg", "ID3\x04"));
  EXPECT_TRUE(magic_matches("model/gltf+json", "  {\"asset\":{}}"));
  EXPECT_FALSE(magic_matches("video/mp4", "ftyp"));
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator
