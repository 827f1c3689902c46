#pragma once
// The require graph: every `require` of a tree's scripts resolved against the instance tree, with diagnostics for
// targets that are missing or not ModuleScripts, and for modules that require each other while they load.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"
#include "luau/parser.h"
#include "luau/require_sites.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::luau {

/// A step of the required path finds nothing (error).
inline constexpr std::string_view k_code_require_missing = "LUAU0101";
/// The required instance is not a ModuleScript (error).
inline constexpr std::string_view k_code_require_not_module = "LUAU0102";
/// Modules require each other while they load (error).
inline constexpr std::string_view k_code_require_cycle = "LUAU0103";
/// The required ModuleScript's own source has syntax errors (warning).
inline constexpr std::string_view k_code_require_broken_module = "LUAU0104";
/// A string require through an alias other than @self and @game, not followed (note).
inline constexpr std::string_view k_code_require_alias = "LUAU0105";
/// A string require without the `./`, `../` or `@` prefix require-by-string needs (error).
inline constexpr std::string_view k_code_require_bad_string = "LUAU0106";

/// What the tree is.
struct RequireGraphOptions {
  /// True when the root is a place's DataModel: `game` paths and `@game/` strings start there. False for a model:
  /// the root is the model's top instance, where it goes at run time is unknown, so `game` paths and anything
  /// above the root are not followed.
  bool place = true;
};

/// How one require resolved.
enum class RequireOutcome {
  module,      ///< a ModuleScript: `target`
  not_module,  ///< an instance of another class: `detail` is "<path> is a <Class>"
  missing,     ///< a step finds nothing: `detail` says which ("ReplicatedStorage.Shared has no child named Util")
  unknown,     ///< not followed: dynamic, an asset id, `game` in a model, or a part of the tree Roblox fills at run time
  alias,       ///< a string through an alias other than @self and @game: `detail` is the alias ("@pkg")
  bad_path,    ///< a string without the `./`, `../` or `@` prefix
};

/// The result of resolving one require.
struct RequireResolution {
  RequireOutcome outcome = RequireOutcome::unknown;          ///< what was found
  rbx::dom::InstanceId target = rbx::dom::k_null_instance;  ///< module/not_module: the instance (null for a service
                                                            ///< the tree lacks but Roblox always has)
  std::string detail;                                       ///< see RequireOutcome
};

/// Resolves `site`, a require in the script `script` of `dom`, as Roblox does at run time: `.X`, FindFirstChild
/// and WaitForChild take the first child named X, `.Parent` the parent, `game:GetService("X")` the DataModel's
/// child of class (else name) X; strings follow Luau's require-by-string rules (luau/README.md).
RequireResolution resolve_require(const rbx::dom::Dom& dom, rbx::dom::InstanceId script, const RequireSite& site,
                                  const RequireGraphOptions& options = {});

/// `ReplicatedStorage.Shared.Util`: an instance's names from the root, a DataModel root left out ("game" for the
/// DataModel itself); any other root is named.
std::string require_instance_path(const rbx::dom::Dom& dom, rbx::dom::InstanceId id);

/// One script of the tree and its parsed source.
struct RequireGraphScript {
  rbx::dom::InstanceId instance = rbx::dom::k_null_instance;  ///< the Script, LocalScript or ModuleScript
  const base::SourceText* source = nullptr;                  ///< its text; `path()` names it in diagnostics
  const ParseResult* parsed = nullptr;                       ///< its parse
};

/// A require that resolved to a ModuleScript.
struct RequireEdge {
  rbx::dom::InstanceId from = rbx::dom::k_null_instance;  ///< the requiring script
  rbx::dom::InstanceId to = rbx::dom::k_null_instance;    ///< the ModuleScript
  AstLocation location;                                   ///< the require call in `from`
  bool at_load = true;  ///< runs while `from` loads: outside every function body and `typeof` type
};

/// Every resolved require and every problem found.
struct RequireGraph {
  std::vector<RequireEdge> edges;              ///< in the order of `scripts`, then of the source
  std::vector<base::Diagnostic> diagnostics;   ///< LUAU0101..0106, sorted
};

/// Resolves every require of `scripts` in `dom` and reports, at the require call: missing targets (LUAU0101),
/// targets that are not ModuleScripts (LUAU0102), targets whose source has syntax errors (LUAU0104), unfollowed
/// aliases (LUAU0105, a note) and strings without a prefix (LUAU0106). Each cycle of requires that run while their
/// modules load is reported once (LUAU0103): it starts at its module with the smallest instance path and is
/// reported at the require that closes it. Dynamic requires and asset ids are skipped silently.
RequireGraph build_require_graph(const rbx::dom::Dom& dom, std::span<const RequireGraphScript> scripts,
                                 const RequireGraphOptions& options = {});

}  // namespace rbxpipe::luau
