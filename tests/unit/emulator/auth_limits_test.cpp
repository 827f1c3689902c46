#include <gtest/gtest.h>

#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

using namespace std::chrono_literals;

class EmulatorAuth : public EmulatorTest {};
class EmulatorLimits : public EmulatorTest {};

constexpr const char* k_keys = R"({"keys": [
  {"key": "emulator-key", "owner": {"group": 1}, "scopes": ["*"]},
  {"key": "second-key", "owner": {"group": 1}, "scopes": ["*"]},
  {"key": "reader", "owner": {"group": 1}, "scopes": ["asset:read"]},
  {"key": "old", "owner": {"group": 1}, "scopes": ["*"], "status": "auto_expired"},
  {"key": "timed", "owner": {"group": 1}, "scopes": ["*"], "expires_at": "2026-01-01T01:00:00Z"},
  {"key": "elsewhere", "owner": {"group": 1}, "scopes": ["*"], "universes": [2]},
  {"key": "office", "owner": {"group": 1}, "scopes": ["*"], "allowed_cidrs": ["10.0.0.0/8"]},
  {"key": "banned", "owner": {"user": 7}, "scopes": ["*"], "account_moderated": true}
], "universes": [{"id": 1, "places": [{"id": 1}]}, {"id": 2}]})";

TEST_F(EmulatorAuth, MissingAndUnknownKeysGetGateway401s) {
  start(k_keys);
  auto missing = get("/assets/v1/assets/1", "");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_EQ(missing->body, R"({"errors":[{"code":0,"message":"Missing API Key Header"}]})");
  auto unknown = get("/assets/v1/assets/1", "nope");
  EXPECT_EQ(unknown->body, R"({"errors":[{"code":0,"message":"Invalid API Key"}]})");
}

TEST_F(EmulatorAuth, ExpiredKeysGet401ByStatusOrByTime) {
  start(k_keys);
  EXPECT_EQ(get("/assets/v1/assets/1", "old")->status, 401);
  EXPECT_EQ(get("/assets/v1/assets/1", "timed")->status, 404);
  clock.advance(1h);
  auto expired = get("/assets/v1/assets/1", "timed");
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
  EXPECT_EQ(body_json(expired)["errors"][0]["message"], "API Key is expired");
}

TEST_F(EmulatorAuth, MissingScopeUniverseOrAddressGets403) {
  start(k_keys);
  auto scope = upload(create_meta("Image", "x"), png(8, 8), "image/png", "reader");
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->status, 403);
  EXPECT_EQ(body_json(scope)["code"], "PERMISSION_DENIED");
  EXPECT_EQ(body_json(scope)["message"], "The API key lacks the scope asset:read and asset:write.");
  auto universe = post("/universes/v1/1/places/1/versions?versionType=Saved", "<roblox!", "application/octet-stream",
                       "elsewhere");
  EXPECT_EQ(universe->status, 403);
  EXPECT_EQ(get("/assets/v1/assets/1", "office")->status, 403);
}

TEST_F(EmulatorAuth, ModeratedAccountsCannotWriteButCanRead) {
  start(k_keys);
  auto write = upload(create_meta("Image", "x", Json{{"userId", "7"}}), png(8, 8), "image/png", "banned");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->status, 403);
  EXPECT_EQ(write->body, R"({"errors":[{"code":0,"message":"User is moderated"}]})");
  EXPECT_EQ(get("/assets/v1/assets/1", "banned")->status, 404);
}

TEST_F(EmulatorAuth, IntrospectionDescribesTheKey) {
  start(k_keys);
  auto described = post_json("/api-keys/v1/introspect", Json{{"apiKey", "reader"}}, "");
  ASSERT_TRUE(described);
  ASSERT_EQ(described->status, 200);
  Json body = body_json(described);
  EXPECT_EQ(body["authorizedUserId"], 1);
  EXPECT_EQ(body["enabled"], true);
  EXPECT_EQ(body["expired"], false);
  EXPECT_EQ(body["scopes"], Json::parse(R"([{"name":"asset","operations":["read"],"universeIds":["*"]}])"));
  EXPECT_EQ(body_json(post_json("/api-keys/v1/introspect", Json{{"apiKey", "old"}}, ""))["expired"], true);
  EXPECT_EQ(post_json("/api-keys/v1/introspect", Json{{"apiKey", "nope"}}, "")->status, 401);
}

