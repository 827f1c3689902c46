// The require graph: requires resolved against an instance tree built in code; each diagnostic and each cycle.
#include "luau/require_graph.h"

#include <gtest/gtest.h>

#include <deque>

namespace rbxpipe::luau::test {
namespace {

using rbx::dom::InstanceId;

// A place (or model) with scripts; each script's file is named after its instance path.
class RequireGraphTest : public ::testing::Test {
 protected:
  InstanceId root() const { return m_dom.root(); }
  InstanceId add(InstanceId parent, const std::string& class_name, const std::string& name) {
    return m_dom.insert(parent, class_name, name);
  }
  InstanceId service(const std::string& name) { return add(root(), name, name); }
  InstanceId folder(InstanceId parent, const std::string& name) { return add(parent, "Folder", name); }
  InstanceId script(InstanceId parent, const std::string& class_name, const std::string& name, std::string source) {
    InstanceId id = add(parent, class_name, name);
    m_sources.emplace_back(require_instance_path(m_dom, id), std::move(source));
    m_scripts.push_back({id, m_sources.size() - 1});
    return id;
  }
  InstanceId module(InstanceId parent, const std::string& name, std::string source = "return {}\n") {
    return script(parent, "ModuleScript", name, std::move(source));
  }
  void make_model(const std::string& class_name, const std::string& name) {
    m_dom.get(root()).class_name = class_name;
    m_dom.get(root()).name = name;
    m_options.place = false;
  }

  RequireGraph graph() {
    m_parsed.clear();
    std::vector<RequireGraphScript> scripts;
    for (const auto& [id, source] : m_scripts) {
      m_parsed.push_back(parse_luau(m_sources[source]));
      scripts.push_back({id, &m_sources[source], &m_parsed.back()});
    }
    return build_require_graph(m_dom, scripts, m_options);
  }

  // Every diagnostic as "file:line:col severity CODE message", one a line.
  std::string diagnostics() {
    std::string text;
    for (const auto& d : graph().diagnostics) {
      text += d.file + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " +
              std::string(base::severity_name(d.severity)) + " " + d.code + " " + d.message + "\n";
    }
    return text;
  }

  // What the only require of a one-line source in `from` resolves to.
  RequireResolution resolve(InstanceId from, std::string_view source) {
    const base::SourceText text("test.luau", std::string(source));
    auto sites = find_require_sites(parse_luau(text));
    EXPECT_EQ(sites.size(), 1u) << source;
    return sites.empty() ? RequireResolution{} : resolve_require(m_dom, from, sites[0], m_options);
  }

  InstanceId target(InstanceId from, std::string_view source) {
    RequireResolution resolution = resolve(from, source);
    EXPECT_EQ(resolution.outcome, RequireOutcome::module) << source << ": " << resolution.detail;
    return resolution.target;
  }

