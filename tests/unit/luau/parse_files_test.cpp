// Every Luau file the project ships or tests with parses without a diagnostic.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "luau/parser.h"

namespace rbxpipe::luau {
namespace {

namespace fs = std::filesystem;

// Folders whose name says their Luau is broken on purpose (fixtures for syntax-error reporting) are skipped.
bool broken_on_purpose(const fs::path& path) {
  for (const auto& part : path) {
    std::string name = part.string();
    if (name.find("invalid") != std::string::npos || name.find("syntax-error") != std::string::npos ||
        name.find("syntax_error") != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::vector<fs::path> luau_files() {
  std::vector<fs::path> files;
  for (const char* folder : {"luau/runtime", "fixtures", "config/scaffold"}) {
    fs::path root = fs::path(RBXPIPE_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      auto extension = entry.path().extension();
      if (!entry.is_regular_file() || (extension != ".luau" && extension != ".lua")) continue;
      if (!broken_on_purpose(fs::relative(entry.path(), RBXPIPE_SOURCE_DIR))) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ProjectLuauFiles, AllParseWithoutDiagnostics) {
  auto files = luau_files();
  EXPECT_GE(files.size(), 10u);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    base::SourceText source(file.string(), contents.str());
    auto result = parse_luau(source);
    EXPECT_TRUE(result.diagnostics.empty()) << base::render_text(result.diagnostics, {false, true});
  }
}

}  // namespace
}  // namespace rbxpipe::luau
