// Resolving one require against the instance tree: instance paths step by step, strings by the require-by-string
// rules Roblox documents for `require` (prefix `./` starts at script.Parent, `../` at script.Parent.Parent, `@self`
// at the script, `@game` at the DataModel; then `..` is the parent, `.` and empty components are skipped, any
// other component is a child).
#include <algorithm>
#include <array>
#include <optional>

#include "luau/require_graph.h"

namespace rbxpipe::luau {
namespace {

using rbx::dom::Dom;
using rbx::dom::InstanceId;
using rbx::dom::k_null_instance;

// Containers Roblox adds children to at run time (players, characters, the default player scripts), or whose
// scripts run from a copy somewhere else (StarterPlayerScripts into each player's PlayerScripts): a child missing
// from the built tree may be there in the game, and their parent in the tree is not their scripts' parent then.
constexpr std::array<std::string_view, 13> k_filled_at_run_time = {
    "Players",    "Player",    "Workspace",  "StarterPlayer", "StarterPlayerScripts", "StarterCharacterScripts",
    "StarterGui", "StarterPack", "PlayerGui", "PlayerScripts", "Backpack",           "Chat",
    "CoreGui"};

// Services every place has, empty until the project puts something in them: `game.ReplicatedStorage.X` fails when
// the project builds no ReplicatedStorage at all, because the service is there and X is not.
constexpr std::array<std::string_view, 4> k_empty_services = {"ReplicatedStorage", "ReplicatedFirst",
                                                              "ServerScriptService", "ServerStorage"};

bool filled_at_run_time(std::string_view class_name) {
  return std::find(k_filled_at_run_time.begin(), k_filled_at_run_time.end(), class_name) != k_filled_at_run_time.end();
}

bool empty_service(std::string_view name) {
  return std::find(k_empty_services.begin(), k_empty_services.end(), name) != k_empty_services.end();
}

// Walks a path through the tree; the first step that cannot be taken settles the outcome.
class Walker {
 public:
  Walker(const Dom& dom, const RequireGraphOptions& options) : m_dom(dom), m_options(options) {}

  void start(InstanceId id) { m_at = id; }
  bool settled() const { return m_result.has_value(); }

  void parent() {
    if (settled()) return;
    if (m_service) {
      m_service.reset();
      m_at = m_dom.root();
      return;
    }
    const auto& instance = m_dom.get(m_at);
    if (m_at == m_dom.root()) {
      if (!m_options.place) return settle(RequireOutcome::unknown, {});
      return settle(RequireOutcome::missing, "game has no parent");
    }
    if (filled_at_run_time(instance.class_name)) return settle(RequireOutcome::unknown, {});
    m_at = instance.parent;
  }

  void child(std::string_view name) {
    if (settled()) return;
    if (m_service) return settle(RequireOutcome::missing, *m_service + " has no child named " + std::string(name));
    // The DataModel's children are its services, which exist whether or not the tree holds them.
    if (m_at == m_dom.root() && m_options.place) return service(name);
    if (InstanceId found = m_dom.find_child(m_at, name); found != k_null_instance) {
      m_at = found;
      return;
    }
    if (filled_at_run_time(m_dom.get(m_at).class_name)) return settle(RequireOutcome::unknown, {});
    settle(RequireOutcome::missing, require_instance_path(m_dom, m_at) + " has no child named " + std::string(name));
  }

  // GetService finds a service by class; a Rojo tree names services after their class, so a name also matches.
  void service(std::string_view name) {
    if (settled()) return;
    const InstanceId root = m_dom.root();
    if (!m_options.place) return settle(RequireOutcome::unknown, {});
    for (InstanceId id : m_dom.get(root).children) {
      if (m_dom.get(id).class_name == name) {
        m_at = id;
        return;
      }
    }
    if (InstanceId found = m_dom.find_child(root, name); found != k_null_instance) {
      m_at = found;
      return;
    }
    if (empty_service(name)) {
      m_service = std::string(name);
      return;
    }
    settle(RequireOutcome::unknown, {});
  }