  rbx::dom::Dom m_dom;
  RequireGraphOptions m_options;
  std::deque<base::SourceText> m_sources;
  std::deque<ParseResult> m_parsed;
  std::vector<std::pair<InstanceId, std::size_t>> m_scripts;
};

TEST_F(RequireGraphTest, InstancePathsFromScriptFollowParentAndChildren) {
  InstanceId shared = folder(service("ReplicatedStorage"), "Shared");
  InstanceId util = module(shared, "Util");
  InstanceId inner = module(util, "Inner");
  InstanceId main = module(shared, "Main");
  EXPECT_EQ(target(main, "require(script.Parent.Util)"), util);
  EXPECT_EQ(target(main, "require(script.Parent:FindFirstChild('Util'))"), util);
  EXPECT_EQ(target(main, "require(script.Parent:WaitForChild('Util'):WaitForChild('Inner'))"), inner);
  EXPECT_EQ(target(inner, "require(script.Parent)"), util);
  EXPECT_EQ(target(util, "require(script:FindFirstChild('Inner'))"), inner);
  EXPECT_EQ(target(inner, "require(script.Parent.Parent['Main'])"), main);
}

TEST_F(RequireGraphTest, GamePathsStartAtTheServiceOfThatClass) {
  InstanceId storage = add(root(), "ReplicatedStorage", "ReplicatedStorage");
  InstanceId b = module(folder(storage, "A"), "B");
  InstanceId main = script(service("ServerScriptService"), "Script", "Main", "");
  EXPECT_EQ(target(main, "require(game:GetService('ReplicatedStorage').A.B)"), b);
  EXPECT_EQ(target(main, "require(game.ReplicatedStorage.A:WaitForChild('B'))"), b);
  EXPECT_EQ(target(main, "local RS = game:GetService('ReplicatedStorage')\nlocal A = RS.A\nrequire(A.B)"), b);
  EXPECT_EQ(target(main, "require(script.Parent.Parent.ReplicatedStorage.A.B)"), b);
}

TEST_F(RequireGraphTest, StringRequiresFollowRequireByStringRules) {
  InstanceId storage = service("ReplicatedStorage");
  InstanceId shared = folder(storage, "Shared");
  InstanceId main = module(shared, "Main");
  InstanceId sibling = module(shared, "Sibling");
  InstanceId child = module(main, "Child");
  InstanceId deep = module(folder(shared, "Folder"), "Module");
  InstanceId other = module(folder(storage, "Other"), "Lib");
  EXPECT_EQ(target(main, "require('./Sibling')"), sibling);
  EXPECT_EQ(target(child, "require('../Sibling')"), sibling);
  EXPECT_EQ(target(child, "require('../Folder/Module')"), deep);
  EXPECT_EQ(target(deep, "require('../../Other/Lib')"), other);
  EXPECT_EQ(target(main, "require('@self/Child')"), child);
  EXPECT_EQ(target(main, "require('@Self/Child')"), child);
  EXPECT_EQ(target(main, "require('@game/ReplicatedStorage/Shared/Folder/Module')"), deep);
  EXPECT_EQ(target(main, "require('./Folder/../Sibling')"), sibling);
  EXPECT_EQ(target(main, "require('./Folder//./Module/')"), deep);
  EXPECT_EQ(target(main, "require('.\\\\Folder\\\\Module')"), deep);
}

TEST_F(RequireGraphTest, ValidChainsHaveNoDiagnosticsAndGiveEdges) {
  InstanceId shared = folder(service("ReplicatedStorage"), "Shared");
  InstanceId util = module(shared, "Util", "local Log = require(script.Parent.Log)\nreturn {}\n");
  InstanceId log = module(shared, "Log");
  InstanceId main = script(service("ServerScriptService"), "Script", "Main",
                           "local RS = game:GetService('ReplicatedStorage')\n"
                           "local Util = require(RS.Shared.Util)\n"
                           "local Log = require(RS:WaitForChild('Shared'):WaitForChild('Log'))\n");
  RequireGraph result = graph();
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.edges.size(), 3u);
  EXPECT_EQ(result.edges[0].from, util);
  EXPECT_EQ(result.edges[0].to, log);
  EXPECT_EQ(result.edges[1].from, main);
  EXPECT_EQ(result.edges[1].to, util);
  EXPECT_EQ(result.edges[2].to, log);
  EXPECT_EQ(result.edges[2].location.line, 3);
}

TEST_F(RequireGraphTest, MissingChildNamesTheStepThatFailed) {
  InstanceId shared = folder(service("ReplicatedStorage"), "Shared");
  module(shared, "Main", "local Util = require(script.Parent.Util)\nreturn {}\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Shared.Main:1:14 error LUAU0101 script.Parent.Util: ReplicatedStorage.Shared has no "
            "child named Util\n");
}

TEST_F(RequireGraphTest, MissingTargetsOfEveryForm) {
  InstanceId shared = folder(service("ReplicatedStorage"), "Shared");
  module(shared, "Main",
         "require(script:FindFirstChild('Nope'))\n"
         "require(game:GetService('ReplicatedStorage').Lib.X)\n"
         "require('./Folder/Module')\n"
         "require('@self/Child')\n"
         "require('@game/ServerStorage/Secret')\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Shared.Main:1:1 error LUAU0101 script.Nope: ReplicatedStorage.Shared.Main has no child "
            "named Nope\n"
            "ReplicatedStorage.Shared.Main:2:1 error LUAU0101 game.ReplicatedStorage.Lib.X: ReplicatedStorage has no "
            "child named Lib\n"
            "ReplicatedStorage.Shared.Main:3:1 error LUAU0101 \"./Folder/Module\": ReplicatedStorage.Shared has no "
            "child named Folder\n"
            "ReplicatedStorage.Shared.Main:4:1 error LUAU0101 \"@self/Child\": ReplicatedStorage.Shared.Main has no "
            "child named Child\n"
            // ServerStorage is in every place, empty when the project puts nothing there.
            "ReplicatedStorage.Shared.Main:5:1 error LUAU0101 \"@game/ServerStorage/Secret\": ServerStorage has no "
            "child named Secret\n");
}

TEST_F(RequireGraphTest, GoingAboveTheDataModelIsMissing) {
  module(service("ReplicatedStorage"), "Main", "require(script.Parent.Parent.Parent.X)\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Main:1:1 error LUAU0101 script.Parent.Parent.Parent.X: game has no parent\n");
}

TEST_F(RequireGraphTest, TargetThatIsNotAModuleScriptNamesItsClass) {
  InstanceId shared = folder(service("ReplicatedStorage"), "Shared");
  folder(shared, "Data");
  script(shared, "Script", "Server", "");
  module(shared, "Main", "require(script.Parent.Data)\nrequire('./Server')\nrequire(game.ReplicatedStorage)\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Shared.Main:1:1 error LUAU0102 script.Parent.Data: ReplicatedStorage.Shared.Data is a "
            "Folder, not a ModuleScript\n"
            "ReplicatedStorage.Shared.Main:2:1 error LUAU0102 \"./Server\": ReplicatedStorage.Shared.Server is a "
            "Script, not a ModuleScript\n"
            "ReplicatedStorage.Shared.Main:3:1 error LUAU0102 game.ReplicatedStorage: ReplicatedStorage is a "
            "ReplicatedStorage, not a ModuleScript\n");
}

TEST_F(RequireGraphTest, PartsRobloxFillsAtRunTimeAreNotReported) {
  InstanceId scripts = add(add(service("StarterPlayer"), "StarterPlayerScripts", "StarterPlayerScripts"),
                           "Folder", "Client");
  script(scripts, "LocalScript", "Main",
         "local Players = game:GetService('Players')\n"
         "require(Players.LocalPlayer.PlayerScripts:WaitForChild('PlayerModule'))\n"
         "require(script.Parent.Parent:WaitForChild('PlayerModule'))\n"
         "require(script.Parent.Parent.Parent.Parent.Whatever)\n"
         "require(game:GetService('HttpService').Thing)\n"
         "require(workspace.Characters.Bob)\n");
  EXPECT_EQ(diagnostics(), "");
}

TEST_F(RequireGraphTest, DynamicRequiresAndAssetIdsAreSkipped) {
  module(service("ReplicatedStorage"), "Main",
         "local m = script.Parent\nm = nil\nrequire(m)\nrequire(1234)\nrequire(getModule())\nreturn {}\n");
  RequireGraph result = graph();
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_TRUE(result.edges.empty());
}

TEST_F(RequireGraphTest, UnknownAliasIsANoteAndAPathWithoutPrefixAnError) {
  module(service("ReplicatedStorage"), "Main", "require('@pkg/Roact')\nrequire('Util')\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Main:1:1 note LUAU0105 \"@pkg/Roact\": the alias @pkg is not followed (only @self "
            "and @game are)\n"
            "ReplicatedStorage.Main:2:1 error LUAU0106 \"Util\": a string require must start with ./, ../ or @\n");
}

TEST_F(RequireGraphTest, ModelsFollowNothingOutsideTheModel) {
  make_model("Folder", "Kit");
  InstanceId lib = module(root(), "Lib");
  InstanceId main = module(root(), "Main",
                           "require(script.Parent.Lib)\nrequire(script.Parent.Parent.Other)\n"
                           "require(game.ReplicatedStorage.X)\nrequire('@game/ReplicatedStorage/X')\n"
                           "require('../../Other')\nreturn {}\n");
  EXPECT_EQ(target(main, "require(script.Parent.Lib)"), lib);
  EXPECT_EQ(require_instance_path(m_dom, main), "Kit.Main");
  EXPECT_EQ(diagnostics(), "");
  module(root(), "Broken", "require('./Missing')\n");
  EXPECT_EQ(diagnostics(), "Kit.Broken:1:1 error LUAU0101 \"./Missing\": Kit has no child named Missing\n");
}

TEST_F(RequireGraphTest, SelfRequireIsACycleOfOne) {
  module(service("ReplicatedStorage"), "Loop", "local self = require(script)\nreturn {}\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Loop:1:14 error LUAU0103 require cycle: ReplicatedStorage.Loop -> "
            "ReplicatedStorage.Loop\n");
}

TEST_F(RequireGraphTest, TwoModulesRequiringEachOtherAreReportedOnceWhereTheCycleCloses) {
  InstanceId storage = service("ReplicatedStorage");
  module(storage, "B", "local A = require(script.Parent.A)\nreturn {}\n");
  module(storage, "A", "local B = require(script.Parent.B)\nreturn {}\n");
  RequireGraph result = graph();
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, "ReplicatedStorage.B");
  EXPECT_EQ(result.diagnostics[0].message,
            "require cycle: ReplicatedStorage.A -> ReplicatedStorage.B -> ReplicatedStorage.A");
  EXPECT_FALSE(result.diagnostics[0].help.empty());
}

