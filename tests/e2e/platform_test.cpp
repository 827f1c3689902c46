// The administration commands end to end with a private state folder: tenants, deploy targets, API tokens and
// secrets, export and delete; and no secret or token ever appears in output or logs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {
namespace {

class AdminCommands : public ::testing::Test {
 protected:
  ProcessResult run(std::vector<std::string> args, std::string input = {}) {
    std::vector<std::string> argv = {RBXPIPE_BINARY, "--progress", "none", "--log-level", "debug"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = run_process(argv, m_dir.path(),
                              {{"NO_COLOR", "1"}, {"RBXPIPE_HOME", (m_dir / "home").string()},
                               {"RBXPIPE_MASTER_KEY", ""}},
                              input);
    m_everything += result.out + result.err;
    return result;
  }
  TempDir m_dir;
  std::string m_everything;  // every byte any command printed
};

TEST_F(AdminCommands, TenantLifecycleWithTargetsTokensExportAndDelete) {
  ASSERT_EQ(run({"tenant", "add", "north", "--creator", "group:789", "--deploys-per-day", "5"}).exit_code, 0);
  EXPECT_EQ(run({"tenant", "add", "north", "--creator", "group:789"}).exit_code, 1);  // already exists
  EXPECT_EQ(run({"tenant", "add", "Bad..Id", "--creator", "group:1"}).exit_code, 2);
  ASSERT_EQ(run({"tenant", "target", "north", "class-7b", "--universe", "11", "--place", "22", "--api-key",
                 "secret:north-key", "--protected"})
                .exit_code,
            0);
  auto shown = run({"tenant", "show", "north", "--json"});
  ASSERT_EQ(shown.exit_code, 0);
  auto json = nlohmann::json::parse(shown.out);
  EXPECT_EQ(json["targets"][0]["api_key"], "secret:north-key");
  EXPECT_EQ(json["quotas"]["deploys_per_day"], 5);

  auto token = run({"token", "create", "--tenant", "north", "--permission", "deploy", "--name", "ci"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string text = token.out.substr(0, token.out.find('\n'));
  EXPECT_TRUE(text.starts_with("rbxp_")) << text;

  ASSERT_EQ(run({"tenant", "export", "north", "-o", (m_dir / "north.tar.gz").string()}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(m_dir / "north.tar.gz"));
  EXPECT_EQ(run({"tenant", "delete", "north"}).exit_code, 3);  // needs --yes
  auto deleted = run({"tenant", "delete", "north", "--yes", "--json"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  auto removed = nlohmann::json::parse(deleted.out)["removed"];
  EXPECT_EQ(removed["tokens"], 1);
  EXPECT_EQ(removed["tenant"], 2);
  EXPECT_EQ(run({"tenant", "show", "north"}).exit_code, 2);
  // The token text was printed once, by create, and never again.
  EXPECT_EQ(m_everything.find(text), m_everything.rfind(text));
}

TEST_F(AdminCommands, SecretsAreNeverPrinted) {
  const std::string secret = "s3cr3t-value-9f8e7d";
  ASSERT_EQ(run({"secret", "set", "school-key"}, secret).exit_code, 0);
  ASSERT_EQ(run({"secret", "set", "other-key"}, secret + "-other").exit_code, 0);
  auto listed = run({"secret", "list"});
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find("school-key"), std::string::npos);
  run({"secret", "list", "--json"});
  run({"tenant", "add", "north", "--creator", "group:789"});
  run({"tenant", "target", "north", "main", "--universe", "1", "--place", "2", "--api-key", "secret:school-key"});
  run({"tenant", "show", "north", "--json"});
  ASSERT_EQ(run({"secret", "rm", "other-key"}).exit_code, 0);
  EXPECT_EQ(run({"secret", "rm", "other-key"}).exit_code, 2);
  EXPECT_EQ(m_everything.find(secret), std::string::npos) << m_everything;
}

TEST_F(AdminCommands, AWrongMasterKeyIsRefusedNotGarbage) {
  ASSERT_EQ(run({"secret", "set", "school-key"}, "value-1").exit_code, 0);
  auto wrong = run_process({RBXPIPE_BINARY, "secret", "list"}, m_dir.path(),
                           {{"RBXPIPE_HOME", (m_dir / "home").string()},
                            {"RBXPIPE_MASTER_KEY", std::string(64, 'a')}});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("master key"), std::string::npos) << wrong.err;
}

}  // namespace
}  // namespace rbxpipe::testing
