#include "base/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "tests/unit/luau_analyzers/fake_tools.h"

namespace rbxpipe::luau::analyzers {
namespace {

using namespace std::chrono_literals;
using base::find_program;
using base::k_max_tool_output;
using base::run_tool;
using base::ToolCommand;
using base::ToolRun;
using testing::TempDir;

ToolCommand command_for(const std::filesystem::path& program, const TempDir& dir,
                        std::chrono::milliseconds timeout = 10s) {
  ToolCommand command;
  command.program = program;
  command.working_directory = dir.path();
  command.timeout = timeout;
  return command;
}

TEST(ToolProcess, CapturesStdoutStderrAndTheExitCode) {
  TempDir dir;
  auto tool = testing::write_tool(dir, "tool", "printf 'out %s\\n' \"$1\"\nprintf 'err\\n' >&2\nexit 3");
  auto command = command_for(tool, dir);
  command.arguments = {"a b"};
  auto run = run_tool(command);
  ASSERT_TRUE(run) << run.error().to_string();
  EXPECT_EQ(run->out, "out a b\n");
  EXPECT_EQ(run->err, "err\n");
  EXPECT_EQ(run->exit_code, 3);
  EXPECT_FALSE(run->timed_out);
}

TEST(ToolProcess, RunsInTheWorkingDirectoryWithStdinClosed) {
  TempDir dir;
  auto tool = testing::write_tool(dir, "tool", "pwd -P\ncat");
  auto run = run_tool(command_for(tool, dir));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->out, std::filesystem::canonical(dir.path()).string() + "\n");
  EXPECT_EQ(run->exit_code, 0);
}

TEST(ToolProcess, KillsAToolPastItsLimitWithEverythingItStarted) {
  TempDir dir;
  auto tool = testing::write_tool(dir, "tool",
                                  "sleep 1000 &\necho $! > sleeper.pid\necho $$ > tool.pid\nprintf partial\nwait");
  const auto started = std::chrono::steady_clock::now();
  auto run = run_tool(command_for(tool, dir, 500ms));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(run);
  EXPECT_TRUE(run->timed_out);
  EXPECT_LT(elapsed, 5s);
  EXPECT_GE(elapsed, 500ms);
  EXPECT_EQ(run->out, "partial");
  const pid_t tool_pid = testing::read_pid(dir / "tool.pid");
  const pid_t sleeper_pid = testing::read_pid(dir / "sleeper.pid");
  ASSERT_GT(tool_pid, 0);
  ASSERT_GT(sleeper_pid, 0);
  EXPECT_TRUE(testing::process_gone(tool_pid));
  // The grandchild shared the group; its death may take a moment to show once its parent is gone.
  for (int i = 0; i < 100 && !testing::process_gone(sleeper_pid); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(testing::process_gone(sleeper_pid));
}

TEST(ToolProcess, AGrandchildHoldingThePipeDoesNotDelayTheResult) {
  TempDir dir;
  auto tool = testing::write_tool(dir, "tool", "sleep 30 &\necho $! > helper.pid\necho done");
  const auto started = std::chrono::steady_clock::now();
  auto run = run_tool(command_for(tool, dir, 20s));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const pid_t helper = testing::read_pid(dir / "helper.pid");
  if (helper > 0) ::kill(helper, SIGKILL);
  ASSERT_TRUE(run);
  EXPECT_FALSE(run->timed_out);
  EXPECT_EQ(run->out, "done\n");
  EXPECT_LT(elapsed, 5s);
}

TEST(ToolProcess, LargeOutputIsReadWhileTheToolWrites) {
  TempDir dir;
  auto tool = testing::write_tool(dir, "tool", "head -c 3000000 /dev/zero | tr '\\000' a\nhead -c 200000 /dev/zero >&2");
  auto run = run_tool(command_for(tool, dir));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->out.size(), 3000000u);
  EXPECT_EQ(run->out.find_first_not_of('a'), std::string::npos);
  EXPECT_EQ(run->err.size(), 200000u);
}

TEST(ToolProcess, AProgramThatDoesNotExistIsAnError) {
  TempDir dir;
  auto run = run_tool(command_for(dir / "no-such-tool", dir));
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().message().find("no-such-tool"), std::string::npos) << run.error().message();
}

TEST(ToolProcess, FindProgramSearchesPath) {
  TempDir dir;
  testing::write_tool(dir, "rbxpipe-fake-tool", "exit 0");
  testing::PathOverride path(dir.path(), false);
  auto found = find_program("rbxpipe-fake-tool");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, dir / "rbxpipe-fake-tool");
  EXPECT_FALSE(find_program("rbxpipe-no-such-tool"));
  EXPECT_FALSE(find_program(""));
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
