#include "rojo/path_glob.h"

#include <gtest/gtest.h>

#include "rojo/sync_rules.h"

namespace rbxpipe::rojo {
namespace {

bool matches(std::string_view pattern, std::string_view path) { return PathGlob::compile(pattern).value().matches(path); }

TEST(PathGlob, StarCrossesFoldersAsGlobsetDoes) {
  EXPECT_TRUE(matches("*.lua", "src/a/b.lua"));
  EXPECT_TRUE(matches("*.server.luau", "Main.server.luau"));
  EXPECT_FALSE(matches("*.lua", "b.luau"));
}

TEST(PathGlob, DoubleStarSlashMatchesZeroOrMoreFolders) {
  EXPECT_TRUE(matches("**/*.spec.luau", "a.spec.luau"));
  EXPECT_TRUE(matches("**/*.spec.luau", "src/deep/a.spec.luau"));
  EXPECT_TRUE(matches("src/**/x.lua", "src/x.lua"));
  EXPECT_TRUE(matches("src/**/x.lua", "src/a/b/x.lua"));
}

TEST(PathGlob, TrailingDoubleStarMatchesInsideButNotTheFolder) {
  EXPECT_TRUE(matches("src/skip/**", "src/skip/a.lua"));
  EXPECT_TRUE(matches("src/skip/**", "src/skip/a/b.lua"));
  EXPECT_FALSE(matches("src/skip/**", "src/skip"));
}

TEST(PathGlob, ClassesAlternativesAndEscapes) {
  EXPECT_TRUE(matches("*.{yml,yaml}", "x.yaml"));
  EXPECT_TRUE(matches("*.{yml,yaml}", "x.yml"));
  EXPECT_FALSE(matches("*.{yml,yaml}", "x.yam"));
  EXPECT_TRUE(matches("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(matches("file[!0-9].txt", "file7.txt"));
  EXPECT_TRUE(matches("a\\*b", "a*b"));
  EXPECT_FALSE(matches("a\\*b", "axb"));
  EXPECT_TRUE(matches("?.lua", "a.lua"));
}

TEST(PathGlob, RefusesUnclosedGroups) {
  EXPECT_FALSE(PathGlob::compile("*.{lua").ok());
  EXPECT_FALSE(PathGlob::compile("[abc").ok());
}

TEST(IgnoreRules, LastMatchingRuleWinsAndBangReincludes) {
  auto rules = IgnoreRules::compile({"src/**", "!src/keep.lua", "\\!literal"}).value();
  EXPECT_TRUE(rules.ignores("src/gone.lua"));
  EXPECT_FALSE(rules.ignores("src/keep.lua"));
  EXPECT_FALSE(rules.ignores("other.lua"));
  EXPECT_TRUE(rules.ignores("!literal"));
}

TEST(SyncRules, DefaultTableOrderAndNames) {
  auto name_of = [](const char* path) {
    const SyncRule* rule = find_sync_rule({}, path);
    return rule == nullptr ? std::string("-")
                           : std::string(middleware_name(rule->middleware)) + ":" + rule->instance_name(path);
  };
  EXPECT_EQ(name_of("/p/Main.server.luau"), "serverScript:Main");
  EXPECT_EQ(name_of("/p/Hud.client.lua"), "clientScript:Hud");
  EXPECT_EQ(name_of("/p/Tool.plugin.luau"), "pluginScript:Tool");
  EXPECT_EQ(name_of("/p/foo.bar.lua"), "moduleScript:foo.bar");
  EXPECT_EQ(name_of("/p/game.project.json"), "project:game");
  EXPECT_EQ(name_of("/p/Lamp.model.json"), "jsonModel:Lamp");
  EXPECT_EQ(name_of("/p/Lamp.model.jsonc"), "jsonModel:Lamp");
  EXPECT_EQ(name_of("/p/data.json"), "json:data");
  EXPECT_EQ(name_of("/p/data.meta.json"), "-");
  EXPECT_EQ(name_of("/p/Config.toml"), "toml:Config");
  EXPECT_EQ(name_of("/p/Strings.csv"), "csv:Strings");
  EXPECT_EQ(name_of("/p/Note.txt"), "text:Note");
  EXPECT_EQ(name_of("/p/Crate.rbxmx"), "rbxmx:Crate");
  EXPECT_EQ(name_of("/p/Crate.rbxm"), "rbxm:Crate");
  EXPECT_EQ(name_of("/p/Words.yml"), "yaml:Words");
  EXPECT_EQ(name_of("/p/.gitkeep"), "-");
  EXPECT_EQ(name_of("/p/image.png"), "-");
}

TEST(SyncRules, UserRulesComeFirstAndMatchRelativeToTheirProject) {
  SyncRule rule{PathGlob::compile("*.data.txt").value(), std::nullopt, Middleware::module_script,
                std::string(".data.txt"), "/p"};
  std::vector<SyncRule> user = {rule};
  const SyncRule* found = find_sync_rule(user, "/p/src/Table.data.txt");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->middleware, Middleware::module_script);
  EXPECT_EQ(found->instance_name("/p/src/Table.data.txt"), "Table");
  // Outside the rule's project the default rules apply.
  found = find_sync_rule(user, "/elsewhere/Table.data.txt");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->middleware, Middleware::text);
}

TEST(SyncRules, MiddlewareNamesRoundTrip) {
  for (auto middleware : {Middleware::csv, Middleware::json_model, Middleware::run_context_client_script,
                          Middleware::legacy_server_script, Middleware::ignore}) {
    EXPECT_EQ(middleware_from_name(middleware_name(middleware)), middleware);
  }
  EXPECT_FALSE(middleware_from_name("lua").has_value());
}

}  // namespace
}  // namespace rbxpipe::rojo