TEST_F(EmulatorLimits, EveryResponseCarriesTheRateLimitHeaders) {
  start(R"({"rate_limits": {"per_minute": {"assets": 10}}})");
  auto found = get("/assets/v1/assets/1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->get_header_value("x-ratelimit-limit"), "10, 10;w=60");
  EXPECT_EQ(found->get_header_value("x-ratelimit-remaining"), "9");
  EXPECT_EQ(found->get_header_value("x-ratelimit-reset"), "6");
  auto unauthenticated = get("/assets/v1/assets/1", "");
  EXPECT_EQ(unauthenticated->get_header_value("x-ratelimit-limit"), "10, 10;w=60");
  EXPECT_EQ(get("/assets/v1/assets/abc")->get_header_value("x-ratelimit-remaining"), "8");
}

TEST_F(EmulatorLimits, ExhaustedBudgetGets429WithRetryAfterAndRefillsOverTime) {
  start(R"({"rate_limits": {"per_minute": {"assets": 2}}})");
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
  auto limited = get("/assets/v1/assets/1");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->body, R"({"code":"RESOURCE_EXHAUSTED","message":"Too many requests"})");
  EXPECT_EQ(limited->get_header_value("Retry-After"), "30");
  EXPECT_EQ(limited->get_header_value("x-ratelimit-remaining"), "0");
  EXPECT_EQ(limited->get_header_value("x-ratelimit-reset"), "60");
  clock.advance(30s);
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 429);
}

TEST_F(EmulatorLimits, BudgetIsSharedByEveryKeyOfAnOwnerButNotAcrossClasses) {
  start(std::string(k_keys).insert(1, R"("rate_limits": {"per_minute": {"assets": 1}}, )"));
  EXPECT_EQ(get("/assets/v1/assets/1", "emulator-key")->status, 404);
  EXPECT_EQ(get("/assets/v1/assets/1", "second-key")->status, 429);
  EXPECT_EQ(get("/assets/v1/operations/x", "second-key")->status, 404);
}

TEST_F(EmulatorLimits, RetryAfterCanBeAnHttpDateOrAbsent) {
  start(R"({"rate_limits": {"per_minute": {"assets": 1}, "retry_after": "http_date"}})");
  get("/assets/v1/assets/1");
  EXPECT_EQ(get("/assets/v1/assets/1")->get_header_value("Retry-After"), "Thu, 01 Jan 2026 00:01:00 GMT");
  emulator->stop();
  start(R"({"rate_limits": {"per_minute": {"assets": 1}, "retry_after": "none"}})");
  get("/assets/v1/assets/1");
  auto limited = get("/assets/v1/assets/1");
  EXPECT_EQ(limited->status, 429);
  EXPECT_FALSE(limited->has_header("Retry-After"));
}

TEST_F(EmulatorLimits, HeadersCanBeSwitchedOff) {
  start(R"({"rate_limits": {"headers": false}})");
  auto found = get("/assets/v1/assets/1");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_header("x-ratelimit-limit"));
  EXPECT_FALSE(found->has_header("x-ratelimit-remaining"));
}

TEST_F(EmulatorLimits, SpuriousLimitAnswers429WhileTokensRemain) {
  start(R"({"rate_limits": {"spurious_429_every": 3}})");
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
  auto spurious = get("/assets/v1/assets/1");
  EXPECT_EQ(spurious->status, 429);
  EXPECT_EQ(spurious->get_header_value("x-ratelimit-remaining"), "118");
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 404);
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