TEST_F(RequireGraphTest, ThreeModuleCycleListsEveryModuleInOrder) {
  InstanceId shared = folder(service("ReplicatedStorage"), "Shared");
  module(shared, "C", "return require('./A')\n");
  module(shared, "A", "return require(script.Parent.B)\n");
  module(shared, "B", "local RS = game:GetService('ReplicatedStorage')\nreturn require(RS.Shared.C)\n");
  module(shared, "Leaf", "return require('./A')\n");  // requires into the cycle, is not part of it
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Shared.C:1:8 error LUAU0103 require cycle: ReplicatedStorage.Shared.A -> "
            "ReplicatedStorage.Shared.B -> ReplicatedStorage.Shared.C -> ReplicatedStorage.Shared.A\n");
}

TEST_F(RequireGraphTest, SeparateCyclesAreEachReported) {
  InstanceId storage = service("ReplicatedStorage");
  module(storage, "A", "return require(script.Parent.B)\n");
  module(storage, "B", "return require(script.Parent.A)\n");
  module(storage, "X", "return require(script)\n");
  EXPECT_EQ(graph().diagnostics.size(), 2u);
}

TEST_F(RequireGraphTest, RequiresThatRunAfterLoadingMakeNoCycle) {
  InstanceId storage = service("ReplicatedStorage");
  module(storage, "A", "local B = require(script.Parent.B)\nreturn {}\n");
  module(storage, "B",
         "local M = {}\nfunction M.a() return require(script.Parent.A) end\n"
         "type A = typeof(require(script.Parent.A))\nreturn M\n");
  RequireGraph result = graph();
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.edges.size(), 3u);
  EXPECT_TRUE(result.edges[0].at_load);
  EXPECT_FALSE(result.edges[1].at_load);
  EXPECT_FALSE(result.edges[2].at_load);
}

