// `rbxpipe assets` over a copy of the sample lesson: every input with its kind, hash and upload type; a second run
// comes from the cache; a corrupt input is a located error and exit 2; real OGG files are probed. Over a copy of
// fixtures/projects/sprites: packed spritesheets in the report and in the build, and the codegen files the build
// writes (only when their bytes change, never outside the project, never as a second module, quietly in --watch).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {
namespace {

namespace fs = std::filesystem;

class AssetsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(projects_dir() / "volcano", m_temp.path() / "volcano", fs::copy_options::recursive);
    m_project = m_temp.path() / "volcano";
  }
  TempDir m_temp;
  fs::path m_project;
};

TEST_F(AssetsCommand, JsonListsEveryInputWithKindHashAndUploadType) {
  auto result = run_rbxpipe({"assets", ".", "--json"}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["ok"], true);
  const auto& assets = report["assets"];
  ASSERT_EQ(assets.size(), 2u);
  EXPECT_EQ(assets[0]["input"], "assets/audio/rumble.wav");
  EXPECT_EQ(assets[0]["kind"], "Audio");
  EXPECT_EQ(assets[0]["upload"]["mime"], "audio/wav");
  EXPECT_GT(assets[0]["duration_s"].get<double>(), 0.0);
  EXPECT_EQ(assets[1]["input"], "assets/images/lava.png");
  EXPECT_EQ(assets[1]["kind"], "Image");
  EXPECT_EQ(assets[1]["upload"]["asset_type"], "Image");
  EXPECT_EQ(assets[1]["upload"]["mime"], "image/png");
  EXPECT_EQ(assets[1]["hash"].get<std::string>().size(), 64u);
  EXPECT_TRUE(fs::exists(m_project / ".rbxpipe/assets"));
}

TEST_F(AssetsCommand, SecondRunIsServedFromTheCache) {
  ASSERT_EQ(run_rbxpipe({"assets", "."}, m_project).exit_code, 0);
  auto result = run_rbxpipe({"assets", ".", "--json"}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["summary"]["cached"], 2);
}

TEST_F(AssetsCommand, CorruptInputIsALocatedErrorAndExits2) {
  std::ofstream(m_project / "assets/audio/junk.mp3") << std::string(3000, 'j');
  auto result = run_rbxpipe({"assets", "."}, m_project);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("assets/audio/junk.mp3: error[ASSET0101]: cannot read audio: MP3: no MPEG audio frame "
                            "found"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("assets/images/lava.png  Image"), std::string::npos) << result.out;
}

TEST_F(AssetsCommand, RealOggFilesReportTheirDurationRateAndChannels) {
  const fs::path audio = fs::path(RBXPIPE_SOURCE_DIR) / "fixtures/audio";
  fs::copy_file(audio / "tone-mono-22050.ogg", m_project / "assets/audio/mono.ogg");
  fs::copy_file(audio / "tone-stereo-44100.ogg", m_project / "assets/audio/stereo.ogg");
  auto result = run_rbxpipe({"assets", ".", "--json"}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  auto report = nlohmann::json::parse(result.out);
  const auto& assets = report["assets"];
  ASSERT_EQ(assets.size(), 4u);
  EXPECT_EQ(assets[0]["input"], "assets/audio/mono.ogg");
  EXPECT_DOUBLE_EQ(assets[0]["duration_s"].get<double>(), 1.0);
  EXPECT_EQ(assets[0]["sample_rate"], 22050);
  EXPECT_EQ(assets[0]["channels"], 1);
  EXPECT_EQ(assets[0]["upload"]["mime"], "audio/ogg");
  EXPECT_EQ(assets[2]["input"], "assets/audio/stereo.ogg");
  EXPECT_DOUBLE_EQ(assets[2]["duration_s"].get<double>(), 1.5);
  EXPECT_EQ(assets[2]["sample_rate"], 44100);
  EXPECT_EQ(assets[2]["channels"], 2);
}

// --- fixtures/projects/sprites: packed icons and codegen files ---------------------------------------------------

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The instance at a dot path in an `inspect --json` dump, or null.
const nlohmann::json* find_instance(const nlohmann::json& dump, const std::string& path) {
  const nlohmann::json* level = &dump["roots"];
  const nlohmann::json* found = nullptr;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = std::min(path.find('.', start), path.size());
    std::string name = path.substr(start, dot - start);
    found = nullptr;
    for (const auto& instance : *level) {
      if (instance["name"] == name) found = &instance;
    }
    if (found == nullptr) return nullptr;
    level = &(*found)["children"];
    start = dot + 1;
  }
  return found;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// The text of `name = { ... }` in a generated Assets module, or empty.
std::string entry_of(const std::string& module, const std::string& name) {
  auto start = module.find("\t" + name + " = {");
  if (start == std::string::npos) return {};
  return module.substr(start, module.find('}', start) - start);
}

class SpritesProject : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(projects_dir() / "sprites", m_temp.path() / "sprites", fs::copy_options::recursive);
    m_project = m_temp.path() / "sprites";
  }

  // Builds to out.rbxlx (with --json and any extra flags) and returns the report.
  nlohmann::json build(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"build", ".", "-o", (m_temp / "out.rbxlx").string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto result = run_rbxpipe(args, m_project);
    auto report = nlohmann::json::parse(result.out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << result.out << result.err;
    return report.is_discarded() ? nlohmann::json::object() : report;
  }

  nlohmann::json inspect() {
    auto result = run_rbxpipe({"inspect", (m_temp / "out.rbxlx").string(), "--json"}, m_project);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }

  std::string source_at(const std::string& path) {
    auto dump = inspect();
    const nlohmann::json* instance = find_instance(dump, path);
    if (instance == nullptr) return "<missing " + path + ">";
    return (*instance)["properties"]["Source"]["value"].get<std::string>();
  }

  void set_codegen(const std::string& fields) {
    std::string config = slurp(m_project / "rbxpipe.json");
    const std::string from = "\"codegen\": {";
    auto start = config.find(from);
    auto end = config.find('}', start);
    config.replace(start, end - start + 1, from + fields + "}");
    std::ofstream(m_project / "rbxpipe.json", std::ios::binary) << config;
  }

  TempDir m_temp;
  fs::path m_project;
};

