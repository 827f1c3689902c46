#include "bundle/release_manifest.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/sha256.h"
#include "bundle/bundle_path.h"
#include "tests/unit/bundle/archive_builders.h"

namespace rbxpipe::bundle {
namespace {

ReleaseManifest small_manifest() {
  ReleaseManifest manifest;
  manifest.name = "volcano";
  manifest.version = "1.2.0";
  manifest.tenant = "local";
  manifest.created_by = "ana";
  manifest.input_hash = std::string(64, 'b');
  manifest.files.push_back(BundleFile{"place.rbxl", std::string(64, 'c'), 12, FileRole::place});
  manifest.files.push_back(BundleFile{"assets/a.png", std::string(64, 'd'), 3, FileRole::asset});
  manifest.assets.push_back(BundleAsset{"assets/images/a.png", "image", std::string(64, 'e'), "assets/a.png",
                                        "image/png", SpriteInfo{1, 2, 3, 4}});
  return manifest;
}

std::string decode_error(const std::string& json) {
  auto decoded = decode_manifest(json);
  return decoded ? std::string("decoded") : decoded.error().to_string();
}

TEST(ReleaseManifest, EncodesCompactJsonWithSortedKeysAndSortedLists) {
  const std::string c64(64, 'c');
  EXPECT_EQ(encode_manifest(small_manifest()),
            "{\"assets\":[{\"content_hash\":\"" + std::string(64, 'e') +
                "\",\"file\":\"assets/a.png\",\"input\":\"assets/images/a.png\",\"kind\":\"image\",\"mime\":"
                "\"image/png\",\"sprite\":{\"height\":4,\"width\":3,\"x\":1,\"y\":2}}],\"created_by\":\"ana\","
                "\"files\":[{\"path\":\"assets/a.png\",\"role\":\"asset\",\"sha256\":\"" +
                std::string(64, 'd') + "\",\"size\":3},{\"path\":\"place.rbxl\",\"role\":\"place\",\"sha256\":\"" +
                c64 + "\",\"size\":12}],\"format_version\":1,\"input_hash\":\"" + std::string(64, 'b') +
                "\",\"name\":\"volcano\",\"tenant\":\"local\",\"version\":\"1.2.0\"}\n");
}

TEST(ReleaseManifest, EncodingDoesNotDependOnListOrder) {
  ReleaseManifest reversed = testing::sample_contents().manifest;
  std::reverse(reversed.files.begin(), reversed.files.end());
  std::reverse(reversed.assets.begin(), reversed.assets.end());
  EXPECT_EQ(encode_manifest(reversed), encode_manifest(testing::sample_contents().manifest));
  EXPECT_EQ(artifact_hash(reversed), artifact_hash(testing::sample_contents().manifest));
}

TEST(ReleaseManifest, DecodeReturnsWhatWasEncoded) {
  const ReleaseManifest manifest = testing::sample_contents().manifest;
  auto decoded = decode_manifest(encode_manifest(manifest));
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(encode_manifest(*decoded), encode_manifest(manifest));
  ASSERT_TRUE(decoded->git.has_value());
  EXPECT_TRUE(decoded->git->dirty);
  EXPECT_EQ(decoded->assets.size(), 2u);
}

TEST(ReleaseManifest, ReleaseIdIsNameVersionAndTwelveHexOfTheCanonicalHash) {
  const ReleaseManifest manifest = small_manifest();
  const std::string hash = base::sha256_hex(encode_manifest(manifest));
  EXPECT_EQ(artifact_hash(manifest), hash);
  EXPECT_EQ(release_id(manifest), "volcano@1.2.0+" + hash.substr(0, 12));
}

TEST(ReleaseManifest, HashIgnoresFormattingOfTheStoredJson) {
  const ReleaseManifest manifest = small_manifest();
  std::string pretty = encode_manifest(manifest);
  pretty.insert(1, "\n  ");
  auto decoded = decode_manifest(pretty);
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(release_id(*decoded), release_id(manifest));
}

TEST(ReleaseManifest, AnyChangeChangesTheReleaseId) {
  ReleaseManifest changed = small_manifest();
  changed.files[0].sha256 = std::string(64, 'f');
  EXPECT_NE(release_id(changed), release_id(small_manifest()));
}

TEST(ReleaseManifest, DecodeNamesTheOffendingMember) {
  std::string json = encode_manifest(small_manifest());
  EXPECT_EQ(decode_error("[]"), "release.json: top level: expected an object");
  EXPECT_EQ(decode_error("{\"format_version\":2}"),
            "release.json: format_version: unsupported version 2 (this rbxpipe reads 1)");
  std::string unknown = json;
  unknown.insert(1, "\"extra\":1,");
  EXPECT_EQ(decode_error(unknown), "release.json: extra: unknown member");
  std::string wrong_size = json;
  wrong_size.replace(wrong_size.find("\"size\":3"), 8, "\"size\":-3");
  EXPECT_EQ(decode_error(wrong_size), "release.json: files[0].size: expected a whole number of at least 0");
  std::string bad_role = json;
  bad_role.replace(bad_role.find("\"asset\""), 7, "\"script\"");
  EXPECT_EQ(decode_error(bad_role),
            "release.json: files[0].role: expected place, model, asset or metadata, got 'script'");
  std::string bad_hash = json;
  bad_hash.replace(bad_hash.find(std::string(64, 'd')), 64, "D" + std::string(63, 'd'));
  EXPECT_EQ(decode_error(bad_hash), "release.json: files[0].sha256: expected 64 lower-case hex digits, got 'D" +
                                        std::string(63, 'd') + "'");
  std::string missing = json;
  missing.replace(missing.find("\"tenant\":\"local\","), 17, "");
  EXPECT_EQ(decode_error(missing), "release.json: tenant: missing");
  EXPECT_EQ(decode_error("{\"format_version\":1,"),
            "release.json is not valid JSON: parse error at line 1, column 21: syntax error while parsing object "
            "key - unexpected end of input; expected string literal");
  EXPECT_EQ(decode_error("{\"format_version\":115e1807}"),
            "release.json is not valid JSON: number overflow parsing '115e1807'");
}

TEST(ReleaseManifest, ValidateRefusesUnsafeOrInconsistentFiles) {
  ReleaseManifest manifest = small_manifest();
  manifest.files[1].path = "../place.rbxl";
  EXPECT_EQ(validate_manifest(manifest).error().message(),
            "files[1].path: '../place.rbxl' has a '..' component (it would leave the bundle)");
  manifest = small_manifest();
  manifest.files.push_back(BundleFile{"place.rbxl/inner", std::string(64, 'c'), 1, FileRole::metadata});
  EXPECT_EQ(validate_manifest(manifest).error().message(),
            "files: 'place.rbxl/inner' lies inside the file 'place.rbxl'");
  manifest = small_manifest();
  manifest.files.push_back(manifest.files[0]);
  EXPECT_EQ(validate_manifest(manifest).error().message(), "files[2].path: 'place.rbxl' is listed twice");
  manifest = small_manifest();
  manifest.assets[0].file = "place.rbxl";
  EXPECT_EQ(validate_manifest(manifest).error().message(),
            "assets[0].file: 'place.rbxl' is listed with role place, not asset");
  manifest = small_manifest();
  manifest.files[0].path = "release.json";
  EXPECT_EQ(validate_manifest(manifest).error().message(), "files[0].path: release.json cannot list itself");
  manifest = small_manifest();
  manifest.name = "Volcano";
  EXPECT_EQ(validate_manifest(manifest).error().code(), base::ErrorCode::invalid_input);
  manifest = small_manifest();
  manifest.git = GitInfo{"abc", false};
  EXPECT_EQ(validate_manifest(manifest).error().message(),
            "git.commit: expected 40 or 64 lower-case hex digits, got 'abc'");
  EXPECT_TRUE(validate_manifest(small_manifest()).ok());
}

TEST(BundlePath, AcceptsRelativeForwardSlashPaths) {
  EXPECT_TRUE(check_bundle_path("place.rbxl").ok());
  EXPECT_TRUE(check_bundle_path("assets/images/é lava.png").ok());
  EXPECT_TRUE(check_bundle_path("a/.hidden/b..c").ok());
}

TEST(BundlePath, RefusesPathsThatCouldLeaveTheBundle) {
  const auto why = [](std::string_view path) { return check_bundle_path(path).error().message(); };
  EXPECT_EQ(why(""), "'' is empty");
  EXPECT_EQ(why("/etc/passwd"), "'/etc/passwd' is absolute");
  EXPECT_EQ(why("a/../../b"), "'a/../../b' has a '..' component (it would leave the bundle)");
  EXPECT_EQ(why("..\\evil"), "'..\\evil' contains a backslash");
  EXPECT_EQ(why("C:/evil"), "'C:/evil' contains a colon (drive letter or stream name)");
  EXPECT_EQ(why("a//b"), "'a//b' has an empty component");
  EXPECT_EQ(why("a/./b"), "'a/./b' has a '.' component");
  EXPECT_EQ(why("dir/"), "'dir/' has an empty component");
  EXPECT_EQ(why(std::string_view("a\nb")), "'a\\x0ab' contains a control character");
  EXPECT_EQ(why("bad\xff"), "'bad\\xff' is not valid UTF-8");
  EXPECT_EQ(why(std::string(300, 'x')), "'" + std::string(300, 'x') + "' has a component longer than 255 bytes");
}

}  // namespace
}  // namespace rbxpipe::bundle
