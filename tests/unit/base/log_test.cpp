#include "base/log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/fake_clock.h"

namespace rbxpipe::base {
namespace {

using namespace std::chrono_literals;

// Collects lines for inspection; the logger serialises calls, the mutex only guards reads from the test thread.
struct Captured {
  std::mutex mutex;
  std::vector<std::string> lines;

  Logger::Sink sink() {
    return [this](std::string_view line) {
      std::lock_guard lock(mutex);
      lines.emplace_back(line);
    };
  }
};

class LoggerTest : public ::testing::Test {
 protected:
  LoggerTest() { clock.advance(48h + 20h + 48min + 50s); }  // 2026-01-03T20:48:50Z

  Logger make(LogLevel level = LogLevel::info, LogFormat format = LogFormat::human) {
    return Logger(level, format, captured.sink(), &clock);
  }

  testing::FakeClock clock;
  Captured captured;
};

TEST_F(LoggerTest, HumanFormatIsExact) {
  Logger logger = make();
  logger.log(LogLevel::info, "uploaded asset", {{"key", "value"}, {"key2", "value with spaces"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], "2026-01-03T20:48:50Z info uploaded asset key=value key2=\"value with spaces\"");
}

TEST_F(LoggerTest, HumanFormatQuotesEmptyAndEscapesSpecialValues) {
  Logger logger = make();
  logger.log(LogLevel::warn, "two\nlines", {{"empty", ""}, {"q", "say \"hi\""}, {"eq", "a=b"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], R"(2026-01-03T20:48:50Z warn two\nlines empty="" q="say \"hi\"" eq="a=b")");
}

TEST_F(LoggerTest, JsonFormatIsExact) {
  Logger logger = make(LogLevel::info, LogFormat::json);
  logger.log(LogLevel::error, "publish \"failed\"", {{"place", "Volcano"}, {"attempt", "3"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], R"({"ts":"2026-01-03T20:48:50Z","level":"error","msg":"publish \"failed\"",)"
                               R"("place":"Volcano","attempt":"3"})");
}

TEST_F(LoggerTest, JsonLineParsesBackWithControlCharacters) {
  Logger logger = make(LogLevel::info, LogFormat::json);
  logger.log(LogLevel::info, "tab\there", {{"path", "a\\b\nc"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  const auto parsed = nlohmann::json::parse(captured.lines[0]);
  EXPECT_EQ(parsed["msg"], "tab\there");
  EXPECT_EQ(parsed["path"], "a\\b\nc");
  EXPECT_EQ(captured.lines[0].find('\n'), std::string::npos);
}

TEST_F(LoggerTest, LevelsBelowMinimumAreDropped) {
  Logger logger = make(LogLevel::warn);
  logger.log(LogLevel::trace, "t");
  logger.log(LogLevel::debug, "d");
  logger.log(LogLevel::info, "i");
  logger.log(LogLevel::warn, "w");
  logger.log(LogLevel::error, "e");
  ASSERT_EQ(captured.lines.size(), 2u);
  EXPECT_EQ(captured.lines[0], "2026-01-03T20:48:50Z warn w");
  EXPECT_EQ(captured.lines[1], "2026-01-03T20:48:50Z error e");
}

TEST_F(LoggerTest, EnabledFollowsSetLevel) {
  Logger logger = make(LogLevel::info);
  EXPECT_FALSE(logger.enabled(LogLevel::debug));
  EXPECT_TRUE(logger.enabled(LogLevel::info));
  logger.set_level(LogLevel::trace);
  EXPECT_TRUE(logger.enabled(LogLevel::trace));
  logger.set_level(LogLevel::off);
  EXPECT_FALSE(logger.enabled(LogLevel::error));
  logger.log(LogLevel::error, "silenced");
  EXPECT_TRUE(captured.lines.empty());
}

TEST_F(LoggerTest, OffLevelMessagesAreNeverWritten) {
  Logger logger = make(LogLevel::trace);
  EXPECT_FALSE(logger.enabled(LogLevel::off));
  logger.log(LogLevel::off, "never");
  EXPECT_TRUE(captured.lines.empty());
}

TEST_F(LoggerTest, SetFormatSwitchesOutput) {
  Logger logger = make();
  logger.set_format(LogFormat::json);
  logger.log(LogLevel::info, "hi");
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], R"({"ts":"2026-01-03T20:48:50Z","level":"info","msg":"hi"})");
}

TEST_F(LoggerTest, SetSinkRedirectsLines) {
  Logger logger = make();
  std::vector<std::string> other;
  logger.set_sink([&other](std::string_view line) { other.emplace_back(line); });
  logger.log(LogLevel::info, "moved");
  EXPECT_TRUE(captured.lines.empty());
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0], "2026-01-03T20:48:50Z info moved");
}

TEST_F(LoggerTest, SecretIsRedactedInMessageAndFields) {
  Logger logger = make();
  logger.add_secret("hunter2");
  logger.log(LogLevel::info, "token hunter2 used", {{"auth", "Bearer hunter2"}, {"raw", "hunter2"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], "2026-01-03T20:48:50Z info token *** used auth=\"Bearer ***\" raw=***");
}

TEST_F(LoggerTest, SecretIsRedactedInJsonEvenWhenEscaped) {
  Logger logger = make(LogLevel::info, LogFormat::json);
  logger.add_secret("pa\"ss");
  logger.add_secret("plain-key");
  logger.log(LogLevel::info, "key plain-key", {{"password", "pa\"ss"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], R"({"ts":"2026-01-03T20:48:50Z","level":"info","msg":"key ***","password":"***"})");
}

TEST_F(LoggerTest, LongerSecretIsRedactedWhole) {
  Logger logger = make();
  logger.add_secret("abc");
  logger.add_secret("abcdef");
  logger.log(LogLevel::info, "abcdef abc");
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], "2026-01-03T20:48:50Z info *** ***");
}

TEST_F(LoggerTest, EmptySecretIsIgnored) {
  Logger logger = make();
  logger.add_secret("");
  logger.log(LogLevel::info, "untouched");
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(captured.lines[0], "2026-01-03T20:48:50Z info untouched");
}

TEST_F(LoggerTest, RedactorRunsAfterSecretReplacement) {
  Logger logger = make();
  logger.add_secret("s3cr3t");
  std::string seen;
  logger.set_redactor([&seen](std::string line) {
    seen = line;
    const auto at = line.find("user@example.com");
    if (at != std::string::npos) line.replace(at, 16, "<email>");
    return line;
  });
  logger.log(LogLevel::info, "login", {{"who", "user@example.com"}, {"pw", "s3cr3t"}});
  ASSERT_EQ(captured.lines.size(), 1u);
  EXPECT_EQ(seen, "2026-01-03T20:48:50Z info login who=user@example.com pw=***");
  EXPECT_EQ(captured.lines[0], "2026-01-03T20:48:50Z info login who=<email> pw=***");
}

TEST_F(LoggerTest, TimestampFollowsTheClock) {
  Logger logger = make();
  logger.log(LogLevel::info, "one");
  clock.advance(61s);
  logger.log(LogLevel::info, "two");
  ASSERT_EQ(captured.lines.size(), 2u);
  EXPECT_EQ(captured.lines[1], "2026-01-03T20:49:51Z info two");
}

TEST_F(LoggerTest, ConcurrentLoggingProducesWholeLines) {
  Logger logger = make();
  constexpr int k_threads = 8;
  constexpr int k_lines = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < k_lines; ++i) {
        logger.log(LogLevel::info, "worker", {{"thread", std::to_string(t)}, {"n", std::to_string(i)}});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(captured.lines.size(), static_cast<std::size_t>(k_threads * k_lines));
  std::vector<int> per_thread(k_threads, 0);
  for (const auto& line : captured.lines) {
    int t = -1;
    int n = -1;
    ASSERT_EQ(std::sscanf(line.c_str(), "2026-01-03T20:48:50Z info worker thread=%d n=%d", &t, &n), 2) << line;
    ASSERT_GE(t, 0);
    ASSERT_LT(t, k_threads);
    EXPECT_EQ(n, per_thread[static_cast<std::size_t>(t)]++) << "lines from one thread arrive in order";
  }
}

TEST(LogLevel, ParsesNamesCaseInsensitively) {
  LogLevel level = LogLevel::info;
  ASSERT_TRUE(parse_log_level("TRACE", level));
  EXPECT_EQ(level, LogLevel::trace);
  ASSERT_TRUE(parse_log_level("Debug", level));
  EXPECT_EQ(level, LogLevel::debug);
  ASSERT_TRUE(parse_log_level("warn", level));
  EXPECT_EQ(level, LogLevel::warn);
  ASSERT_TRUE(parse_log_level("error", level));
  EXPECT_EQ(level, LogLevel::error);
  ASSERT_TRUE(parse_log_level("off", level));
  EXPECT_EQ(level, LogLevel::off);
  ASSERT_TRUE(parse_log_level("info", level));
  EXPECT_EQ(level, LogLevel::info);
}

TEST(LogLevel, RejectsUnknownNamesAndLeavesLevelAlone) {
  LogLevel level = LogLevel::warn;
  EXPECT_FALSE(parse_log_level("verbose", level));
  EXPECT_FALSE(parse_log_level("", level));
  EXPECT_FALSE(parse_log_level("info ", level));
  EXPECT_EQ(level, LogLevel::warn);
}

TEST(LogDefault, DefaultLoggerIsOneInstanceAtInfo) {
  EXPECT_EQ(&default_logger(), &default_logger());
  EXPECT_TRUE(default_logger().enabled(LogLevel::info));
  EXPECT_FALSE(default_logger().enabled(LogLevel::debug));
}

}  // namespace
}  // namespace rbxpipe::base
