#include <gtest/gtest.h>

#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

using namespace std::chrono_literals;

class EmulatorAssets : public EmulatorTest {};

std::string message_of(const httplib::Result& result) { return body_json(result).value("message", std::string()); }

TEST_F(EmulatorAssets, CreateAnswersAnOperationThatFinishesWithTheAsset) {
  start();
  auto created = upload(create_meta("Image", "Lava"), png(64, 64), "image/png");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  Json operation = body_json(created);
  std::string id = operation["operationId"];
  EXPECT_EQ(operation["path"], "operations/" + id);
  EXPECT_EQ(operation["done"], false);
  EXPECT_EQ(id.size(), 36u);

  Json first = body_json(get("/assets/v1/operations/" + id));
  EXPECT_EQ(first, (Json{{"path", "operations/" + id}, {"done", false}}));
  Json done = body_json(get("/assets/v1/operations/" + id));
  ASSERT_EQ(done["done"], true);
  const Json& asset = done["response"];
  EXPECT_EQ(asset["@type"], "type.googleapis.com/roblox.open_cloud.assets.v1.Asset");
  EXPECT_EQ(asset["assetId"], "1000001");
  EXPECT_EQ(asset["revisionId"], "1");
  EXPECT_EQ(asset["assetType"], "ASSET_TYPE_IMAGE");
  EXPECT_EQ(asset["creationContext"], (Json{{"creator", {{"groupId", "1"}}}}));
  EXPECT_EQ(asset["moderationResult"]["moderationState"], "MODERATION_STATE_APPROVED");
  EXPECT_EQ(asset["revisionCreateTime"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(emulator->asset_content(1000001), png(64, 64));
}

TEST_F(EmulatorAssets, CreatorIdMayBeANumberAndUserOfTheKey) {
  start();
  auto created = upload(create_meta("Audio", "Rumble", Json{{"userId", 1}}), "OggS-audio", "audio/ogg");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 200) << created->body;
}

TEST_F(EmulatorAssets, CreateValidatesTypeMimeMagicAndMetadata) {
  start();
  EXPECT_EQ(message_of(upload(create_meta("Sprite", "x"), png(8, 8), "image/png")),
            "assetType must be one of Image, Decal, Audio, Model, Animation, Video, Mesh.");
  EXPECT_EQ(message_of(upload(create_meta("Image", "x"), png(8, 8), "audio/ogg")),
            "Image assets cannot be made from 'audio/ogg' content.");
  EXPECT_EQ(message_of(upload(create_meta("Image", "x"), "GIF89a....", "image/png")),
            "The file content is not valid image/png.");
  EXPECT_EQ(message_of(upload(create_meta("Image", ""), png(8, 8), "image/png")), "displayName is required.");
  Json long_description = create_meta("Image", "x");
  long_description["description"] = std::string(1001, 'a');
  auto rejected = upload(long_description, png(8, 8), "image/png");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 400);
  EXPECT_EQ(body_json(rejected)["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(message_of(rejected), "description must be at most 1000 characters.");
  Json two_creators = create_meta("Image", "x", Json{{"userId", "1"}, {"groupId", "1"}});
  EXPECT_EQ(message_of(upload(two_creators, png(8, 8), "image/png")),
            "creationContext.creator must hold exactly one of userId and groupId.");
  EXPECT_TRUE(emulator->assets().empty());
}

TEST_F(EmulatorAssets, CreateForACreatorTheKeyCannotActForIsForbidden) {
  start();
  auto denied = upload(create_meta("Image", "x", Json{{"groupId", "99"}}), png(8, 8), "image/png");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(body_json(denied)["code"], "PERMISSION_DENIED");
}

TEST_F(EmulatorAssets, ImagesMustBeSmallerThan8000Pixels) {
  start();
  auto rejected = upload(create_meta("Image", "huge"), png(8000, 10), "image/png");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 400);
  EXPECT_EQ(message_of(rejected), "Image dimensions must be smaller than 8000x8000 pixels (got 8000x10).");
  EXPECT_EQ(upload(create_meta("Image", "big"), png(7999, 7999), "image/png")->status, 200);
}

TEST_F(EmulatorAssets, VideoUploadsNeedAnExpectedPriceCoveringTheirPrice) {
  start();
  std::string mp4("\0\0\0\x18" "ftypmp42", 12);
  auto rejected = upload(create_meta("Video", "Intro"), mp4, "video/mp4");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 400);
  EXPECT_EQ(message_of(rejected), "The price of this upload (2000 Robux) is higher than expectedPrice (0).");
  Json priced = create_meta("Video", "Intro");
  priced["creationContext"]["expectedPrice"] = 2000;
  EXPECT_EQ(upload(priced, mp4, "video/mp4")->status, 200);
}

