// Crash safety: a deploy of a 200-asset lesson killed with SIGKILL at many points, each time resumed by the next
// run, ends with one succeeded deployment and no asset uploaded twice, except creates that were in flight when a
// run died, which the resuming run must report by name (CONTRACTS.md §6).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/file_io.h"
#include "tests/e2e/deploy_fixture.h"

extern char** environ;

namespace rbxpipe::testing {
namespace {

// A running rbxpipe whose stderr goes to a file.
struct Child {
  pid_t pid = 0;
  std::filesystem::path err;
};

Child spawn_deploy(const DeployFixture& fixture, const std::filesystem::path& err) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    auto equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : fixture.environment()) variables[name] = value;
  std::vector<std::string> env_text;
  for (const auto& [name, value] : variables) env_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& text : env_text) envp.push_back(text.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = {RBXPIPE_BINARY, "--progress", "plain", "deploy", fixture.project().string()};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  Child child{0, err};
  int failed = posix_spawn(&child.pid, RBXPIPE_BINARY, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(failed, 0);
  return child;
}

std::size_t count_route(cloud::emulator::Emulator& emulator, const std::string& route) {
  std::size_t count = 0;
  for (const auto& record : emulator.request_log()) count += record.route == route ? 1 : 0;
  return count;
}

// One kill: run until `reached` holds, then SIGKILL. Returns false when the run ended on its own first.
bool kill_when(Child child, const std::function<bool()>& reached) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(child.pid, &status, WNOHANG) == child.pid) return false;
    if (reached()) {
      ::kill(child.pid, SIGKILL);
      ::waitpid(child.pid, &status, 0);
      return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(child.pid, SIGKILL);
  ::waitpid(child.pid, nullptr, 0);
  ADD_FAILURE() << "the deploy neither finished nor reached the kill point";
  return false;
}

std::set<std::string> reported_duplicates(const std::string& err) {
  std::set<std::string> names;
  const std::string marker = "possible duplicate: ";
  for (auto at = err.find(marker); at != std::string::npos; at = err.find(marker, at + 1)) {
    auto start = at + marker.size();
    names.insert(err.substr(start, err.find(' ', start) - start));
  }
  return names;
}

TEST(DeployKill, ResumesAfterSigkillAtManyPointsWithoutDuplicates) {
  DeployFixture fixture;
  constexpr int k_assets = 200;
  for (int i = 0; i < k_assets; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "assets/images/gen/%03d.png", i);
    fixture.write_image(name, 16, static_cast<std::uint8_t>(i));
  }
  auto& emulator = fixture.emulator();
  const auto creates = [&] { return count_route(emulator, "assets.create"); };
  const auto publishes = [&] { return count_route(emulator, "places.publish"); };
  const std::vector<std::pair<std::string, std::function<bool()>>> points = {
      {"at once", [] { return true; }},
      {"after the key check", [&] { return count_route(emulator, "keys.introspect") >= 1; }},
      {"after 1 create", [&] { return creates() >= 1; }},
      {"after 20 creates", [&] { return creates() >= 20; }},
      {"after 50 creates", [&] { return creates() >= 50; }},
      {"after 80 creates", [&] { return creates() >= 80; }},
      {"after 120 creates", [&] { return creates() >= 120; }},
      {"after 160 creates", [&] { return creates() >= 160; }},
      {"after 199 creates", [&] { return creates() >= 199; }},
      {"after the Saved publish", [&] { return publishes() >= 1; }},
      {"after the smoke test started", [&] { return count_route(emulator, "luau.create") >= 1; }},
      {"after the Published publish", [&] { return publishes() >= 2; }},
  };
  std::set<std::string> reported;
  int kills = 0;
  const auto logs = fixture.home().parent_path();
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto err = logs / ("deploy-" + std::to_string(i) + ".err");
    const bool killed = kill_when(spawn_deploy(fixture, err), points[i].second);
    kills += killed ? 1 : 0;
    auto text = base::read_file(err);
    if (!killed) ADD_FAILURE() << "the run meant to die " << points[i].first << " ended on its own:\n" << text.value_or("");
    if (text.ok()) {
      for (const auto& name : reported_duplicates(*text)) reported.insert(name);
    }
  }
  EXPECT_GE(kills, 10);

  auto final_run = fixture.run({"--progress", "plain", "deploy", "--json"});
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  for (const auto& name : reported_duplicates(final_run.err)) reported.insert(name);
  auto report = nlohmann::json::parse(final_run.out);
  EXPECT_EQ(report["status"], "succeeded");
  std::set<std::string> recorded;
  for (const auto& name : report["possible_duplicates"]) recorded.insert(name.get<std::string>());
  EXPECT_EQ(recorded, reported) << final_run.out;  // the record keeps what every interrupted run reported

  auto releases = fixture.run({"releases", "--json"});
  auto listed = nlohmann::json::parse(releases.out);
  int succeeded = 0;
  for (const auto& deployment : listed["deployments"]) succeeded += deployment["status"] == "succeeded" ? 1 : 0;
  EXPECT_EQ(succeeded, 1) << listed.dump(2);
  EXPECT_EQ(emulator.live_place_sha256(1), report["place_sha256"].get<std::string>());

  // Every input exists on Roblox; any content uploaded twice was reported by name.
  std::map<std::string, std::vector<std::string>> by_content;
  for (const auto& asset : emulator.assets()) by_content[asset.sha256].push_back(asset.display_name);
  EXPECT_EQ(by_content.size(), static_cast<std::size_t>(k_assets + 2));
  std::size_t duplicates = 0;
  for (const auto& [sha, names] : by_content) {
    if (names.size() < 2) continue;
    duplicates += names.size() - 1;
    const std::string input = names.front().substr(names.front().find(' ') + 1);
    EXPECT_TRUE(reported.contains(input)) << input << " was uploaded twice without being reported";
  }
  EXPECT_LE(duplicates, reported.size());
  EXPECT_LE(duplicates, static_cast<std::size_t>(kills));  // one create in flight at a time: at most one per kill
  std::cout << "kills: " << kills << ", duplicate uploads: " << duplicates << ", reported: " << reported.size()
            << ", assets on Roblox: " << emulator.assets().size() << '\n';
}

}  // namespace
}  // namespace rbxpipe::testing
