#include <gtest/gtest.h>

#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

class EmulatorAssetVersions : public EmulatorTest {
 protected:
  httplib::Result patch(const std::string& path, const Form& form) const {
    return client().Patch(path, httplib::Headers{{"x-api-key", "emulator-key"}}, form.body, form.content_type);
  }

  // A Model with `versions` versions whose content is "<roblox!v1", "<roblox!v2", ...
  std::string model_with_versions(int versions) {
    std::string id = std::to_string(create_asset("Model", "Volcano", "<roblox!v1", "model/x-rbxm"));
    for (int n = 2; n <= versions; ++n) {
      Form form = multipart({{"request", Json{{"assetId", id}}.dump(), "application/json", ""},
                             {"fileContent", "<roblox!v" + std::to_string(n), "model/x-rbxm", "model.rbxm"}});
      auto updated = patch("/assets/v1/assets/" + id, form);
      EXPECT_TRUE(updated && updated->status == 200) << (updated ? updated->body : "no response");
    }
    return id;
  }
};

TEST_F(EmulatorAssetVersions, ModelContentUpdateAddsARevision) {
  start();
  std::string id = model_with_versions(2);
  EXPECT_EQ(emulator->asset(std::stoll(id))->revision, 2);
  EXPECT_EQ(emulator->asset_content(std::stoll(id)), "<roblox!v2");
  EXPECT_EQ(emulator->asset_content(std::stoll(id), 1), "<roblox!v1");
  EXPECT_EQ(body_json(get("/assets/v1/assets/" + id))["revisionId"], "2");
}

TEST_F(EmulatorAssetVersions, OnlyModelsMayChangeContent) {
  start();
  std::string id = std::to_string(create_asset("Image", "Lava", png(8, 8), "image/png"));
  Form form = multipart({{"request", Json{{"assetId", id}}.dump(), "application/json", ""},
                         {"fileContent", png(9, 9), "image/png", "lava.png"}});
  auto refused = patch("/assets/v1/assets/" + id, form);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(emulator->asset(std::stoll(id))->revision, 1);
}

TEST_F(EmulatorAssetVersions, MetadataUpdateFollowsUpdateMaskAndChecksTheAssetId) {
  start();
  std::string id = std::to_string(create_asset("Image", "Lava", png(8, 8), "image/png"));
  Json meta{{"assetId", id}, {"displayName", "Magma"}, {"description", "ignored: not in the mask"}};
  auto updated = patch("/assets/v1/assets/" + id + "?updateMask=displayName",
                       multipart({{"request", meta.dump(), "application/json", ""}}));
  ASSERT_TRUE(updated);
  ASSERT_EQ(updated->status, 200) << updated->body;
  Json operation = body_json(updated);
  EXPECT_EQ(operation["done"], true);
  EXPECT_EQ(operation["response"]["displayName"], "Magma");
  EXPECT_EQ(operation["response"]["description"], "made by a test");

  meta["assetId"] = "5";
  Form mismatched = multipart({{"request", meta.dump(), "application/json", ""}});
  EXPECT_EQ(patch("/assets/v1/assets/" + id, mismatched)->status, 400);
  EXPECT_EQ(patch("/assets/v1/assets/" + id + "?updateMask=price",
                  multipart({{"request", Json{{"assetId", id}}.dump(), "application/json", ""}}))->status,
            400);
}

TEST_F(EmulatorAssetVersions, AtMostThreeSocialLinks) {
  start();
  std::string id = std::to_string(create_asset("Model", "Volcano", "<roblox!", "model/x-rbxm"));
  Json link{{"title", "t"}, {"uri", "https://example.com"}};
  Json meta{{"assetId", id}, {"githubSocialLink", link}, {"discordSocialLink", link}, {"robloxSocialLink", link},
            {"twitchSocialLink", link}};
  auto refused = patch("/assets/v1/assets/" + id, multipart({{"request", meta.dump(), "application/json", ""}}));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(body_json(refused)["message"], "An asset may have at most 3 social links.");
}

TEST_F(EmulatorAssetVersions, ListIsNewestFirstAndPaginates) {
  start();
  std::string id = model_with_versions(3);
  Json page = body_json(get("/assets/v1/assets/" + id + "/versions?maxPageSize=2"));
  ASSERT_EQ(page["assetVersions"].size(), 2u);
  EXPECT_EQ(page["assetVersions"][0]["path"], "assets/" + id + "/versions/3");
  EXPECT_EQ(page["assetVersions"][1]["path"], "assets/" + id + "/versions/2");
  std::string token = page["nextPageToken"];
  ASSERT_FALSE(token.empty());
  Json last = body_json(get("/assets/v1/assets/" + id + "/versions?maxPageSize=2&pageToken=" + token));
  ASSERT_EQ(last["assetVersions"].size(), 1u);
  EXPECT_EQ(last["assetVersions"][0]["path"], "assets/" + id + "/versions/1");
  EXPECT_EQ(last["nextPageToken"], "");
  EXPECT_EQ(get("/assets/v1/assets/" + id + "/versions?maxPageSize=3&pageToken=" + token)->status, 400);
  EXPECT_EQ(get("/assets/v1/assets/" + id + "/versions?maxPageSize=51")->status, 400);
  EXPECT_EQ(body_json(get("/assets/v1/assets/" + id + "/versions"))["assetVersions"].size(), 3u);
}

TEST_F(EmulatorAssetVersions, GetVersionAnswersTheVersionOr404) {
  start();
  std::string id = model_with_versions(2);
  Json version = body_json(get("/assets/v1/assets/" + id + "/versions/1"));
  EXPECT_EQ(version["path"], "assets/" + id + "/versions/1");
  EXPECT_EQ(version["moderationResult"]["moderationState"], "MODERATION_STATE_APPROVED");
  EXPECT_EQ(version["creationContext"]["creator"]["groupId"], "1");
  EXPECT_EQ(get("/assets/v1/assets/" + id + "/versions/7")->status, 404);
}

TEST_F(EmulatorAssetVersions, RollbackAddsAHeadWithTheOldContentFromMultipartOrJson) {
  start();
  std::string id = model_with_versions(2);
  Form form = multipart({{"assetVersion", "assets/" + id + "/versions/1", "", ""}});
  auto rolled = post("/assets/v1/assets/" + id + "/versions:rollback", form.body, form.content_type);
  ASSERT_TRUE(rolled);
  ASSERT_EQ(rolled->status, 200) << rolled->body;
  EXPECT_EQ(body_json(rolled)["path"], "assets/" + id + "/versions/3");
  EXPECT_EQ(emulator->asset_content(std::stoll(id)), "<roblox!v1");

  auto again = post_json("/assets/v1/assets/" + id + "/versions:rollback",
                         Json{{"assetVersion", "assets/" + id + "/versions/2"}});
  EXPECT_EQ(body_json(again)["path"], "assets/" + id + "/versions/4");
  EXPECT_EQ(emulator->asset_content(std::stoll(id)), "<roblox!v2");

  const std::string path = "/assets/v1/assets/" + id + "/versions:rollback";
  EXPECT_EQ(post_json(path, Json{{"assetVersion", "assets/9/versions/1"}})->status, 400);
  EXPECT_EQ(post_json(path, Json{{"assetVersion", "assets/" + id + "/versions/9"}})->status, 404);
  EXPECT_EQ(post_json(path, Json{{"version", 1}})->status, 400);
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