TEST_F(EmulatorAssets, ModeratedWordsAndCorruptFilesAreRejected) {
  start(R"({"assets": {"moderated_words": ["Lava"], "corrupt_marker": "BROKEN"}})");
  EXPECT_EQ(message_of(upload(create_meta("Image", "hot lava"), png(8, 8), "image/png")), "AssetName is moderated.");
  Json described = create_meta("Image", "fine");
  described["description"] = "LAVA everywhere";
  EXPECT_EQ(message_of(upload(described, png(8, 8), "image/png")), "AssetDescription is moderated.");
  EXPECT_EQ(message_of(upload(create_meta("Image", "fine"), png(8, 8) + "BROKEN", "image/png")), "\"InvalidImage\"");
}

TEST_F(EmulatorAssets, FilesOverTheUploadLimitGetTheBodyTooLargeMessage) {
  start(R"({"assets": {"max_upload_bytes": 100}})");
  auto rejected = upload(create_meta("Image", "big"), png(8, 8) + std::string(100, 'x'), "image/png");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 400);
  EXPECT_EQ(message_of(rejected),
            "Failed to read the request form. Request body too large. The max request body size is 30000000 bytes.");
}

TEST_F(EmulatorAssets, TheSameBytesUploadedTwiceMakeTwoAssets) {
  start();
  auto first = create_asset("Image", "Lava", png(16, 16), "image/png");
  auto second = create_asset("Image", "Lava", png(16, 16), "image/png");
  EXPECT_EQ(first, 1000001);
  EXPECT_EQ(second, 1000002);
  EXPECT_EQ(emulator->assets().size(), 2u);
}

TEST_F(EmulatorAssets, AudioQuotaRunsOutAndTheQuotaEndpointShowsIt) {
  start(R"({"assets": {"quotas": [{"asset_type": "Audio", "capacity": 2, "usage": 1}]}})");
  EXPECT_EQ(upload(create_meta("Audio", "a"), "OggS1", "audio/ogg")->status, 200);
  auto refused = upload(create_meta("Audio", "b"), "OggS2", "audio/ogg");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  Json quotas = body_json(get("/cloud/v2/users/1/asset-quotas?filter="
                              "quotaType%20%3D%3D%20RateLimitUpload%20%26%26%20assetType%20%3D%3D%20Audio"));
  ASSERT_EQ(quotas["assetQuotas"].size(), 1u) << quotas.dump();
  const Json& audio = quotas["assetQuotas"][0];
  EXPECT_EQ(audio["quotaType"], "RATE_LIMIT_UPLOAD");
  EXPECT_EQ(audio["assetType"], "AUDIO");
  EXPECT_EQ(audio["usage"], 2);
  EXPECT_EQ(audio["capacity"], 2);
  EXPECT_EQ(audio["period"], "MONTH");
  EXPECT_EQ(audio["usageResetTime"], "2026-01-31T00:00:00.000Z");
  EXPECT_EQ(get("/cloud/v2/users/1/asset-quotas?filter=assetType%20~%20Audio")->status, 400);
  EXPECT_EQ(get("/cloud/v2/users/2/asset-quotas")->status, 403);
}

TEST_F(EmulatorAssets, GetHonoursReadMaskAndRejectsUnknownFields) {
  start();
  create_asset("Decal", "Sign", png(4, 4), "image/png");
  Json masked = body_json(get("/assets/v1/assets/1000001?readMask=displayName%2CassetType"));
  EXPECT_EQ(masked, (Json{{"displayName", "Sign"}, {"assetType", "ASSET_TYPE_DECAL"}}));
  auto bad = get("/assets/v1/assets/1000001?readMask=displayName,colour");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(get("/assets/v1/assets/42")->status, 404);
}

