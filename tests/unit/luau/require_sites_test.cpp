// Require sites: each argument form becomes an instance path, a string path, an asset id or dynamic.
#include "luau/require_sites.h"

#include <gtest/gtest.h>

#include "tests/unit/luau/parse_fixture.h"

namespace rbxpipe::luau::test {
namespace {

// The targets of every require in `source`, as text, joined by ", ".
std::string targets(std::string_view source) {
  auto result = parse(source);
  EXPECT_TRUE(result.diagnostics.empty()) << errors(source);
  std::string text;
  for (const auto& site : find_require_sites(result)) {
    if (!text.empty()) text += ", ";
    text += require_target_text(site);
  }
  return text;
}

RequireSite only_site(std::string_view source) {
  auto sites = find_require_sites(parse(source));
  EXPECT_EQ(sites.size(), 1u);
  return sites.empty() ? RequireSite{} : sites[0];
}

TEST(RequireSites, ScriptRelativePaths) {
  EXPECT_EQ(targets("require(script.Util)"), "script.Util");
  EXPECT_EQ(targets("require(script.Parent.Util)"), "script.Parent.Util");
  EXPECT_EQ(targets("require(script.Parent.Parent.Shared.Util)"), "script.Parent.Parent.Shared.Util");
}

TEST(RequireSites, StepsKeepTheirKinds) {
  auto site = only_site("require(script.Parent:WaitForChild('Util'))");
  ASSERT_EQ(site.kind, RequireKind::instance_path);
  EXPECT_EQ(site.root, RequireRoot::script);
  EXPECT_EQ(site.steps, (std::vector<PathStep>{{PathStepKind::parent, ""}, {PathStepKind::child, "Util"}}));
}

TEST(RequireSites, ChildByIndexFindFirstChildAndWaitForChild) {
  EXPECT_EQ(targets("require(script['Util'])"), "script.Util");
  EXPECT_EQ(targets("require(script:FindFirstChild('Util'))"), "script.Util");
  EXPECT_EQ(targets("require(script:WaitForChild('Util', 5))"), "script.Util");
  EXPECT_EQ(targets("require(script:FindFirstChild('Util', false))"), "script.Util");
  EXPECT_EQ(targets("require(script['My Module'])"), "script[\"My Module\"]");
  EXPECT_EQ(targets("require(script['Parent'])"), "script.Parent");
}

TEST(RequireSites, ServicesFromGame) {
  auto site = only_site("require(game:GetService('ReplicatedStorage').Shared.Util)");
  ASSERT_EQ(site.kind, RequireKind::instance_path);
  EXPECT_EQ(site.root, RequireRoot::game);
  EXPECT_EQ(site.steps, (std::vector<PathStep>{{PathStepKind::service, "ReplicatedStorage"},
                                               {PathStepKind::child, "Shared"},
                                               {PathStepKind::child, "Util"}}));
  EXPECT_EQ(require_target_text(site), "game.ReplicatedStorage.Shared.Util");
  EXPECT_EQ(only_site("require(game.ServerStorage.Lib)").steps[0].kind, PathStepKind::service);
  EXPECT_EQ(targets("require(game:WaitForChild('ReplicatedStorage').Lib)"), "game.ReplicatedStorage.Lib");
  EXPECT_EQ(targets("require(workspace.Model.Script)"), "game.Workspace.Model.Script");
}

TEST(RequireSites, StringAndAssetRequires) {
  auto relative = only_site("require('./util')");
  EXPECT_EQ(relative.kind, RequireKind::string_path);
  EXPECT_EQ(relative.path, "./util");
  EXPECT_EQ(targets("require(\"@self/child\")"), "\"@self/child\"");
  auto asset = only_site("require(12345678)");
  EXPECT_EQ(asset.kind, RequireKind::asset_id);
  EXPECT_EQ(asset.asset_id, 12345678);
  EXPECT_EQ(require_target_text(asset), "12345678");
}

TEST(RequireSites, LocalAliasesAreFollowed) {
  EXPECT_EQ(targets("local RS = game:GetService('ReplicatedStorage')\n"
                    "local Shared = RS.Shared\n"
                    "return require(Shared.Util)"),
            "game.ReplicatedStorage.Shared.Util");
  EXPECT_EQ(targets("local parent = script.Parent\nlocal function f() return require(parent.Util) end"),
            "script.Parent.Util");
  EXPECT_EQ(targets("local a, b = script.A, script.B\nrequire(b)"), "script.B");
  EXPECT_EQ(targets("local folder = (script.Parent :: Folder)\nrequire(folder.X :: ModuleScript)"),
            "script.Parent.X");
}

TEST(RequireSites, AliasesAreScopeAware) {
  EXPECT_EQ(targets("local m = script.A\ndo local m = script.B require(m) end\nrequire(m)"), "script.B, script.A");
  EXPECT_EQ(targets("local m = script.A\nlocal function f(m) return require(m) end"), "<dynamic>");
}

TEST(RequireSites, ReassignedLocalIsDynamic) {
  auto site = only_site("local m = script.A\nrequire(m)\nm = script.B");
  EXPECT_EQ(site.kind, RequireKind::dynamic);
  EXPECT_EQ(site.reason, "local 'm' is assigned again");
  EXPECT_EQ(targets("local m = script.A\nm ..= ''\nrequire(m.X)"), "<dynamic>");
  EXPECT_EQ(targets("local m = script.A\nfunction m() end\nrequire(m)"), "<dynamic>");
  EXPECT_EQ(targets("local m = script.A\nm.Name = 'x'\nrequire(m)"), "script.A");
}

TEST(RequireSites, UnfollowableArgumentsAreDynamicWithAReason) {
  EXPECT_EQ(only_site("require(getModule())").reason,
            "the argument is not a string or an instance path from script or game");
  EXPECT_EQ(only_site("require(script[name])").reason, "the index is not a constant string");
  EXPECT_EQ(only_site("require(script:FindFirstChild('X', true))").reason,
            "FindFirstChild with a recursive search");
  EXPECT_EQ(only_site("require(script:FindFirstAncestor('X'))").reason,
            "':FindFirstAncestor' is not a step that can be followed");
  EXPECT_EQ(only_site("require(shared.X)").reason, "global 'shared' is not script or game");
  EXPECT_EQ(only_site("local m\nrequire(m)").reason, "local 'm' has no value to follow");
  EXPECT_EQ(only_site("require()").reason, "require has no argument");
  EXPECT_EQ(only_site("require(script.A:GetService('X'))").reason,
            "GetService is called on something other than game");
  EXPECT_EQ(targets("require('a' .. 'b')"), "<dynamic>");
}

TEST(RequireSites, OnlyTheGlobalRequireCounts) {
  EXPECT_EQ(targets("local require = function() end\nrequire(script.A)"), "");
  EXPECT_EQ(targets("obj:require(script.A)\nlib.require(script.B)"), "");
}

TEST(RequireSites, RequiresEverywhereInOrderWithLocations) {
  auto result = parse("local A = require(script.A)\n"
                      "local t = { b = require(script.B) }\n"
                      "local function f() return require(script.C) end\n"
                      "type D = typeof(require(script.D))");
  auto sites = find_require_sites(result);
  ASSERT_EQ(sites.size(), 4u);
  EXPECT_EQ(require_target_text(sites[0]), "script.A");
  EXPECT_EQ(sites[0].location.line, 1);
  EXPECT_EQ(sites[0].location.column, 11);
  EXPECT_EQ(sites[0].location.end - sites[0].location.begin, 17u);
  EXPECT_EQ(require_target_text(sites[1]), "script.B");
  EXPECT_EQ(sites[1].location.line, 2);
  EXPECT_EQ(require_target_text(sites[2]), "script.C");
  EXPECT_EQ(require_target_text(sites[3]), "script.D");
  EXPECT_EQ(sites[3].location.line, 4);
  EXPECT_EQ(result.ast.expr(sites[0].call).kind, ExprKind::call);
}

TEST(RequireSites, IfLocalBindingsAreFollowed) {
  EXPECT_EQ(targets("if local m = script:FindFirstChild('M') then require(m) end"), "script.M");
}

TEST(RequireSites, LongAliasChainDoesNotRecurse) {
  std::string source = "local a0 = script.Parent\n";
  for (int i = 1; i <= 20000; ++i) source += "local a" + std::to_string(i) + " = a" + std::to_string(i - 1) + "\n";
  source += "require(a20000.Util)";
  EXPECT_EQ(targets(source), "script.Parent.Util");
}

}  // namespace
}  // namespace rbxpipe::luau::test
