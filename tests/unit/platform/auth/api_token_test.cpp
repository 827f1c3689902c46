#include "platform/auth/api_token.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/sha256.h"
#include "platform/auth/base64url.h"
#include "tests/unit/platform/auth/store_fixture.h"

namespace rbxpipe::platform::auth {
namespace {

using namespace std::chrono_literals;
using ApiTokens = testing::StoreFixture;

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST_F(ApiTokens, CreateShowsARecognizableHighEntropyTokenOnce) {
  const CreatedToken created = make_token("a", {"deploy", "lesson:read"});
  ASSERT_TRUE(created.token.starts_with("rbxp_"));
  EXPECT_EQ(created.token.size(), 5U + 43U);
  EXPECT_EQ(base64url_decode(created.token.substr(5)).value().size(), 32U);
  EXPECT_TRUE(created.record.id.starts_with("tok_"));
  EXPECT_EQ(created.record.tenant, "a");
  EXPECT_EQ(created.record.permissions, (std::vector<std::string>{"deploy", "lesson:read"}));
  EXPECT_NE(make_token("a", {"deploy"}).token, created.token);
}

TEST_F(ApiTokens, DatabaseHoldsOnlyTheHashNeverTheTokenText) {
  const CreatedToken created = make_token("a", {"deploy"});
  const std::string secret = created.token.substr(5);
  const std::string raw_secret = base64url_decode(secret).value();

  auto rows = m_store->query("SELECT * FROM auth_api_tokens");
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  ASSERT_EQ(rows->size(), 1U);
  bool hash_found = false;
  for (std::size_t i = 0; i < rows->front().values.size(); ++i) {
    const std::string value = rows->front().text(i);
    EXPECT_EQ(value.find(secret), std::string::npos) << "column " << i;
    hash_found = hash_found || value == base::sha256_hex(created.token);
  }
  EXPECT_TRUE(hash_found);
  EXPECT_EQ(hash_api_token(created.token), base::sha256_hex(created.token));

  // The files on disk (database, write-ahead log, shared memory) never see the token or its raw bytes.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(m_dir.path())) {
    const std::string bytes = read_all(entry.path());
    ++files;
    EXPECT_EQ(bytes.find(secret), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find(raw_secret), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find(secret.substr(0, 16)), std::string::npos) << entry.path();
  }
  EXPECT_GE(files, 1);
}

TEST_F(ApiTokens, AuthenticateGivesTheTokensTenantAndPermissions) {
  const CreatedToken created = make_token("a", {"lesson:build", "deploy"});
  auto verdict = authenticate_token(*m_store, created.token, m_clock);
  ASSERT_TRUE(verdict.ok()) << verdict.message();
  EXPECT_EQ(verdict->tenant, "a");
  EXPECT_EQ(verdict->subject, "token:" + created.record.id);
  EXPECT_EQ(verdict->permissions, (std::vector<std::string>{"deploy", "lesson:build"}));
  EXPECT_TRUE(verdict->roles.empty());
  EXPECT_FALSE(verdict->is_operator);
}

TEST_F(ApiTokens, ExpiredTokenIsRefused) {
  const CreatedToken created = make_token("a", {"deploy"}, 1h);
  ASSERT_TRUE(created.record.expires_at.has_value());
  m_clock.advance(59min);
  EXPECT_TRUE(authenticate_token(*m_store, created.token, m_clock).ok());
  m_clock.advance(1min);
  auto verdict = authenticate_token(*m_store, created.token, m_clock);
  ASSERT_FALSE(verdict.ok());
  EXPECT_EQ(verdict.reason(), TokenRefusal::expired);
  EXPECT_EQ(verdict.message(), "token " + created.record.id + " expired at 2026-01-01T01:00:00Z");
  EXPECT_EQ(api_token_status(list_tokens(*m_store).value().front(), m_clock.now()), "expired");
}

TEST_F(ApiTokens, RevokedTokenIsRefusedAndRevocationIsIdempotent) {
  const CreatedToken created = make_token("a", {"deploy"});
  m_clock.advance(10s);
  auto revoked = revoke_token(*m_store, created.record.id, m_clock);
  ASSERT_TRUE(revoked.ok()) << revoked.error().to_string();
  ASSERT_TRUE(revoked->token.revoked_at.has_value());
  EXPECT_FALSE(revoked->already_revoked);
  const auto first_revocation = *revoked->token.revoked_at;
  auto verdict = authenticate_token(*m_store, created.token, m_clock);
  ASSERT_FALSE(verdict.ok());
  EXPECT_EQ(verdict.reason(), TokenRefusal::revoked);
  EXPECT_EQ(token_refusal_error(verdict.reason(), verdict.message()).code(), base::ErrorCode::unauthenticated);

  m_clock.advance(1h);
  auto again = revoke_token(*m_store, created.record.id, m_clock);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_revoked);
  EXPECT_EQ(again->token.revoked_at, first_revocation);
  EXPECT_EQ(revoke_token(*m_store, "tok_missing", m_clock).error().code(), base::ErrorCode::not_found);
}