TEST_F(EmulatorAssets, NonNumericAssetIdGetsAValidationProblem) {
  start();
  auto problem = get("/assets/v1/assets/abc");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->status, 400);
  Json body = body_json(problem);
  EXPECT_EQ(body["errors"]["assetId"][0], "The value 'abc' is not valid.");
  EXPECT_EQ(body["title"], "One or more validation errors occurred.");
}

TEST_F(EmulatorAssets, OperationCanOmitDoneWhileRunning) {
  start(R"({"assets": {"operation": {"polls_before_done": 2, "omit_done": true}}})");
  auto created = upload(create_meta("Image", "Lava"), png(8, 8), "image/png");
  Json started = body_json(created);
  EXPECT_FALSE(started.contains("done"));
  std::string path = "/assets/v1/operations/" + started["operationId"].get<std::string>();
  EXPECT_FALSE(body_json(get(path)).contains("done"));
  EXPECT_FALSE(body_json(get(path)).contains("done"));
  EXPECT_EQ(body_json(get(path))["done"], true);
}

TEST_F(EmulatorAssets, OperationWaitsForItsSecondsOnTheClock) {
  start(R"({"assets": {"operation": {"polls_before_done": 0, "seconds_before_done": 5}}})");
  std::string id = body_json(upload(create_meta("Image", "Lava"), png(8, 8), "image/png"))["operationId"];
  EXPECT_EQ(body_json(get("/assets/v1/operations/" + id))["done"], false);
  clock.advance(5s);
  EXPECT_EQ(body_json(get("/assets/v1/operations/" + id))["done"], true);
}

TEST_F(EmulatorAssets, RuleMakesTheOperationFailWithAnError) {
  start(R"({"assets": {"rules": [{"name_contains": "broken",
            "operation": {"polls_before_done": 0, "error": {"code": 3, "message": "InvalidImage"}}}]}})");
  std::string id = body_json(upload(create_meta("Image", "broken lava"), png(8, 8), "image/png"))["operationId"];
  Json operation = body_json(get("/assets/v1/operations/" + id));
  EXPECT_EQ(operation["done"], true);
  EXPECT_EQ(operation["error"]["code"], 3);
  EXPECT_EQ(operation["error"]["message"], "InvalidImage");
  EXPECT_FALSE(operation.contains("response"));
  EXPECT_TRUE(emulator->assets().empty());
  EXPECT_EQ(get("/assets/v1/operations/not-an-operation")->status, 404);
}

TEST_F(EmulatorAssets, ModerationReviewsThenRejectsAfterItsSeconds) {
  start(R"({"assets": {"rules": [{"name_contains": "rude", "moderation": {"state": "Rejected", "seconds": 30}}]}})");
  auto id = create_asset("Image", "rude sign", png(8, 8), "image/png");
  auto state = [&] {
    return body_json(get("/assets/v1/assets/" + std::to_string(id)))["moderationResult"]["moderationState"];
  };
  EXPECT_EQ(state(), "MODERATION_STATE_REVIEWING");
  clock.advance(29s);
  EXPECT_EQ(state(), "MODERATION_STATE_REVIEWING");
  clock.advance(1s);
  EXPECT_EQ(state(), "MODERATION_STATE_REJECTED");
  EXPECT_EQ(emulator->asset(id)->moderation_state, "Rejected");
}

TEST_F(EmulatorAssets, PascalCaseStylesAreSwitchable) {
  start(R"({"assets": {"asset_type_style": "pascal", "moderation_state_style": "short"}})");
  auto id = create_asset("Model", "Volcano", "<roblox!binary", "model/x-rbxm");
  Json asset = body_json(get("/assets/v1/assets/" + std::to_string(id)));
  EXPECT_EQ(asset["assetType"], "Model");
  EXPECT_EQ(asset["moderationResult"]["moderationState"], "Approved");
  EXPECT_EQ(asset["state"], "Active");
}

TEST_F(EmulatorAssets, ArchiveAndRestoreSwitchTheState) {
  start();
  auto id = std::to_string(create_asset("Image", "Lava", png(8, 8), "image/png"));
  auto archived = post("/assets/v1/assets/" + id + ":archive", "", "application/json");
  ASSERT_TRUE(archived);
  EXPECT_EQ(body_json(archived)["state"], "Archived");
  EXPECT_TRUE(emulator->asset(std::stoll(id))->archived);
  EXPECT_EQ(body_json(post("/assets/v1/assets/" + id + ":restore", "", "application/json"))["state"], "Active");
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
