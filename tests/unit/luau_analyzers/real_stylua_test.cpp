// The real StyLua, when it is installed (scripts/install-deps.sh installs it from npm where npm is available).
// Without it the same request must still succeed, with the missing-tool note in place of the findings.
#include <gtest/gtest.h>

#include <iostream>

#include "luau/analyzers/analyzers.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::luau::analyzers {
namespace {

TEST(RealStylua, ReportsABadlyFormattedFileAtItsFirstDifferingLine) {
  testing::TempDir project;
  project.write("good.luau", "local x = 1\nreturn x\n");
  project.write("src/bad.luau", "local x = 1\nlocal   y = {1,2}\nreturn x+y\n");
  AnalyzerRequest request;
  request.analyzers = {"stylua"};
  request.files = {"good.luau", "src/bad.luau"};
  request.working_directory = project.path();
  request.timeout = std::chrono::seconds(60);
  auto diagnostics = run_analyzers(request);

  ASSERT_EQ(diagnostics.size(), 1u);
  if (!find_program("stylua")) {
    std::cerr << "note: stylua is not on PATH; this test checked the missing-tool note only\n";
    EXPECT_EQ(diagnostics[0].code, "TOOL0001");
    EXPECT_EQ(diagnostics[0].severity, base::Severity::note);
    return;
  }
  EXPECT_EQ(diagnostics[0].code, "stylua::format") << diagnostics[0].message;
  EXPECT_EQ(diagnostics[0].severity, base::Severity::warning);
  EXPECT_EQ(diagnostics[0].file, "src/bad.luau");
  EXPECT_EQ(diagnostics[0].location, (base::SourceLocation{2, 1}));
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
