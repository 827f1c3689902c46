#include "platform/tenant/tenant_registry.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include "platform/tenant/tenant_export.h"
#include "platform/tenant/tenant_json.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::tenant {
namespace {

using namespace std::chrono_literals;

class TenantRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = store::open_sqlite_store(m_dir / "state.db").value();
    ASSERT_TRUE(m_store->migrate(tenant_migrations()).ok());
    m_registry = std::make_unique<TenantRegistry>(*m_store, m_clock);
  }

  Tenant school(const std::string& id) {
    Tenant tenant;
    tenant.id = id;
    tenant.name = "School " + id;
    tenant.creator = RobloxCreator{RobloxCreator::Kind::group, 789};
    tenant.quotas.deploys_per_day = 2;
    return tenant;
  }

  testing::TempDir m_dir;
  testing::FakeClock m_clock;
  std::unique_ptr<store::StateStore> m_store;
  std::unique_ptr<TenantRegistry> m_registry;
};

TEST_F(TenantRegistryTest, AddsReadsAndListsTenantsWithTargets) {
  Tenant tenant = school("north");
  tenant.targets.push_back(DeployTarget{"class-7b", 11, 22, std::nullopt, "secret:north-key", true});
  auto added = m_registry->add(tenant);
  ASSERT_TRUE(added.ok()) << added.error().to_string();
  EXPECT_EQ(added->created_at, "2026-01-01T00:00:00Z");
  ASSERT_TRUE(m_registry->add(school("south")).ok());
  auto read = m_registry->get("north").value();
  ASSERT_EQ(read.targets.size(), 1u);
  EXPECT_EQ(read.targets[0].api_key_ref, "secret:north-key");
  EXPECT_TRUE(read.targets[0].is_protected);
  auto all = m_registry->list().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "north");
  EXPECT_EQ(all[1].id, "south");
}

TEST_F(TenantRegistryTest, RefusesBadIdsDuplicatesAndKeysInTargets) {
  EXPECT_EQ(m_registry->add(school("Bad_Id")).error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(m_registry->add(school("../etc")).error().code(), base::ErrorCode::invalid_input);
  ASSERT_TRUE(m_registry->add(school("north")).ok());
  EXPECT_EQ(m_registry->add(school("north")).error().code(), base::ErrorCode::already_exists);
  auto put = m_registry->put_target("north", DeployTarget{"x", 1, 2, std::nullopt, "rbx-api-key-123", false});
  EXPECT_EQ(put.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(m_registry->get("nobody").error().code(), base::ErrorCode::not_found);
}

TEST_F(TenantRegistryTest, QuotasCountPerUtcDayAndStopAtTheLimit) {
  ASSERT_TRUE(m_registry->add(school("north")).ok());
  EXPECT_TRUE(m_registry->consume("north", QuotaKind::deploys).ok());
  EXPECT_TRUE(m_registry->consume("north", QuotaKind::deploys).ok());
  auto third = m_registry->consume("north", QuotaKind::deploys);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code(), base::ErrorCode::quota_exceeded);
  EXPECT_EQ(m_registry->used_today("north", QuotaKind::deploys).value(), 2);
  // Uploads are unlimited (0) for this tenant.
  EXPECT_TRUE(m_registry->consume("north", QuotaKind::asset_uploads, 500).ok());
  m_clock.advance(24h);
  EXPECT_EQ(m_registry->used_today("north", QuotaKind::deploys).value(), 0);
  EXPECT_TRUE(m_registry->consume("north", QuotaKind::deploys).ok());
}

TEST_F(TenantRegistryTest, SuspendedTenantsCannotConsume) {
  ASSERT_TRUE(m_registry->add(school("north")).ok());
  ASSERT_TRUE(m_registry->set_status("north", TenantStatus::suspended).ok());
  EXPECT_EQ(m_registry->consume("north", QuotaKind::deploys).error().code(), base::ErrorCode::forbidden);
  EXPECT_EQ(m_registry->get("north")->status, TenantStatus::suspended);
}

TEST_F(TenantRegistryTest, OneTenantsChangesNeverTouchAnother) {
  ASSERT_TRUE(m_registry->add(school("north")).ok());
  ASSERT_TRUE(m_registry->add(school("south")).ok());
  ASSERT_TRUE(m_registry->put_target("north", DeployTarget{"main", 1, 2, std::nullopt, "", false}).ok());
  EXPECT_EQ(m_registry->remove_target("south", "main").error().code(), base::ErrorCode::not_found);
  ASSERT_TRUE(m_registry->consume("north", QuotaKind::deploys, 2).ok());
  EXPECT_EQ(m_registry->used_today("south", QuotaKind::deploys).value(), 0);
  ASSERT_TRUE(m_registry->remove("north").ok());
  EXPECT_TRUE(m_registry->get("south").ok());
  EXPECT_EQ(m_registry->list()->size(), 1u);
}

std::map<std::string, std::string> read_archive(const std::filesystem::path& path) {
  std::map<std::string, std::string> files;
  archive* reader = archive_read_new();
  archive_read_support_filter_all(reader);
  archive_read_support_format_all(reader);
  EXPECT_EQ(archive_read_open_filename(reader, path.c_str(), 10240), ARCHIVE_OK);
  archive_entry* entry = nullptr;
  while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
    std::string bytes(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
    archive_read_data(reader, bytes.data(), bytes.size());
    files[archive_entry_pathname(entry)] = bytes;
  }
  archive_read_free(reader);
  return files;
}

TEST_F(TenantRegistryTest, ExportWritesEverySectionAndDeleteSaysWhatWent) {
  Tenant tenant = school("north");
  tenant.targets.push_back(DeployTarget{"main", 1, 2, std::nullopt, "env:NORTH_KEY", false});
  ASSERT_TRUE(m_registry->add(tenant).ok());
  std::vector<std::unique_ptr<TenantDataProvider>> providers;
  providers.push_back(make_registry_provider(*m_registry));
  auto written = export_tenant("north", providers, m_dir / "north.tar.gz");
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  auto files = read_archive(m_dir / "north.tar.gz");
  ASSERT_TRUE(files.contains("manifest.json"));
  ASSERT_TRUE(files.contains("tenant/records.json"));
  EXPECT_NE(files["tenant/records.json"].find("\"env:NORTH_KEY\""), std::string::npos);
  auto removed = remove_tenant("north", providers);
  ASSERT_TRUE(removed.ok()) << removed.error().to_string();
  EXPECT_EQ((*removed)[0].name, "tenant");
  EXPECT_EQ((*removed)[0].records, 2);  // the tenant row and its target
  EXPECT_EQ(m_registry->get("north").error().code(), base::ErrorCode::not_found);
}

TEST(TenantFields, SecretReferencesStayInsideTheirTenant) {
  EXPECT_EQ(tenant_secret_name("north", "roblox-key").value(), "north.roblox-key");
  EXPECT_FALSE(tenant_secret_name("no.rth", "key").ok());  // a dot in the tenant could reach another's secrets
  EXPECT_FALSE(tenant_secret_name("north", "").ok());
}

TEST(TenantFields, CreatorsParseAndPrint) {
  EXPECT_EQ(format_creator(parse_creator("group:789").value()), "group:789");
  EXPECT_EQ(format_creator(parse_creator("user:42").value()), "user:42");
  EXPECT_FALSE(parse_creator("team:1").ok());
  EXPECT_FALSE(parse_creator("group:-4").ok());
  EXPECT_FALSE(parse_creator("group:12x").ok());
}

}  // namespace
}  // namespace rbxpipe::platform::tenant