TEST_F(SpritesProject, AssetsJsonListsTheSheetAndEachMembersPlace) {
  auto result = run_rbxpipe({"assets", ".", "--json"}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  auto report = nlohmann::json::parse(result.out);
  const auto& assets = report["assets"];
  ASSERT_EQ(assets.size(), 5u);
  std::vector<std::string> inputs;
  for (const auto& asset : assets) inputs.push_back(asset["input"]);
  EXPECT_EQ(inputs, (std::vector<std::string>{"assets/icons/coin.png", "assets/icons/heart.png",
                                              "assets/icons/star.png", "assets/images/banner.png", "icons#sheet1"}));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(assets[i]["packed_into"], "icons#sheet1") << inputs[i];
    EXPECT_TRUE(assets[i]["upload"].is_null()) << inputs[i];
    EXPECT_EQ(assets[i]["rect"]["width"], assets[i]["width"]) << inputs[i];
    EXPECT_GE(assets[i]["rect"]["x"].get<int>(), 2) << inputs[i];
  }
  EXPECT_FALSE(assets[3].contains("packed_into"));
  EXPECT_EQ(assets[3]["upload"]["mime"], "image/png");
  const auto& sheet = assets[4];
  EXPECT_EQ(sheet["kind"], "Image");
  EXPECT_EQ(sheet["format"], "png");
  EXPECT_EQ(sheet["hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(sheet["upload"]["asset_type"], "Image");
  EXPECT_EQ(sheet["sheet"]["members"], nlohmann::json(std::vector<std::string>(inputs.begin(), inputs.begin() + 3)));
  EXPECT_EQ(report["summary"]["inputs"], 4);
  EXPECT_EQ(report["summary"]["sheets"], 1);
  EXPECT_TRUE(fs::exists(m_project / ".rbxpipe/assets/sheets.json"));
}

TEST_F(SpritesProject, BuildStatesTheRectanglesTheAssetsReportGives) {
  // Built first, with no asset cache at all: the build plans the places itself.
  auto built = build();
  ASSERT_EQ(built["ok"], true) << built.dump(2);
  std::string module = source_at("ReplicatedStorage.Assets");
  auto report = nlohmann::json::parse(run_rbxpipe({"assets", ".", "--json"}, m_project).out);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& member = report["assets"][i];
    const auto& rect = member["rect"];
    std::string name = fs::path(member["input"].get<std::string>()).stem().string();
    std::string entry = entry_of(module, name);
    ASSERT_FALSE(entry.empty()) << name << " in\n" << module;
    EXPECT_NE(entry.find("Image = \"rbxassetid://0\""), std::string::npos) << entry;
    EXPECT_NE(entry.find("ImageRectOffset = Vector2.new(" + std::to_string(rect["x"].get<int>()) + ", " +
                         std::to_string(rect["y"].get<int>()) + ")"),
              std::string::npos)
        << entry;
    EXPECT_NE(entry.find("ImageRectSize = Vector2.new(" + std::to_string(rect["width"].get<int>()) + ", " +
                         std::to_string(rect["height"].get<int>()) + ")"),
              std::string::npos)
        << entry;
  }
  EXPECT_NE(module.find("banner = \"rbxassetid://0\""), std::string::npos) << module;
  // Processing found the layout the build kept and left it alone, so the next build has nothing to do; a full
  // build from the kept layout and the cache states the same module.
  EXPECT_EQ(build()["up_to_date"], true);
  EXPECT_EQ(build({"--no-cache"})["written"], true);
  EXPECT_EQ(source_at("ReplicatedStorage.Assets"), module);
}

TEST_F(SpritesProject, BuildWritesTheCodegenFilesOnlyWhenTheirBytesChange) {
  auto first = build();
  ASSERT_EQ(first["ok"], true) << first.dump(2);
  EXPECT_EQ(first["codegen_written"], nlohmann::json({"src/shared/Assets.luau", "types/Assets.d.ts"}));
  const fs::path luau = m_project / "src/shared/Assets.luau";
  EXPECT_EQ(slurp(luau), source_at("ReplicatedStorage.Assets"));
  std::string declaration = slurp(m_project / "types/Assets.d.ts");
  EXPECT_NE(declaration.find("readonly ImageRectOffset: Vector2;"), std::string::npos) << declaration;
  EXPECT_NE(declaration.find("export = Assets;"), std::string::npos) << declaration;

  auto second = build();
  EXPECT_EQ(second["up_to_date"], true) << second.dump(2);  // the first build's own writes are not changes
  const auto old_time = fs::last_write_time(luau) - std::chrono::hours(1);
  fs::last_write_time(luau, old_time);
  auto forced = build({"--no-cache"});
  EXPECT_EQ(forced["written"], true);
  EXPECT_EQ(forced["codegen_written"], nlohmann::json::array());
  EXPECT_EQ(fs::last_write_time(luau), old_time);

  fs::copy_file(m_project / "assets/icons/coin.png", m_project / "assets/icons/gem.png");
  auto third = build();
  EXPECT_EQ(third["codegen_written"], nlohmann::json({"src/shared/Assets.luau", "types/Assets.d.ts"}));
  EXPECT_NE(slurp(luau).find("gem = {"), std::string::npos);
  EXPECT_EQ(build()["up_to_date"], true);  // its own writes leave the next build a no-op
}

TEST_F(SpritesProject, BuildsKeepTheLayoutSoAnAddedIconMovesNoOther) {
  ASSERT_EQ(build()["ok"], true);
  EXPECT_TRUE(fs::exists(m_project / ".rbxpipe/assets/sheets.json"));
  const std::string before = slurp(m_project / "src/shared/Assets.luau");
  // The newcomer (40x20) is as tall as heart and wider, so a packing from scratch would put it before heart.
  fs::copy_file(m_project / "assets/images/banner.png", m_project / "assets/icons/flag.png");
  ASSERT_EQ(build()["ok"], true);
  const std::string after = slurp(m_project / "src/shared/Assets.luau");
  ASSERT_NE(after, before);
  for (const char* name : {"coin", "heart", "star"}) {
    EXPECT_FALSE(entry_of(before, name).empty()) << name;
    EXPECT_EQ(entry_of(after, name), entry_of(before, name)) << name;
  }
  // Processing follows the layout the build kept.
  auto report = nlohmann::json::parse(run_rbxpipe({"assets", ".", "--json"}, m_project).out);
  const auto& packed = report["assets"][1];
  ASSERT_EQ(packed["input"], "assets/icons/flag.png");
  EXPECT_NE(entry_of(after, "flag").find("Vector2.new(" + std::to_string(packed["rect"]["x"].get<int>()) + ", " +
                                           std::to_string(packed["rect"]["y"].get<int>()) + ")"),
            std::string::npos)
      << entry_of(after, "flag");
  EXPECT_EQ(build()["up_to_date"], true);
}

TEST_F(SpritesProject, ACodegenFileInASyncedFolderIsNotASecondModule) {
  ASSERT_EQ(build()["ok"], true);
  auto rebuilt = build({"--no-cache"});  // Rojo now finds src/shared/Assets.luau
  ASSERT_EQ(rebuilt["ok"], true) << rebuilt.dump(2);
  EXPECT_EQ(rebuilt["diagnostics"], nlohmann::json::array());
  auto dump = inspect();
  EXPECT_EQ(find_instance(dump, "ReplicatedStorage.Shared.Assets"), nullptr);
  EXPECT_NE(find_instance(dump, "ReplicatedStorage.Shared.Hud"), nullptr);
  EXPECT_NE(find_instance(dump, "ReplicatedStorage.Assets"), nullptr);

  // Generated where Rojo would put the file: the generated module takes the place, once.
  set_codegen("\"module\": \"ReplicatedStorage.Shared.Assets\", \"luau_file\": \"src/shared/Assets.luau\"");
  auto placed = build({"--no-cache"});
  ASSERT_EQ(placed["ok"], true) << placed.dump(2);
  EXPECT_EQ(placed["diagnostics"], nlohmann::json::array());
  std::string source = source_at("ReplicatedStorage.Shared.Assets");
  EXPECT_NE(source.find("Generated by rbxpipe"), std::string::npos) << source;
  EXPECT_EQ(find_instance(inspect(), "ReplicatedStorage.Assets"), nullptr);
}

TEST_F(SpritesProject, TheSourcemapNamesTheCodegenFileAsTheModulesSource) {
  ASSERT_EQ(build()["ok"], true);
  auto result = run_rbxpipe({"sourcemap", "."}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto map = nlohmann::json::parse(result.out);
  const nlohmann::json* assets = nullptr;
  for (const auto& service : map["children"]) {
    if (service["name"] != "ReplicatedStorage") continue;
    for (const auto& child : service["children"]) {
      if (child["name"] == "Assets") assets = &child;
    }
  }
  ASSERT_NE(assets, nullptr) << map.dump(2);
  EXPECT_EQ((*assets)["className"], "ModuleScript");
  EXPECT_EQ((*assets)["filePaths"], nlohmann::json({"src/shared/Assets.luau"}));
  EXPECT_EQ(count_of(result.out, "src/shared/Assets.luau"), 1u);
}

TEST_F(SpritesProject, CodegenFilesOutsideTheProjectAreRefused) {
  set_codegen("\"luau_file\": \"../Assets.luau\"");
  auto result = run_rbxpipe({"build", ".", "-o", (m_temp / "out.rbxlx").string()}, m_project);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("error[PROJ0015]: path '../Assets.luau' leaves the project folder"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(m_temp / "Assets.luau"));

  // Through a symbolic link the path looks inside, but the file would land outside.
  fs::create_directories(m_temp / "elsewhere");
  fs::create_directory_symlink(m_temp / "elsewhere", m_project / "src/linked");
  set_codegen("\"luau_file\": \"src/linked/Assets.luau\"");
  result = run_rbxpipe({"build", ".", "-o", (m_temp / "out.rbxlx").string()}, m_project);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("rbxpipe.json: error[BUILD0110]: codegen.luau_file 'src/linked/Assets.luau' is outside "
                            "the project folder; rbxpipe writes generated files only inside it"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(m_temp / "elsewhere/Assets.luau"));
  EXPECT_FALSE(fs::exists(m_temp / "out.rbxlx"));
}

TEST_F(SpritesProject, ACodegenFileNamedLikeAnInitFileIsRefused) {
  set_codegen("\"luau_file\": \"src/shared/init.luau\"");
  auto result = run_rbxpipe({"build", ".", "-o", (m_temp / "out.rbxlx").string()}, m_project);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("error[BUILD0112]: codegen.luau_file 'src/shared/init.luau'"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(m_project / "src/shared/init.luau"));

  // Made by hand, it turns the synced folder into that module: the build says so rather than drop the folder.
  std::ofstream(m_project / "src/shared/init.luau") << "return {}\n";
  result = run_rbxpipe({"build", ".", "-o", (m_temp / "out.rbxlx").string()}, m_project);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("error[BUILD0112]: codegen.luau_file 'src/shared/init.luau' is the init file of "
                            "ReplicatedStorage.Shared"),
            std::string::npos)
      << result.err;
}

TEST_F(SpritesProject, WatchRebuildsOnceForAChangeAndNotForItsOwnWrites) {
  // Waits (up to 30 s) for the n-th "Watching" line, adds an icon, waits for the rebuild, then lingers so that a
  // rebuild the build's own codegen writes caused would show.
  // The log goes outside the project: the watcher watches the project folder itself.
  const std::string script = R"sh(
    log="$3"
    "$1" --progress none build . -o "$2" --watch > "$log" 2>&1 &
    pid=$!
    wait_for() {
      i=0
      while [ "$(cat "$log" | grep -c Watching)" -lt "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
    }
    wait_for 1
    cp assets/icons/coin.png assets/icons/gem.png
    wait_for 2
    sleep 2
    kill $pid
    wait $pid 2>/dev/null
    cat "$log"
  )sh";
  auto result = run_process({"/bin/sh", "-c", script, "sh", RBXPIPE_BINARY, (m_temp / "out.rbxl").string(),
                             (m_temp / "watch.log").string()},
                            m_project, {{"NO_COLOR", "1"}, {"RBXPIPE_HOME", (m_temp / "home").string()}});
  EXPECT_EQ(count_of(result.out, "Built "), 2u) << result.out;
  EXPECT_EQ(count_of(result.out, "Wrote src/shared/Assets.luau"), 2u) << result.out;
  EXPECT_EQ(count_of(result.out, "Watching "), 2u) << result.out;
  EXPECT_EQ(count_of(result.out, "up to date"), 0u) << result.out;
  EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace rbxpipe::testing
