#include "luau/analyzers/analyzers.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/unit/luau_analyzers/fake_tools.h"

namespace rbxpipe::luau::analyzers {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

const std::string k_selene_line =
    R"({"type":"Diagnostic","severity":"Warning","code":"unused_variable","message":"x is defined, but never used","primary_label":{"filename":"./src/a.luau","span":{"start":6,"start_line":0,"start_column":6,"end":7,"end_line":0,"end_column":7},"message":""},"notes":[],"secondary_labels":[]})";

std::string dump(const std::vector<base::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += diagnostic.code + ": " + diagnostic.message + "\n";
  return text;
}

// A project folder with one script, and a folder of fake tools that alone makes up PATH.
class Analyzers : public ::testing::Test {
 protected:
  Analyzers() : m_path(m_tools.path(), false) { m_project.write("src/a.luau", "local x = 1\n"); }

  AnalyzerRequest request(std::vector<std::string> analyzers, std::chrono::milliseconds timeout = 10s) const {
    AnalyzerRequest result;
    result.analyzers = std::move(analyzers);
    result.files = {"src/a.luau"};
    result.working_directory = m_project.path();
    result.timeout = timeout;
    result.sources = [this](const std::string& file) { return file == "src/a.luau" ? &m_source : nullptr; };
    return result;
  }

  TempDir m_tools;
  TempDir m_project;
  testing::PathOverride m_path;
  base::SourceText m_source{"src/a.luau", "local x = 1\n"};
};

TEST_F(Analyzers, AToolMissingFromPathIsANoteNamingTheConfigFile) {
  auto diagnostics = run_analyzers(request({"selene"}));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].severity, base::Severity::note);
  EXPECT_EQ(diagnostics[0].code, "TOOL0001");
  EXPECT_EQ(diagnostics[0].file, "rbxpipe.json");
  EXPECT_EQ(diagnostics[0].message, "'selene' is listed in luau.analyzers but is not on PATH; it was not run");
  EXPECT_EQ(diagnostics[0].help, "install selene, or remove it from luau.analyzers");
}

TEST_F(Analyzers, FindingsOfAFakeToolOnPathBecomeDiagnostics) {
  testing::write_tool(m_tools, "selene",
                      "[ \"$1\" = --display-style=json2 ] || exit 9\n"
                      "[ -f \"$3\" ] || exit 8\n"
                      "cat <<'EOF'\n" + k_selene_line + "\n{\"type\":\"Summary\",\"errors\":0,\"warnings\":1,\"parse_errors\":0}\nEOF\n"
                      "exit 1");
  auto diagnostics = run_analyzers(request({"selene"}));
  ASSERT_EQ(diagnostics.size(), 1u) << dump(diagnostics);
  const auto& unused = diagnostics[0];
  EXPECT_EQ(unused.code, "selene::unused_variable");
  EXPECT_EQ(unused.severity, base::Severity::warning);
  EXPECT_EQ(unused.file, "src/a.luau");  // "./" dropped: the name we gave
  EXPECT_EQ(unused.location, (base::SourceLocation{1, 7}));
  EXPECT_EQ(unused.source_line, "local x = 1");
}

TEST_F(Analyzers, AToolPastTheLimitIsKilledAndReportedByNameAndLimit) {
  testing::write_tool(m_tools, "luau-analyze", "echo $$ > tool.pid\nexec sleep 1000");
  const auto started = std::chrono::steady_clock::now();
  auto diagnostics = run_analyzers(request({"luau-analyze"}, 300ms));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "TOOL0002");
  EXPECT_EQ(diagnostics[0].severity, base::Severity::warning);
  EXPECT_EQ(diagnostics[0].message, "luau-analyze did not finish within 300 ms and was stopped; its findings are missing");
  EXPECT_EQ(diagnostics[0].help, "raise luau.timeout_s in rbxpipe.json");
  const pid_t pid = testing::read_pid(m_project / "tool.pid");
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(testing::process_gone(pid));
}

TEST_F(Analyzers, ToolsRunAtTheSameTime) {
  for (const char* name : {"luau-analyze", "selene", "stylua"}) testing::write_tool(m_tools, name, "sleep 1");
  const auto started = std::chrono::steady_clock::now();
  auto diagnostics = run_analyzers(request({"luau-analyze", "selene", "stylua"}));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2800ms);  // one after another would take 3 s
  EXPECT_TRUE(diagnostics.empty()) << dump(diagnostics);
}

TEST_F(Analyzers, AFailureWithNothingToShowIsReported) {
  testing::write_tool(m_tools, "stylua", "echo 'Segmentation fault' >&2\nexit 139");
  auto diagnostics = run_analyzers(request({"stylua"}));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "TOOL0003");
  EXPECT_EQ(diagnostics[0].message, "stylua exited with status 139: Segmentation fault");
}

TEST_F(Analyzers, UnknownAndRepeatedNamesAndNoFilesRunNothingExtra) {
  testing::write_tool(m_tools, "selene", "echo ran >> \"$(dirname \"$0\")/count\"");
  auto diagnostics = run_analyzers(request({"eslint", "selene", "selene"}));
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(m_tools.read("count"), "ran\n");

  auto nothing = request({"selene"});
  nothing.files.clear();
  EXPECT_TRUE(run_analyzers(nothing).empty());
  EXPECT_EQ(m_tools.read("count"), "ran\n");
}

TEST(AnalyzerInterpretation, SelfComplaintsAreWarningsNamingTheTool) {
  AnalyzerRequest request;
  ToolRun run;
  run.exit_code = 1;
  run.err = "ERROR: Config error: unknown field `stdd`\n";
  auto diagnostics = interpret_run(AnalyzerKind::selene, run, request);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "TOOL0003");
  EXPECT_EQ(diagnostics[0].severity, base::Severity::warning);
  EXPECT_EQ(diagnostics[0].message, "selene: Config error: unknown field `stdd`");
}

TEST(AnalyzerInterpretation, ArgumentsAskForMachineReadableOutput) {
  EXPECT_EQ(analyzer_arguments(AnalyzerKind::stylua, {"a.luau", "-b.luau"}),
            (std::vector<std::string>{"--check", "--output-format=json", "--color=Never", "a.luau", "./-b.luau"}));
  EXPECT_EQ(analyzer_arguments(AnalyzerKind::selene, {"a.luau"}),
            (std::vector<std::string>{"--display-style=json2", "--color=Never", "a.luau"}));
  EXPECT_EQ(analyzer_arguments(AnalyzerKind::luau_analyze, {"a.luau"}), (std::vector<std::string>{"a.luau"}));
}

TEST(AnalyzerInterpretation, NamesRoundTrip) {
  for (auto kind : {AnalyzerKind::luau_analyze, AnalyzerKind::selene, AnalyzerKind::stylua}) {
    EXPECT_EQ(analyzer_from_name(analyzer_name(kind)), kind);
  }
  EXPECT_FALSE(analyzer_from_name("eslint"));
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