TEST_F(ApiTokens, UnknownAndMalformedTokensAreRefused) {
  make_token("a", {"deploy"});
  auto unknown = authenticate_token(*m_store, "rbxp_" + base64url_encode(std::string(32, 'x')), m_clock);
  EXPECT_EQ(unknown.reason(), TokenRefusal::unknown);
  for (const char* text :
       {"", "rbxp_", "ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
        "rbxp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP=", "rbxp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR"}) {
    auto verdict = authenticate_token(*m_store, text, m_clock);
    ASSERT_FALSE(verdict.ok()) << text;
    EXPECT_EQ(verdict.reason(), TokenRefusal::malformed) << text;
  }
}

TEST_F(ApiTokens, CreateValidatesItsInputs) {
  CreateTokenOptions options;
  options.tenant = "a";
  options.permissions = {"deploy", "launch-rockets"};
  auto unknown = create_token(*m_store, options, m_clock);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("launch-rockets"), std::string::npos);
  options.permissions = {};
  EXPECT_FALSE(create_token(*m_store, options, m_clock).ok());
  options.permissions = {"deploy"};
  options.tenant = "Bad Tenant";
  EXPECT_FALSE(create_token(*m_store, options, m_clock).ok());
  options.tenant = "a";
  options.expires_in = std::chrono::seconds(0);
  EXPECT_FALSE(create_token(*m_store, options, m_clock).ok());
  options.expires_in.reset();
  options.name = "line\nbreak";
  EXPECT_FALSE(create_token(*m_store, options, m_clock).ok());
  EXPECT_TRUE(list_tokens(*m_store).value().empty());
}

TEST_F(ApiTokens, ListShowsRecordsOldestFirstWithStatus) {
  const CreatedToken first = make_token("a", {"deploy"});
  m_clock.advance(1s);
  const CreatedToken second = make_token("a", {"lesson:read", "lesson:read"}, 24h);
  auto tokens = list_tokens(*m_store);
  ASSERT_TRUE(tokens.ok()) << tokens.error().to_string();
  ASSERT_EQ(tokens->size(), 2U);
  EXPECT_EQ((*tokens)[0].id, first.record.id);
  EXPECT_EQ((*tokens)[1].id, second.record.id);
  EXPECT_EQ((*tokens)[1].permissions, std::vector<std::string>{"lesson:read"});
  EXPECT_EQ((*tokens)[1].expires_at, second.record.expires_at);
  EXPECT_EQ((*tokens)[0].name, "ci");
  EXPECT_FALSE((*tokens)[0].expires_at.has_value());
  EXPECT_EQ(api_token_status((*tokens)[0], m_clock.now()), "active");
}

TEST_F(ApiTokens, MigrationIsRegisteredUnderTheAuthModule) {
  auto applied = m_store->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_NE(std::find(applied->begin(), applied->end(), "auth:1"), applied->end());
  EXPECT_TRUE(m_store->migrate(auth_migrations()).ok());  // applying twice is harmless
}

TEST(TokenDuration, ParsesUnitsAndRefusesNonsense) {
  EXPECT_EQ(parse_token_duration("90s").value(), std::chrono::seconds(90));
  EXPECT_EQ(parse_token_duration("15m").value(), std::chrono::minutes(15));
  EXPECT_EQ(parse_token_duration("12h").value(), std::chrono::hours(12));
  EXPECT_EQ(parse_token_duration("30d").value(), std::chrono::hours(24 * 30));
  EXPECT_EQ(parse_token_duration("2w").value(), std::chrono::hours(24 * 14));
  for (const char* bad : {"", "d", "0d", "-1d", "30", "30y", "1.5d", "99999999999d"}) {
    EXPECT_FALSE(parse_token_duration(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace rbxpipe::platform::auth
