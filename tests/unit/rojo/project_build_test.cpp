#include "rojo/project_build.h"

#include <gtest/gtest.h>

#include <fstream>

#include "rojo/build_cache.h"
#include "rojo/file_watcher.h"
#include "rojo/sourcemap.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::rojo {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

void write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

struct Built {
  ProjectBuild build;
  std::string diagnostics;  // "code file:line" per diagnostic
};

Built build_at(const fs::path& project) {
  SourceFiles files;
  Built out{build_project(ProjectBuildOptions{project, {}, {}, nullptr, false}, files), {}};
  for (const auto& d : out.build.diagnostics)
    out.diagnostics += d.code + " " + d.file + ":" + std::to_string(d.location.line) + "\n";
  return out;
}

// "Class Name" of each child of the instance at a dotted path ("" for the root).
std::string children_of(const rbx::dom::Dom& dom, const std::string& path) {
  auto id = dom.root();
  std::string rest = path;
  while (!rest.empty()) {
    auto dot = rest.find('.');
    id = dom.find_child(id, rest.substr(0, dot));
    if (id == rbx::types::k_null_instance) return "<missing>";
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
  }
  std::string out;
  for (auto child : dom.get(id).children) out += dom.get(child).class_name + " " + dom.get(child).name + "; ";
  return out;
}

TEST(ProjectBuild, InfersServicesStarterPlayerFoldersAndTerrain) {
  TempDir dir;
  write(dir / "default.project.json", R"({"name": "Game", "tree": {"$className": "DataModel",
    "ReplicatedStorage": {}, "Workspace": {"Terrain": {}},
    "StarterPlayer": {"StarterPlayerScripts": {}, "StarterCharacterScripts": {}}}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "");
  EXPECT_EQ(children_of(built.build.dom, ""),
            "ReplicatedStorage ReplicatedStorage; StarterPlayer StarterPlayer; Workspace Workspace; ");
  EXPECT_EQ(children_of(built.build.dom, "Workspace"), "Terrain Terrain; ");
  EXPECT_EQ(children_of(built.build.dom, "StarterPlayer"),
            "StarterCharacterScripts StarterCharacterScripts; StarterPlayerScripts StarterPlayerScripts; ");
  EXPECT_EQ(built.build.dom.get(built.build.dom.root()).name, "Game");
}

TEST(ProjectBuild, PathChildrenComeBeforeProjectChildrenAndProjectPropertiesWin) {
  TempDir dir;
  write(dir / "src/b.luau", "return 'b'\n");
  write(dir / "src/a.luau", "return 'a'\n");
  write(dir / "src/init.meta.json", R"({"className": "Configuration"})");
  write(dir / "default.project.json", R"({"tree": {"$path": "src", "Zeta": {"$className": "Folder"},
    "Alpha": {"$className": "Folder"}}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "");
  EXPECT_EQ(built.build.dom.get(built.build.dom.root()).class_name, "Configuration");
  EXPECT_EQ(children_of(built.build.dom, ""), "ModuleScript a; ModuleScript b; Folder Alpha; Folder Zeta; ");
  // Without a "name", a default project is named after its folder.
  EXPECT_EQ(built.build.dom.get(built.build.dom.root()).name, dir.path().filename().string());
}

TEST(ProjectBuild, InitScriptTakesTheFolderNameAndChildren) {
  TempDir dir;
  write(dir / "src/Tool/init.server.lua", "print(1)\r\n");
  write(dir / "src/Tool/Part.luau", "return 1\n");
  write(dir / "src/Tool/init.meta.json", R"({"properties": {"Disabled": true}})");
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$path": "src"}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "");
  const auto& dom = built.build.dom;
  auto tool = dom.find_child(dom.root(), "Tool");
  ASSERT_NE(tool, rbx::types::k_null_instance);
  EXPECT_EQ(dom.get(tool).class_name, "Script");
  EXPECT_EQ(std::get<rbx::types::ProtectedString>(dom.get(tool).properties.at("Source")).text, "print(1)\n");
  EXPECT_EQ(std::get<bool>(dom.get(tool).properties.at("Disabled")), true);
  EXPECT_EQ(std::get<rbx::types::Enum>(dom.get(tool).properties.at("RunContext")).value, 0u);
  EXPECT_EQ(children_of(dom, "Tool"), "ModuleScript Part; ");
}

TEST(ProjectBuild, UserSyncRulesComeFirstAndStripTheirSuffix) {
  TempDir dir;
  write(dir / "src/bar.server", "-- a script\n");
  write(dir / "src/cat.dog.rojo2", "text");
  write(dir / "src/qux.rojo", R"({"tree": {"$className": "StringValue", "$properties": {"Value": "q"}}})");
  write(dir / "src/rat.ignore.rojo", "{}");
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$path": "src"}, "syncRules": [
    {"pattern": "*.server", "use": "serverScript"},
    {"pattern": "*.rojo", "exclude": "*.ignore.rojo", "use": "project"},
    {"pattern": "*.dog.rojo2", "use": "text", "suffix": ".dog.rojo2"}]})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "");
  EXPECT_EQ(children_of(built.build.dom, ""), "Script bar; StringValue cat; StringValue qux; ");
}