TEST_F(RequireGraphTest, DiamondIsNoCycle) {
  InstanceId storage = service("ReplicatedStorage");
  module(storage, "Top", "require(script.Parent.Left)\nrequire(script.Parent.Right)\nreturn {}\n");
  module(storage, "Left", "return require(script.Parent.Bottom)\n");
  module(storage, "Right", "return require(script.Parent.Bottom)\n");
  module(storage, "Bottom");
  EXPECT_EQ(diagnostics(), "");
}

TEST_F(RequireGraphTest, RequiringAModuleWithSyntaxErrorsIsAWarning) {
  InstanceId storage = service("ReplicatedStorage");
  module(storage, "Broken", "return {\n");
  module(storage, "Main", "return require(script.Parent.Broken)\n");
  EXPECT_EQ(diagnostics(),
            "ReplicatedStorage.Main:1:8 warning LUAU0104 script.Parent.Broken: ReplicatedStorage.Broken has syntax "
            "errors, so requiring it fails\n");
}

TEST_F(RequireGraphTest, DiagnosticsUnderlineTheCall) {
  module(service("ReplicatedStorage"), "Main", "local x = require(script.Nope)\n");
  RequireGraph result = graph();
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].length, 20);
  EXPECT_EQ(result.diagnostics[0].source_line, "local x = require(script.Nope)");
}

}  // namespace
}  // namespace rbxpipe::luau::test
