#include <gtest/gtest.h>

#include <cstdlib>

#include "base/log.h"
#include "cloud/client.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_transport.h"

namespace rbxpipe::cloud {
namespace {

using namespace std::chrono_literals;
using testing::FakeTransport;

constexpr const char* k_key = "secret-key-123";

// A client over a FakeTransport; every wait (limiter and backoff) goes through one FakeClock.
struct ClientFixture : ::testing::Test {
  testing::FakeClock clock;
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::unique_ptr<OpenCloudClient> client;

  void SetUp() override {
    RateLimits limits;
    limits.per_minute[EndpointClass::assets] = 120;
    limits.per_minute[EndpointClass::place_publishing] = 30;
    ClientOptions options;
    options.base_url = "https://apis.example.test/";
    options.api_key = k_key;
    options.owner = "group:789";
    options.transport = transport;
    options.limiter = std::make_shared<RateLimiter>(limits, clock);
    options.clock = &clock;
    client = std::make_unique<OpenCloudClient>(std::move(options));
  }

  static ApiCall get(std::string path) {
    ApiCall call;
    call.request.url = std::move(path);
    return call;
  }

  static ApiCall create_asset() {
    ApiCall call;
    call.idempotency = Idempotency::create;
    call.request.method = "POST";
    call.request.url = "/assets/v1/assets";
    call.request.body = "multipart";
    return call;
  }
};

TEST_F(ClientFixture, SendsTheKeyAsHeaderToThePathUnderTheBaseUrl) {
  transport->push_response(200, R"({"assetId":"1"})");
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->attempts, 1);
  EXPECT_EQ(result->http.body, R"({"assetId":"1"})");
  const auto sent = transport->requests().at(0);
  EXPECT_EQ(sent.url, "https://apis.example.test/assets/v1/assets/1");
  EXPECT_EQ(sent.headers.get("x-api-key"), k_key);
  EXPECT_EQ(sent.url.find(k_key), std::string::npos);
}

TEST_F(ClientFixture, WaitsRetryAfterSecondsAfter429) {
  transport->push_response(429, R"({"code":"RESOURCE_EXHAUSTED","message":"Too many requests"})",
                           {{"Retry-After", "7"}, {"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "50"}});
  transport->push_response(200);
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 2);
  EXPECT_EQ(clock.total_slept(), 7s);  // Retry-After wins over the reset
}

TEST_F(ClientFixture, WaitsUntilARetryAfterHttpDate) {
  transport->push_response(429, "", {{"Retry-After", "Thu, 01 Jan 2026 00:00:12 GMT"}});
  transport->push_response(200);
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(clock.total_slept(), 12s);
}

TEST_F(ClientFixture, WaitsForTheRateLimitResetWhenThereIsNoRetryAfter) {
  transport->push_response(429, "", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "9"}});
  transport->push_response(200);
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 2);
  EXPECT_EQ(clock.total_slept(), 9s);
}

TEST_F(ClientFixture, BacksOffWithJitterAfter429WithoutHeaders) {
  for (int i = 0; i < 3; ++i) transport->push_response(429);
  transport->push_response(200);
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 4);
  EXPECT_LE(clock.total_slept(), 1s + 2s + 4s);  // full jitter under 1 s, 2 s, 4 s
}

TEST_F(ClientFixture, A429DelaysEveryClientOfTheSameOwner) {
  auto other_transport = std::make_shared<FakeTransport>();
  ClientOptions options = client->options();
  options.transport = other_transport;
  options.retry.max_attempts = 1;
  OpenCloudClient other(options);
  other_transport->push_response(429, "", {{"Retry-After", "30"}});
  ASSERT_FALSE(other.call(get("/assets/v1/assets/1")).ok());
  EXPECT_EQ(clock.total_slept(), 0ns);
  transport->push_response(200);
  ASSERT_TRUE(client->call(get("/assets/v1/assets/2")).ok());
  EXPECT_EQ(clock.total_slept(), 30s);
}

TEST_F(ClientFixture, GivesUpAsRateLimitedAfterMaxAttempts) {
  for (int i = 0; i < 5; ++i) transport->push_response(429, "", {{"Retry-After", "1"}});
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::rate_limited);
  EXPECT_EQ(transport->request_count(), 5u);
  EXPECT_NE(result.error().message().find("after 5 attempts"), std::string::npos);
}

TEST_F(ClientFixture, RefusesARetryAfterLongerThanAllowed) {
  transport->push_response(429, "", {{"Retry-After", "3600"}});
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::rate_limited);
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(clock.total_slept(), 0ns);
}

TEST_F(ClientFixture, RetriesServerErrorsForAGet) {
  transport->push_response(503, "<html><title>Service Unavailable</title></html>");
  transport->push_response(502);
  transport->push_response(200);
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 3);
  EXPECT_LE(clock.total_slept(), 3s);
}

TEST_F(ClientFixture, ServerErrorsExhaustAttemptsAsUnavailable) {
  for (int i = 0; i < 5; ++i) transport->push_response(500);
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::unavailable);
  EXPECT_EQ(transport->request_count(), 5u);
  EXPECT_EQ(result.error().message(),
            "GET /assets/v1/assets/1: HTTP 500: Internal Server Error (no details in the response) (after 5 attempts)");
}

TEST_F(ClientFixture, RetriesARepeatableCallWhoseAnswerWasLost) {
  transport->push_error(base::ErrorCode::timeout, "Timeout was reached", true);
  transport->push_response(200, R"({"versionNumber":7})");
  ApiCall call;
  call.endpoint = EndpointClass::place_publishing;
  call.idempotency = Idempotency::repeatable;
  call.request.method = "POST";
  call.request.url = "/universes/v1/1/places/2/versions?versionType=Saved";
  auto result = client->call(call);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 2);
}

