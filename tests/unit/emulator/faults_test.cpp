#include <gtest/gtest.h>

#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

class EmulatorFaults : public EmulatorTest {
 protected:
  void fault(const std::string& json) {
    auto faults = parse_faults_json(json);
    ASSERT_TRUE(faults) << faults.error().to_string();
    emulator->add_faults(*faults);
  }
};

TEST_F(EmulatorFaults, Status500IsAnAspNetProblem) {
  start(R"({"faults": [{"route": "assets.get", "kind": "status_500"}]})");
  auto failed = get("/assets/v1/assets/1");
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500);
  Json body = body_json(failed);
  EXPECT_EQ(body["type"], "https://tools.ietf.org/html/rfc7231#section-6.6.1");
  EXPECT_EQ(body["status"], 500);
  EXPECT_TRUE(failed->has_header("x-ratelimit-remaining"));
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);  // used up
}

TEST_F(EmulatorFaults, GatewayErrorsAreHtmlPages) {
  start(R"({"faults": [{"kind": "status_502"}, {"kind": "status_503"}, {"kind": "status_499"}]})");
  auto bad_gateway = get("/assets/v1/assets/1");
  EXPECT_EQ(bad_gateway->status, 502);
  EXPECT_EQ(bad_gateway->get_header_value("Content-Type"), "text/html");
  EXPECT_NE(bad_gateway->body.find("<html>"), std::string::npos);
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 503);
  auto cancelled = get("/assets/v1/assets/1");
  EXPECT_EQ(cancelled->status, 499);
  EXPECT_EQ(body_json(cancelled)["code"], "CANCELLED");
}

TEST_F(EmulatorFaults, ResetBeforeTheRequestTakesEffectCreatesNothing) {
  start(R"({"faults": [{"route": "assets.create", "kind": "reset"}]})");
  auto reset = upload(create_meta("Image", "Lava"), png(8, 8), "image/png");
  EXPECT_FALSE(reset);
  EXPECT_TRUE(emulator->assets().empty());
  auto log = emulator->request_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].status, 0);
  EXPECT_EQ(log[0].fault, "reset");
  EXPECT_EQ(log[0].route, "assets.create");
}

TEST_F(EmulatorFaults, ResetAfterCommitLosesTheAnswerButKeepsTheAsset) {
  start(R"({"faults": [{"route": "assets.create", "kind": "reset", "after_commit": true}]})");
  auto reset = upload(create_meta("Image", "Lava"), png(8, 8), "image/png");
  EXPECT_FALSE(reset);
  ASSERT_EQ(emulator->assets().size(), 1u);
  // The client's retry makes a second asset: the duplicate a client must reconcile.
  EXPECT_EQ(upload(create_meta("Image", "Lava"), png(8, 8), "image/png")->status, 200);
  EXPECT_EQ(emulator->assets().size(), 2u);
}

TEST_F(EmulatorFaults, DelayHoldsTheAnswerPastTheClientTimeoutAfterCommitting) {
  start();
  fault(R"({"route": "places.publish", "kind": "delay", "delay_ms": 400})");
  httplib::Client impatient("127.0.0.1", emulator->port());
  impatient.set_read_timeout(0, 50'000);
  auto timed_out = impatient.Post("/universes/v1/1/places/1/versions?versionType=Published",
                                  httplib::Headers{{"x-api-key", "emulator-key"}}, "<roblox!",
                                  "application/octet-stream");
  EXPECT_FALSE(timed_out);
  EXPECT_EQ(emulator->live_place_version(1), 1);
}

TEST_F(EmulatorFaults, MalformedJsonCutsTheAnswer) {
  start(R"({"faults": [{"route": "assets.create", "kind": "malformed_json"}]})");
  auto mangled = upload(create_meta("Image", "Lava"), png(8, 8), "image/png");
  ASSERT_TRUE(mangled);
  EXPECT_EQ(mangled->status, 200);
  EXPECT_TRUE(body_json(mangled).is_discarded()) << mangled->body;
  EXPECT_EQ(emulator->assets().size(), 1u);
}

TEST_F(EmulatorFaults, FaultsAreUsedInOrderSkippedAndAlwaysFaultsStay) {
  start(R"({"faults": [
    {"route": "assets.get", "kind": "status_503", "skip": 1, "times": 2},
    {"route": "assets.get", "kind": "status_502", "always": true}
  ]})");
  std::vector<int> statuses;
  for (int i = 0; i < 5; ++i) statuses.push_back(get("/assets/v1/assets/1")->status);
  EXPECT_EQ(statuses, (std::vector<int>{404, 503, 503, 502, 502}));
  EXPECT_EQ(get("/assets/v1/operations/x")->status, 404);  // other routes are untouched
  emulator->clear_faults();
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
}

TEST_F(EmulatorFaults, SpuriousRateLimitFaultAnswers429WithRetryAfter) {
  start(R"({"faults": [{"route": "operations.get", "kind": "status_429"}]})");
  auto limited = get("/assets/v1/operations/x");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
}

TEST_F(EmulatorFaults, FaultsCanBeQueuedThroughTheControlRoute) {
  start();
  auto queued = post("/_emulator/faults", R"({"route": "assets.get", "kind": "status_500"})", "application/json", "");
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->status, 200) << queued->body;
  EXPECT_EQ(body_json(queued)["faults"].size(), 1u);
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 500);
  auto invalid = post("/_emulator/faults", R"({"kind": "meltdown"})", "application/json", "");
  EXPECT_EQ(invalid->status, 400);
  EXPECT_EQ(client().Delete("/_emulator/faults")->status, 200);
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