  RequireResolution finish() {
    if (m_result) return std::move(*m_result);
    RequireResolution resolution;
    if (m_service) {
      resolution.outcome = RequireOutcome::not_module;
      resolution.detail = *m_service + " is a " + *m_service;
      return resolution;
    }
    const auto& instance = m_dom.get(m_at);
    resolution.target = m_at;
    if (instance.class_name == "ModuleScript") {
      resolution.outcome = RequireOutcome::module;
    } else {
      resolution.outcome = RequireOutcome::not_module;
      resolution.detail = require_instance_path(m_dom, m_at) + " is a " + instance.class_name;
    }
    return resolution;
  }

  void settle(RequireOutcome outcome, std::string detail) {
    m_result = RequireResolution{outcome, k_null_instance, std::move(detail)};
  }

 private:
  const Dom& m_dom;
  const RequireGraphOptions& m_options;
  InstanceId m_at = k_null_instance;
  std::optional<std::string> m_service;  // a service the tree lacks but every place has (empty)
  std::optional<RequireResolution> m_result;
};

void walk_instance_path(Walker& walker, const Dom& dom, InstanceId script, const RequireSite& site,
                        const RequireGraphOptions& options) {
  if (site.root == RequireRoot::game) {
    if (!options.place) return walker.settle(RequireOutcome::unknown, {});
    walker.start(dom.root());
  } else {
    walker.start(script);
  }
  for (const PathStep& step : site.steps) {
    switch (step.kind) {
      case PathStepKind::parent: walker.parent(); break;
      case PathStepKind::child: walker.child(step.name); break;
      case PathStepKind::service: walker.service(step.name); break;
    }
  }
}

// The components after the prefix: `..` goes up, `.` and empty ones (from `//` or a trailing `/`) stay.
void walk_components(Walker& walker, std::string_view path) {
  while (!path.empty() && !walker.settled()) {
    const std::size_t slash = path.find('/');
    const std::string_view component = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    if (component.empty() || component == ".") continue;
    if (component == "..") {
      walker.parent();
    } else {
      walker.child(component);
    }
  }
}

std::string lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

void walk_string(Walker& walker, const Dom& dom, InstanceId script, const RequireSite& site,
                 const RequireGraphOptions& options) {
  std::string path = site.path;
  std::replace(path.begin(), path.end(), '\\', '/');  // Luau reads a backslash as a separator
  if (path.starts_with("./") || path.starts_with("../")) {
    // Relative paths start at the script's parent; a leading `..` component then goes one further up.
    walker.start(script);
    walker.parent();
    return walk_components(walker, path);
  }
  if (!path.starts_with("@")) return walker.settle(RequireOutcome::bad_path, {});
  const std::size_t slash = path.find('/');
  const std::string alias = path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
  const std::string_view rest =
      slash == std::string::npos ? std::string_view{} : std::string_view(path).substr(slash + 1);
  const std::string name = lower_ascii(alias);  // aliases are case-insensitive
  if (name == "self") {
    walker.start(script);
  } else if (name == "game") {
    if (!options.place) return walker.settle(RequireOutcome::unknown, {});
    walker.start(dom.root());
  } else {
    return walker.settle(RequireOutcome::alias, "@" + alias);
  }
  walk_components(walker, rest);
}

}  // namespace

RequireResolution resolve_require(const Dom& dom, InstanceId script, const RequireSite& site,
                                  const RequireGraphOptions& options) {
  Walker walker(dom, options);
  switch (site.kind) {
    case RequireKind::instance_path: walk_instance_path(walker, dom, script, site, options); break;
    case RequireKind::string_path: walk_string(walker, dom, script, site, options); break;
    case RequireKind::asset_id:
    case RequireKind::dynamic: walker.settle(RequireOutcome::unknown, {}); break;
  }
  return walker.finish();
}

std::string require_instance_path(const Dom& dom, InstanceId id) {
  std::vector<const std::string*> names;
  for (InstanceId at = id; at != k_null_instance; at = dom.get(at).parent) {
    const auto& instance = dom.get(at);
    if (at == dom.root() && instance.class_name == "DataModel") break;
    names.push_back(&instance.name);
  }
  if (names.empty()) return "game";
  std::string path;
  for (auto it = names.rbegin(); it != names.rend(); ++it) path += (path.empty() ? "" : ".") + **it;
  return path;
}

}  // namespace rbxpipe::luau
