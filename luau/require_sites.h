#pragma once
// Require sites: every `require(...)` call of a parsed file and what it requires, as data, for the require graph.

#include <string>
#include <vector>

#include "luau/parser.h"

namespace rbxpipe::luau {

/// What a require's argument is.
enum class RequireKind {
  instance_path,  ///< an instance reached from `script` or `game` (see `root` and `steps`)
  string_path,    ///< a string: `require("./x")`, `require("@self/x")` (see `path`)
  asset_id,       ///< a number: `require(1234)` (see `asset_id`)
  dynamic,        ///< anything else; `reason` says why it cannot be followed
};

/// Where an instance path starts.
enum class RequireRoot { script, game };

/// One step of an instance path.
enum class PathStepKind {
  parent,   ///< `.Parent`
  child,    ///< `.X`, `["X"]`, `:FindFirstChild("X")`, `:WaitForChild("X")`
  service,  ///< `game:GetService("X")`, or any child step taken directly from `game`
};

/// A step and the name it uses (empty for `parent`).
struct PathStep {
  PathStepKind kind = PathStepKind::child;  ///< which step
  std::string name;                         ///< child or service name
  friend bool operator==(const PathStep&, const PathStep&) = default;
};

/// One `require(...)` call.
struct RequireSite {
  AstLocation location;                  ///< the whole call, from `require` to `)`
  NodeId call = k_none;                  ///< the call expression in the tree
  RequireKind kind = RequireKind::dynamic;  ///< what the argument is
  RequireRoot root = RequireRoot::script;   ///< instance_path: where the path starts
  std::vector<PathStep> steps;           ///< instance_path: the steps from the root
  std::string path;                      ///< string_path: the string
  double asset_id = 0;                   ///< asset_id: the number
  std::string reason;                    ///< dynamic: why the target cannot be followed
};

/// Every call of the global `require` in the file (also inside `typeof(...)` types), ordered by position.
/// Instance paths follow local aliases (`local RS = game:GetService("ReplicatedStorage")`) through the parser's
/// scope-aware name resolution; a local that is ever assigned again is not followed.
std::vector<RequireSite> find_require_sites(const ParseResult& result);

/// The target as text: `script.Parent.Util`, `game.ReplicatedStorage.Shared`, `"./x"`, `1234`, or `<dynamic>`.
std::string require_target_text(const RequireSite& site);

}  // namespace rbxpipe::luau