TEST(ProjectBuild, TwoFilesMakingOneNameWarn) {
  TempDir dir;
  write(dir / "src/Thing.lua", "return 1\n");
  write(dir / "src/Thing.luau", "return 2\n");
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$path": "src"}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "ROJO0013 src/Thing.luau:0\n");
  EXPECT_EQ(built.build.diagnostics[0].severity, base::Severity::warning);
}

TEST(ProjectBuild, RefsPointAtIdsAndUnknownIdsAreErrors) {
  TempDir dir;
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$className": "Model",
    "Base": {"$className": "Part", "$id": "base"},
    "Good": {"$className": "WeldConstraint", "$attributes": {"Rojo_Target_Part0": "base"}},
    "Bad": {"$className": "WeldConstraint", "$attributes": {"Rojo_Target_Part1": "nope"}}}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "ROJO0061 default.project.json:0\n");
  const auto& dom = built.build.dom;
  auto good = dom.find_child(dom.root(), "Good");
  auto ref = std::get<rbx::types::Ref>(dom.get(good).properties.at("Part0"));
  EXPECT_EQ(ref.target, dom.find_child(dom.root(), "Base"));
  // Model-family classes get NeedsPivotMigration=false, as Rojo writes them.
  EXPECT_EQ(std::get<bool>(dom.get(dom.root()).properties.at("NeedsPivotMigration")), false);
}

TEST(ProjectBuild, OptionalPathsThatDoNotExistAreLeftOut) {
  TempDir dir;
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$className": "Folder",
    "Maybe": {"$path": {"optional": "gone"}}, "Here": {"$className": "Folder"}}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "");
  EXPECT_EQ(children_of(built.build.dom, ""), "Folder Here; ");
}

TEST(ProjectBuild, ProjectsIncludingThemselvesAreReported) {
  TempDir dir;
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$className": "Folder",
    "Again": {"$path": "other.project.json"}}})");
  write(dir / "other.project.json", R"({"tree": {"$className": "Folder", "Loop": {"$path": "default.project.json"}}})");
  auto built = build_at(dir.path());
  EXPECT_NE(built.diagnostics.find("ROJO0006"), std::string::npos) << built.diagnostics;
}

TEST(ProjectBuild, SymlinkLoopsStopWithADiagnostic) {
  TempDir dir;
  write(dir / "src/a.luau", "return 1\n");
  fs::create_directory_symlink(dir / "src", dir / "src/loop");
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$path": "src"}})");
  auto built = build_at(dir.path());
  EXPECT_NE(built.diagnostics.find("ROJO0043"), std::string::npos) << built.diagnostics;
}

TEST(ProjectBuild, ModelFilesNeedExactlyOneTopLevelInstance) {
  TempDir dir;
  write(dir / "src/Two.rbxmx", R"(<roblox version="4"><Item class="Folder" referent="A"><Properties>
    <string name="Name">A</string></Properties></Item><Item class="Folder" referent="B"><Properties>
    <string name="Name">B</string></Properties></Item></roblox>)");
  write(dir / "src/Broken.rbxm", "<roblox!\x89\xff");
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$path": "src"}})");
  auto built = build_at(dir.path());
  EXPECT_EQ(built.diagnostics, "ROJO0050 src/Broken.rbxm:0\nROJO0051 src/Two.rbxmx:0\n");
}

TEST(ProjectBuild, EncodesModelsAsTheRootAndPlacesAsItsChildren) {
  TempDir dir;
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$className": "DataModel",
    "Workspace": {"Box": {"$className": "Part"}}}})");
  auto built = build_at(dir.path());
  auto model = encode_build(built.build.dom, rbx::files::FileKind::xml_model).value();
  auto place = encode_build(built.build.dom, rbx::files::FileKind::xml_place).value();
  auto model_dom = rbx::files::decode_model(model, rbx::files::FileKind::xml_model).value();
  auto place_dom = rbx::files::decode_model(place, rbx::files::FileKind::xml_place).value();
  EXPECT_EQ(children_of(model_dom, ""), "DataModel P; ");
  EXPECT_EQ(children_of(place_dom, ""), "Workspace Workspace; ");
}

TEST(SourceFiles, ServesUnchangedFilesFromThePreviousBuild) {
  TempDir dir;
  write(dir / "a.txt", "alpha");
  write(dir / "b.txt", "beta");
  SourceFiles first;
  ASSERT_EQ(*first.read(dir / "a.txt").value(), "alpha");
  ASSERT_EQ(*first.read(dir / "b.txt").value(), "beta");
  write(dir / "b.txt", "beta, longer");
  SourceFiles second(first.contents());
  EXPECT_EQ(*second.read(dir / "a.txt").value(), "alpha");
  EXPECT_EQ(*second.read(dir / "b.txt").value(), "beta, longer");
  EXPECT_EQ(second.stats().cache_hits, 1u);
  EXPECT_EQ(second.stats().files_read, 1u);
  EXPECT_FALSE(second.read(dir / "missing.txt").ok());
  EXPECT_FALSE(second.dependencies().at((dir / "missing.txt").string()).exists);
}