TEST_F(ClientFixture, NeverResendsACreateThatMayHaveArrived) {
  transport->push_error(base::ErrorCode::timeout, "Timeout was reached", true);
  transport->push_response(200);
  auto result = client->call(create_asset());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(result.error().code(), base::ErrorCode::unavailable);
  EXPECT_TRUE(request_may_have_arrived(result.error()));
  EXPECT_NE(result.error().message().find("POST /assets/v1/assets: Timeout was reached"), std::string::npos);
  EXPECT_NE(result.error().message().find("may or may not exist"), std::string::npos);
}

TEST_F(ClientFixture, ResendsACreateThatProvablyNeverLeft) {
  transport->push_error(base::ErrorCode::unavailable, "Couldn't connect to server", false);
  transport->push_response(200, R"({"operationId":"op"})");
  auto result = client->call(create_asset());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 2);
}

TEST_F(ClientFixture, DoesNotRetryACreateAnsweredWithAServerError) {
  transport->push_response(500, R"({"title":"An error occurred while processing your request.","status":500})");
  auto result = client->call(create_asset());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(result.error().code(), base::ErrorCode::unavailable);
  EXPECT_TRUE(request_may_have_arrived(result.error()));
  EXPECT_NE(result.error().message().find("may or may not exist"), std::string::npos);
}

TEST_F(ClientFixture, RetriesACreateRejectedWith429) {
  transport->push_response(429, "", {{"Retry-After", "2"}});
  transport->push_response(200);
  auto result = client->call(create_asset());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->attempts, 2);
}

TEST_F(ClientFixture, UnauthorizedIsNotRetriedAndMentionsAutoExpiredKeys) {
  transport->push_response(401, R"({"errors":[{"code":0,"message":"Invalid API Key"}]})");
  auto result = client->call(get("/assets/v1/assets/1"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(result.error().code(), base::ErrorCode::unauthenticated);
  EXPECT_NE(result.error().message().find("GET /assets/v1/assets/1: HTTP 401: Invalid API Key"), std::string::npos);
  EXPECT_NE(result.error().message().find("auto-expire"), std::string::npos);
  EXPECT_EQ(result.error().to_string().find(k_key), std::string::npos);
}

TEST_F(ClientFixture, ForbiddenNamesTheMissingScope) {
  transport->push_response(403, R"({"error":"INSUFFICIENT_SCOPE","message":"The API key lacks a required scope."})");
  auto result = client->call(create_asset());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(result.error().code(), base::ErrorCode::forbidden);
  EXPECT_NE(result.error().message().find("missing a scope: this call needs asset:read and asset:write"),
            std::string::npos);
}

TEST_F(ClientFixture, NotFoundIsNotRetried) {
  transport->push_response(404, R"({"code":"NOT_FOUND","message":"Asset not found."})");
  auto result = client->call(get("/assets/v1/assets/9"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(result.error().code(), base::ErrorCode::not_found);
  EXPECT_EQ(result.error().message(), "GET /assets/v1/assets/9: HTTP 404: NOT_FOUND: Asset not found.");
}

TEST_F(ClientFixture, PlacePublishConflictIsNotRetriedAndMentionsTeamCreate) {
  transport->push_response(409, R"({"code":"ABORTED","message":"Place is not part of the universe."})");
  ApiCall call;
  call.endpoint = EndpointClass::place_publishing;
  call.idempotency = Idempotency::repeatable;
  call.request.method = "POST";
  call.request.url = "/universes/v1/1/places/2/versions?versionType=Published";
  auto result = client->call(call);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(result.error().code(), base::ErrorCode::conflict);
  EXPECT_NE(result.error().message().find("POST /universes/v1/1/places/2/versions?versionType=Published: HTTP 409"),
            std::string::npos);
  EXPECT_NE(result.error().message().find("Team Create"), std::string::npos);
}

TEST_F(ClientFixture, SuccessfulAnswersCorrectTheSharedBudget) {
  transport->push_response(200, "{}", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "30"}});
  transport->push_response(200);
  ASSERT_TRUE(client->call(get("/assets/v1/assets/1")).ok());
  ASSERT_TRUE(client->call(get("/assets/v1/assets/1")).ok());
  // Empty, full again in 30 s: the next token comes after 30 s / 120.
  EXPECT_EQ(clock.total_slept(), 250ms);
}

TEST_F(ClientFixture, RegistersTheKeyAsALogSecret) {
  std::string written;
  base::default_logger().set_sink([&](std::string_view line) { written += line; });
  base::log_warn(std::string("sending with ") + k_key);
  base::default_logger().set_sink({});
  EXPECT_EQ(written.find(k_key), std::string::npos);
  EXPECT_NE(written.find("sending with ***"), std::string::npos);
}

TEST_F(ClientFixture, OptionsShowTheResolvedBaseUrl) {
  EXPECT_EQ(client->options().base_url, "https://apis.example.test");
  EXPECT_EQ(client->options().owner, "group:789");
}

TEST(ResolveBaseUrl, PrefersConfiguredThenEnvironmentThenTheRealService) {
  ::setenv("RBXPIPE_OPEN_CLOUD_URL", "http://127.0.0.1:7878/", 1);
  EXPECT_EQ(resolve_base_url(std::string("http://localhost:9000//")), "http://localhost:9000");
  EXPECT_EQ(resolve_base_url(std::nullopt), "http://127.0.0.1:7878");
  ::unsetenv("RBXPIPE_OPEN_CLOUD_URL");
  EXPECT_EQ(resolve_base_url(std::string()), "https://apis.roblox.com");
}

}  // namespace
}  // namespace rbxpipe::cloud
