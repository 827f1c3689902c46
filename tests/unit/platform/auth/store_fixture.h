#pragma once
// A fresh state database in a temp folder with the auth migrations applied, and a fake clock.

#include <gtest/gtest.h>

#include <memory>

#include "platform/auth/api_token.h"
#include "platform/store/state_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::auth::testing {

/// Test fixture owning a migrated SQLite state store.
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_sqlite_store(store::state_database_path(m_dir.path()));
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    m_store = std::move(opened).value();
    auto migrated = m_store->migrate(auth_migrations());
    ASSERT_TRUE(migrated.ok()) << migrated.error().to_string();
  }

  /// Creates a token for `tenant` with `permissions`, failing the test when that fails.
  CreatedToken make_token(const std::string& tenant, std::vector<std::string> permissions,
                          std::optional<std::chrono::seconds> expires_in = std::nullopt) {
    CreateTokenOptions options;
    options.tenant = tenant;
    options.name = "ci";
    options.permissions = std::move(permissions);
    options.expires_in = expires_in;
    auto created = create_token(*m_store, options, m_clock);
    EXPECT_TRUE(created.ok()) << created.error().to_string();
    return std::move(created).value();
  }

  rbxpipe::testing::TempDir m_dir;
  rbxpipe::testing::FakeClock m_clock;
  std::unique_ptr<store::StateStore> m_store;
};

}  // namespace rbxpipe::platform::auth::testing
