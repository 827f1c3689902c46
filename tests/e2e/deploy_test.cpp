// The deploy loop end to end: the real binary against the emulator on 127.0.0.1.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "base/sha256.h"
#include "deploy/deploy_lock.h"
#include "deploy/deploy_state.h"
#include "platform/store/state_store.h"
#include "rbx/files/model_file.h"
#include "rbx/types/variant.h"
#include "tests/e2e/deploy_fixture.h"

namespace rbxpipe::testing {
namespace {

using nlohmann::json;

json parse_json(const ProcessResult& result) {
  auto document = json::parse(result.out, nullptr, false);
  EXPECT_FALSE(document.is_discarded()) << result.out << result.err;
  return document;
}

std::size_t published_versions(cloud::emulator::Emulator& emulator, std::int64_t place) {
  std::size_t count = 0;
  for (const auto& version : emulator.place_versions(place)) count += version.published ? 1 : 0;
  return count;
}

TEST(Deploy, FirstDeployUploadsEveryAssetPublishesAndRecordsTheRelease) {
  DeployFixture fixture;
  auto result = fixture.run({"deploy", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json report = parse_json(result);
  EXPECT_EQ(report["status"], "succeeded");
  EXPECT_EQ(report["uploads"], json::array({"assets/audio/rumble.wav", "assets/images/lava.png"}));
  EXPECT_TRUE(report["published"].get<bool>());
  EXPECT_EQ(fixture.emulator().assets().size(), 2u);
  EXPECT_EQ(fixture.emulator().live_place_sha256(1), report["place_sha256"].get<std::string>());
  EXPECT_EQ(fixture.emulator().live_place_version(1), report["published_version"].get<int>());
  EXPECT_EQ(fixture.emulator().restart_calls().size(), 1u);
  // The live place names the uploaded ids in its Assets module.
  auto place = fixture.emulator().place_content(1);
  ASSERT_TRUE(place.has_value());
  auto dom = rbx::files::decode_model(*place, rbx::files::FileKind::binary_place);
  ASSERT_TRUE(dom.ok());
  auto storage = dom->find_child(dom->root(), "ReplicatedStorage");
  auto module = dom->find_child(storage, "Assets");
  ASSERT_NE(module, rbx::dom::k_null_instance);
  const auto& source = std::get<rbx::types::ProtectedString>(dom->get(module).properties.at("Source")).text;
  for (const auto& asset : fixture.emulator().assets()) {
    EXPECT_NE(source.find("rbxassetid://" + std::to_string(asset.id)), std::string::npos) << asset.display_name;
  }
  auto releases = fixture.run({"releases", "--json"});
  ASSERT_EQ(releases.exit_code, 0) << releases.err;
  json listed = parse_json(releases);
  ASSERT_EQ(listed["deployments"].size(), 1u);
  EXPECT_EQ(listed["deployments"][0]["status"], "succeeded");
  EXPECT_EQ(listed["releases"][0]["id"], report["release"]);
  EXPECT_TRUE(listed["releases"][0]["id"].get<std::string>().starts_with("volcano@1.0.0+"));
}

TEST(Deploy, ReleaseIdDependsOnTheSourcesNotOnWhereTheyAre) {
  DeployFixture fixture;
  auto here = fixture.run({"bundle"});
  auto by_path = fixture.run({"bundle", fixture.project().string()});
  ASSERT_EQ(here.exit_code, 0) << here.err;
  EXPECT_EQ(here.out, by_path.out);
  const auto moved = fixture.project().parent_path() / "moved";
  std::filesystem::rename(fixture.project(), moved);
  auto elsewhere = run_process({RBXPIPE_BINARY, "bundle", moved.string()}, moved.parent_path(), fixture.environment());
  EXPECT_EQ(elsewhere.out, here.out) << elsewhere.err;
  std::filesystem::rename(moved, fixture.project());
}

TEST(Deploy, NoChangeRedeployUploadsNothingAndPublishesNothing) {
  DeployFixture fixture;
  ASSERT_EQ(fixture.run({"deploy"}).exit_code, 0);
  const auto versions = fixture.emulator().place_versions(1).size();
  const auto requests = fixture.emulator().request_log().size();
  auto again = fixture.run({"deploy", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  json report = parse_json(again);
  EXPECT_TRUE(report["uploads"].empty());
  EXPECT_FALSE(report["published"].get<bool>());
  EXPECT_EQ(fixture.emulator().place_versions(1).size(), versions);
  EXPECT_EQ(fixture.emulator().assets().size(), 2u);
  // Only the key check goes out.
  EXPECT_EQ(fixture.emulator().request_log().size() - requests, 1u);
  EXPECT_EQ(report["api_calls"], 1);
}

TEST(Deploy, OneChangedImageIsTheOnlyUpload) {
  DeployFixture fixture;
  ASSERT_EQ(fixture.run({"deploy"}).exit_code, 0);
  fixture.write_image("assets/images/lava.png", 32, 200);
  auto plan = fixture.run({"plan", "--json", "--exit-code"});
  EXPECT_EQ(plan.exit_code, 10) << plan.err;
  EXPECT_EQ(parse_json(plan)["uploads"], json::array({"assets/images/lava.png"}));
  auto result = fixture.run({"deploy", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json report = parse_json(result);
  EXPECT_EQ(report["uploads"], json::array({"assets/images/lava.png"}));
  EXPECT_EQ(report["reused"], json::array({"assets/audio/rumble.wav"}));
  EXPECT_EQ(fixture.emulator().assets().size(), 3u);
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 2u);
  auto unchanged = fixture.run({"plan", "--exit-code"});
  EXPECT_EQ(unchanged.exit_code, 0) << unchanged.out << unchanged.err;
}

TEST(Deploy, RollbackMakesTheOldReleasesPlaceLiveAgain) {
  DeployFixture fixture;
  auto first = fixture.run({"deploy", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string first_place = parse_json(first)["place_sha256"];
  const std::string first_release = parse_json(first)["release"];
  fixture.write_image("assets/images/lava.png", 32, 90);
  auto second = fixture.run({"deploy", "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ASSERT_NE(fixture.emulator().live_place_sha256(1), first_place);

  auto rollback = fixture.run({"rollback", "--env", "local", "--json"});
  ASSERT_EQ(rollback.exit_code, 0) << rollback.err;
  EXPECT_EQ(fixture.emulator().live_place_sha256(1), first_place);
  EXPECT_EQ(parse_json(rollback)["release"], first_release);
  EXPECT_EQ(fixture.emulator().assets().size(), 3u);  // nothing uploaded by a rollback

  auto releases = fixture.run({"releases", "--json"});
  json listed = parse_json(releases);
  ASSERT_EQ(listed["deployments"].size(), 3u);
  EXPECT_EQ(listed["deployments"][0]["kind"], "rollback");
  EXPECT_EQ(listed["deployments"][1]["status"], "rolled_back");
}

TEST(Deploy, RejectedAssetFailsBeforeAnythingIsPublished) {
  auto scenario = fast_scenario();
  scenario.assets.moderation.state = "Rejected";
  DeployFixture fixture(scenario);
  auto result = fixture.run({"deploy"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("moderation rejected"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("assets/images/lava.png"), std::string::npos) << result.err;
  EXPECT_TRUE(fixture.emulator().place_versions(1).empty());
}

void set_moderation_policy(const DeployFixture& fixture, const std::string& policy) {
  fixture.edit_config([&](std::string text) {
    const std::regex old_policy("\"moderation\": \\{[^}]*\\}");
    EXPECT_TRUE(std::regex_search(text, old_policy));
    return std::regex_replace(text, old_policy, "\"moderation\": " + policy);
  });
}

TEST(Deploy, AssetsUnderReviewAreWaitedForUntilApproved) {
  auto scenario = fast_scenario();
  scenario.assets.moderation.state = "Approved";
  scenario.assets.moderation.seconds = 2;
  DeployFixture fixture(scenario);
  auto result = fixture.run({"deploy", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 1u);
  std::size_t moderation_checks = 0;
  for (const auto& record : fixture.emulator().request_log()) moderation_checks += record.route == "assets.get";
  EXPECT_GE(moderation_checks, 2u);  // each Reviewing asset was looked at again
}

TEST(Deploy, ModerationTimeoutFailsOrProceedsAsTheEnvironmentSays) {
  auto scenario = fast_scenario();
  scenario.assets.moderation.state = "Reviewing";
  DeployFixture fixture(scenario);
  set_moderation_policy(fixture, "{ \"wait_s\": 1, \"on_timeout\": \"fail\" }");
  auto failed = fixture.run({"deploy"});
  EXPECT_NE(failed.exit_code, 0);
  EXPECT_NE(failed.err.find("still in moderation"), std::string::npos) << failed.err;
  EXPECT_TRUE(fixture.emulator().place_versions(1).empty());
  set_moderation_policy(fixture, "{ \"wait_s\": 1, \"on_timeout\": \"proceed\" }");
  auto proceeded = fixture.run({"deploy"});
  EXPECT_EQ(proceeded.exit_code, 0) << proceeded.err;
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 1u);
  EXPECT_EQ(fixture.emulator().assets().size(), 2u);  // the second run reused the first run's uploads
}

TEST(Deploy, FailedSmokeTestLeavesNothingPublished) {
  auto scenario = fast_scenario();
  scenario.luau.default_outcome.state = "FAILED";
  scenario.luau.default_outcome.error_code = "SCRIPT_ERROR";
  scenario.luau.default_outcome.error_message = "lesson data is missing";
  DeployFixture fixture(scenario);
  auto result = fixture.run({"deploy"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("smoke test failed"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("lesson data is missing"), std::string::npos) << result.err;
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 0u);
  EXPECT_EQ(fixture.emulator().place_versions(1).size(), 1u);  // the Saved one the test ran on
  EXPECT_FALSE(fixture.emulator().live_place_version(1).has_value());
  auto releases = fixture.run({"releases", "--json"});
  EXPECT_EQ(parse_json(releases)["deployments"][0]["status"], "failed");
}

TEST(Deploy, DryRunChecksTheKeyAndChangesNothing) {
  DeployFixture fixture;
  auto result = fixture.run({"deploy", "--dry-run", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json report = parse_json(result);
  EXPECT_TRUE(report["dry_run"].get<bool>());
  EXPECT_EQ(report["uploads"].size(), 2u);
  EXPECT_TRUE(fixture.emulator().assets().empty());
  EXPECT_TRUE(fixture.emulator().place_versions(1).empty());
}

TEST(Deploy, UnknownKeyFailsFastWithExitCode4) {
  DeployFixture fixture;
  auto result = fixture.run({"deploy"}, {{"RBXPIPE_EMULATOR_KEY", "not-a-key"}});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("API key of environment 'local'"), std::string::npos) << result.err;
  EXPECT_TRUE(fixture.emulator().assets().empty());
  auto missing = fixture.run({"deploy"}, {{"RBXPIPE_EMULATOR_KEY", ""}});
  EXPECT_EQ(missing.exit_code, 4);
  EXPECT_NE(missing.err.find("RBXPIPE_EMULATOR_KEY"), std::string::npos) << missing.err;
}

TEST(Deploy, HeldLockStopsASecondDeployUntilForced) {
  DeployFixture fixture;
  ASSERT_EQ(fixture.run({"bundle"}).exit_code, 0);  // creates the state database
  auto store = platform::store::open_sqlite_store(platform::store::state_database_path(fixture.home()));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->migrate(deploy::deploy_migrations()).ok());
  auto lock = deploy::DeployLock::acquire(**store, "local", "local");
  ASSERT_TRUE(lock.ok());
  auto blocked = fixture.run({"deploy"});
  EXPECT_EQ(blocked.exit_code, 1) << blocked.err;
  EXPECT_NE(blocked.err.find("is being deployed by process"), std::string::npos) << blocked.err;
  EXPECT_TRUE(fixture.emulator().place_versions(1).empty());
  auto forced = fixture.run({"deploy", "--force-unlock"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 1u);
}

TEST(Deploy, TwoConcurrentDeploysNeverBothPublish) {
  DeployFixture fixture;
  ASSERT_EQ(fixture.run({"bundle"}).exit_code, 0);
  ProcessResult first;
  std::thread other([&] { first = fixture.run({"deploy"}); });
  auto second = fixture.run({"deploy"});
  other.join();
  const int successes = (first.exit_code == 0 ? 1 : 0) + (second.exit_code == 0 ? 1 : 0);
  EXPECT_GE(successes, 1) << first.err << second.err;
  // Whichever ran second either failed on the lock or found nothing to publish.
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 1u);
  EXPECT_EQ(fixture.emulator().assets().size(), 2u);
}

TEST(Deploy, BundleImportedElsewhereDeploysWithoutSources) {
  DeployFixture fixture;
  const auto bundle = fixture.home().parent_path() / "volcano.zip";
  auto made = fixture.run({"bundle", "-o", bundle.string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string id = made.out.substr(0, made.out.find('\n'));
  const auto teacher_home = fixture.home().parent_path() / "teacher";
  auto imported = fixture.run({"import", bundle.string()}, {{"RBXPIPE_HOME", teacher_home.string()}});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out.substr(0, imported.out.find('\n')), id);
  std::filesystem::remove_all(fixture.project() / "src");
  auto deployed = fixture.run({"deploy", "--release", id.substr(0, 16), "--json"},
                              {{"RBXPIPE_HOME", teacher_home.string()}});
  ASSERT_EQ(deployed.exit_code, 0) << deployed.err;
  EXPECT_EQ(parse_json(deployed)["release"], id);
  EXPECT_EQ(published_versions(fixture.emulator(), 1), 1u);
  EXPECT_EQ(fixture.emulator().assets().size(), 2u);
}

TEST(Deploy, RegisteredTenantsDeployWithinTheirDailyQuota) {
  DeployFixture fixture;
  fixture.edit_config([](std::string text) {
    return text.insert(text.find("\"version\""), "\"tenant\": \"north\",\n  ");
  });
  auto added = fixture.run({"tenant", "add", "north", "--creator", "group:1", "--deploys-per-day", "1"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto first = fixture.run({"deploy"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto second = fixture.run({"deploy"});
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.err.find("quota"), std::string::npos) << second.err;
  auto suspended = fixture.run({"tenant", "suspend", "north"});
  ASSERT_EQ(suspended.exit_code, 0) << suspended.err;
  auto refused = fixture.run({"deploy"});
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
  EXPECT_NE(refused.err.find("suspended"), std::string::npos) << refused.err;
}

TEST(Deploy, PromoteReusesTheReleaseInAnotherEnvironment) {
  DeployFixture fixture;
  // A second environment on place 2 of the same universe.
  fixture.edit_config([](std::string text) {
    const std::string marker = "\"environments\": {";
    return text.insert(text.find(marker) + marker.size(),
                       "\n    \"class-7b\": { \"universe\": 1, \"place\": 2, \"creator\": { \"group\": 1 }, "
                       "\"api_key\": { \"env\": \"RBXPIPE_EMULATOR_KEY\" }, \"restart_servers\": false },");
  });
  auto first = fixture.run({"deploy", "--env", "local", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string id = parse_json(first)["release"];
  auto promoted = fixture.run({"promote", id, "--to", "class-7b", "--json"});
  ASSERT_EQ(promoted.exit_code, 0) << promoted.err;
  json report = parse_json(promoted);
  EXPECT_EQ(report["kind"], "promote");
  EXPECT_TRUE(report["uploads"].empty());  // same creator: every asset reused
  EXPECT_EQ(fixture.emulator().live_place_sha256(2), fixture.emulator().live_place_sha256(1));
  EXPECT_EQ(fixture.emulator().assets().size(), 2u);
}

TEST(Deploy, PromoteToAnotherCreatorUploadsUnderItAndRelinksThePlace) {
  auto scenario = fast_scenario();
  cloud::emulator::ApiKeySpec school = scenario.keys.front();
  school.secret = "school-key";
  school.name = "school";
  school.owner = {cloud::emulator::Owner::Kind::group, 2};
  scenario.keys.push_back(school);
  DeployFixture fixture(scenario);
  fixture.edit_config([](std::string text) {
    const std::string marker = "\"environments\": {";
    return text.insert(text.find(marker) + marker.size(),
                       "\n    \"school\": { \"universe\": 1, \"place\": 2, \"creator\": { \"group\": 2 }, "
                       "\"api_key\": { \"env\": \"SCHOOL_KEY\" }, \"restart_servers\": false },");
  });
  auto first = fixture.run({"deploy", "--env", "local", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string id = parse_json(first)["release"];
  auto promoted = fixture.run({"promote", id, "--to", "school", "--json"}, {{"SCHOOL_KEY", "school-key"}});
  ASSERT_EQ(promoted.exit_code, 0) << promoted.err;
  json report = parse_json(promoted);
  EXPECT_EQ(report["uploads"].size(), 2u);  // the same files, now owned by group 2
  std::size_t owned_by_school = 0;
  for (const auto& asset : fixture.emulator().assets()) owned_by_school += asset.creator == "group:2" ? 1 : 0;
  EXPECT_EQ(owned_by_school, 2u);
  // The promoted place names group 2's ids: its own artifact, not the source environment's.
  EXPECT_NE(fixture.emulator().live_place_sha256(2), fixture.emulator().live_place_sha256(1));
  auto releases = fixture.run({"releases", "--json"});
  json listed = parse_json(releases);
  EXPECT_EQ(listed["deployments"][0]["kind"], "promote");
  EXPECT_EQ(listed["deployments"][0]["source_deployment"], listed["deployments"][1]["id"]);
}

TEST(Deploy, ProtectedEnvironmentsNeedATokenWithDeployProtected) {
  DeployFixture fixture;
  fixture.edit_config([](std::string text) {
    const std::string flag = "\"protected\": false";
    return text.replace(text.find(flag), flag.size(), "\"protected\": true");
  });
  auto refused = fixture.run({"deploy"});
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
  EXPECT_NE(refused.err.find("is protected: set RBXPIPE_TOKEN"), std::string::npos) << refused.err;
  auto plain = fixture.run({"token", "create", "--tenant", "local", "--permission", "deploy", "--json"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  auto weak = fixture.run({"deploy"}, {{"RBXPIPE_TOKEN", parse_json(plain)["token"].get<std::string>()}});
  EXPECT_EQ(weak.exit_code, 4) << weak.err;
  EXPECT_NE(weak.err.find("deploy:protected"), std::string::npos) << weak.err;
  EXPECT_TRUE(fixture.emulator().assets().empty());
  auto strong = fixture.run(
      {"token", "create", "--tenant", "local", "--permission", "deploy", "--permission", "deploy:protected", "--json"});
  ASSERT_EQ(strong.exit_code, 0) << strong.err;
  auto allowed = fixture.run({"deploy", "--json"}, {{"RBXPIPE_TOKEN", parse_json(strong)["token"].get<std::string>()}});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.err;
  auto releases = parse_json(fixture.run({"releases", "--json"}));
  EXPECT_TRUE(releases["deployments"][0]["who"].get<std::string>().starts_with("token:"));
}

}  // namespace
}  // namespace rbxpipe::testing