TEST(BuildCache, RecordsRoundTripAndNoticeChanges) {
  TempDir dir;
  write(dir / "in.txt", "x");
  write(dir / "out.bin", "y");
  OutputRecord record{(dir / "out.bin").string(), "settings", {}, stamp_path(dir / "out.bin")};
  record.dependencies[(dir / "in.txt").string()] = stamp_path(dir / "in.txt");
  record.dependencies[(dir / "gone.txt").string()] = stamp_path(dir / "gone.txt");
  ASSERT_TRUE(save_output_records(dir / "cache", {record}).ok());
  auto loaded = load_output_records(dir / "cache");
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].dependencies, record.dependencies);
  EXPECT_TRUE(is_up_to_date(loaded[0], "settings"));
  EXPECT_FALSE(is_up_to_date(loaded[0], "other settings"));
  write(dir / "gone.txt", "now here");
  EXPECT_FALSE(is_up_to_date(loaded[0], "settings"));
}

TEST(BuildCache, PathsEndingInASlashAreCheckedWhole) {
  TempDir dir;
  write(dir / "assets/images/a.png", "x");
  std::string folder = (dir / "assets/images").string() + "/";
  OutputRecord record{(dir / "assets/images/a.png").string(), "s", {}, stamp_path(dir / "assets/images/a.png")};
  record.dependencies[folder] = stamp_path(folder);
  EXPECT_TRUE(is_up_to_date(record, "s"));
}

TEST(BuildCache, CorruptCachesAreEmpty) {
  TempDir dir;
  write(dir / "cache/outputs.bin", "rbxpipe-build-outputs-2\n\xff\xff\xff\x7f");
  write(dir / "cache/contents.bin", "garbage");
  EXPECT_TRUE(load_output_records(dir / "cache").empty());
  EXPECT_TRUE(load_cached_contents(dir / "cache").empty());
}

TEST(Sourcemap, KeepsScriptsAndTheirAncestorsWithRelativePaths) {
  TempDir dir;
  write(dir / "src/Main.server.luau", "print(1)\n");
  write(dir / "default.project.json", R"({"name": "P", "tree": {"$className": "DataModel",
    "ServerScriptService": {"Code": {"$path": "src"}}, "Lighting": {}}})");
  auto built = build_at(dir.path());
  SourcemapOptions options;
  options.project_dir = dir.path();
  EXPECT_EQ(write_sourcemap(built.build.dom, built.build.dom.root(), built.build.file_paths, options),
            R"({"name":"P","className":"DataModel","filePaths":["default.project.json"],"children":[)"
            R"({"name":"ServerScriptService","className":"ServerScriptService","filePaths":["default.project.json"],)"
            R"("children":[{"name":"Code","className":"Folder","filePaths":["default.project.json"],"children":[)"
            R"({"name":"Main","className":"Script","filePaths":["src/Main.server.luau"]}]}]}]})");
}

}  // namespace
}  // namespace rbxpipe::rojo

namespace rbxpipe::rojo {
namespace {

TEST(FileWatcher, WakesUpOnAChangeInAWatchedFolderOnly) {
  TempDir dir;
  fs::create_directories(dir / "watched");
  fs::create_directories(dir / "other");
  auto watcher = FileWatcher::create().value();
  watcher.watch({(dir / "watched").string()});
  EXPECT_EQ(watcher.size(), 1u);
  write(dir / "other/a.txt", "x");
  EXPECT_FALSE(watcher.wait(std::chrono::milliseconds(50), std::chrono::milliseconds(10)).value());
  write(dir / "watched/a.txt", "x");
  EXPECT_TRUE(watcher.wait(std::chrono::milliseconds(2000), std::chrono::milliseconds(10)).value());
  // The burst was drained: nothing more is pending.
  EXPECT_FALSE(watcher.wait(std::chrono::milliseconds(50), std::chrono::milliseconds(10)).value());
}

TEST(FileWatcher, WatchesTheFoldersABuildDependsOn) {
  std::map<std::string, FileStamp, std::less<>> dependencies;
  dependencies["/p/src"] = FileStamp{true, true, 0, 0, 0, 0};
  dependencies["/p/src/a.luau"] = FileStamp{true, false, 1, 0, 0, 0};
  dependencies["/p/gone/b.luau"] = FileStamp{};
  EXPECT_EQ(folders_to_watch(dependencies), (std::set<std::string>{"/p/gone", "/p/src"}));
}

}  // namespace
}  // namespace rbxpipe::rojo
