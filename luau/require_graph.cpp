// The require graph: resolving every script's requires, reporting what cannot load, and finding cycles of requires
// that run while modules load (Roblox stops such a require with an error).
#include "luau/require_graph.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <set>

namespace rbxpipe::luau {
namespace {

using rbx::dom::Dom;
using rbx::dom::InstanceId;

// The byte ranges of a file whose code does not run while the file loads: function bodies (they run when called)
// and `typeof(...)` types (never run). A point is inside one when some range starting at or before it ends after it.
class DeferredRanges {
 public:
  explicit DeferredRanges(const Ast& ast) {
    for (const AstFunction& function : ast.functions) add(function.location);
    for (const AstType& type : ast.types) {
      if (type.kind == TypeKind::type_of) add(type.location);
    }
    std::sort(m_ranges.begin(), m_ranges.end());
    std::uint32_t furthest = 0;
    for (auto& [begin, end] : m_ranges) {
      furthest = std::max(furthest, end);
      end = furthest;  // from here on `end` is the furthest end of this range and every earlier one
    }
  }

  bool contains(std::uint32_t offset) const {
    auto after = std::upper_bound(m_ranges.begin(), m_ranges.end(), std::pair{offset, std::numeric_limits<std::uint32_t>::max()});
    return after != m_ranges.begin() && std::prev(after)->second > offset;
  }

 private:
  void add(const AstLocation& location) { m_ranges.emplace_back(location.begin, location.end); }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> m_ranges;
};

bool has_syntax_errors(const ParseResult& parsed) {
  return std::any_of(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                     [](const base::Diagnostic& d) { return d.severity == base::Severity::error; });
}

// Underlines the call when it fits on its line.
int call_length(const base::SourceText& source, const AstLocation& location) {
  const std::string_view text = std::string_view(source.text()).substr(location.begin, location.end - location.begin);
  return text.find('\n') == std::string_view::npos ? static_cast<int>(text.size()) : 0;
}

base::Diagnostic located(base::Severity severity, std::string_view code, std::string message,
                         const base::SourceText& source, const AstLocation& location) {
  return base::make_diagnostic(severity, std::string(code), std::move(message), source,
                               {location.line, location.column}, call_length(source, location));
}

// Cycles: strongly connected components of the load-time edges, each reported once along its shortest cycle.
class CycleFinder {
 public:
  CycleFinder(const Dom& dom, const std::vector<RequireEdge>& edges) {
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const RequireEdge& edge = edges[i];
      if (!edge.at_load) continue;
      m_nodes.insert(edge.from);
      m_nodes.insert(edge.to);
      auto& out = m_out[edge.from];
      // One edge per pair: the first require in the file stands for the others.
      if (std::none_of(out.begin(), out.end(), [&](const RequireEdge* e) { return e->to == edge.to; }))
        out.push_back(&edge);
    }
    for (InstanceId node : m_nodes) m_path.emplace(node, require_instance_path(dom, node));
    for (auto& [from, out] : m_out) {
      std::sort(out.begin(), out.end(),
                [&](const RequireEdge* a, const RequireEdge* b) { return before(a->to, b->to); });
      for (const RequireEdge* edge : out) m_in[edge->to].push_back(from);
    }
  }

  /// Each cycle as its modules from the start and the edge that closes it.
  std::vector<std::pair<std::vector<InstanceId>, const RequireEdge*>> cycles() const {
    std::vector<std::pair<std::vector<InstanceId>, const RequireEdge*>> found;
    for (const auto& component : components()) {
      InstanceId start = *std::min_element(component.begin(), component.end(),
                                           [&](InstanceId a, InstanceId b) { return before(a, b); });
      auto cycle = shortest_cycle(start, component);
      if (cycle.second != nullptr) found.push_back(std::move(cycle));
    }
    return found;
  }

  const std::string& path(InstanceId id) const { return m_path.at(id); }

 private:
  bool before(InstanceId a, InstanceId b) const {
    const std::string& pa = m_path.at(a);
    const std::string& pb = m_path.at(b);
    return pa != pb ? pa < pb : a < b;
  }

  std::vector<InstanceId> sorted_nodes() const {
    std::vector<InstanceId> nodes(m_nodes.begin(), m_nodes.end());
    std::sort(nodes.begin(), nodes.end(), [&](InstanceId a, InstanceId b) { return before(a, b); });
    return nodes;
  }

  // Kosaraju, iteratively: finish order on the edges, then sweeps against them.
  std::vector<std::set<InstanceId>> components() const {
    std::vector<InstanceId> order;
    std::set<InstanceId> seen;
    for (InstanceId root : sorted_nodes()) {
      if (!seen.insert(root).second) continue;
      std::vector<std::pair<InstanceId, std::size_t>> stack{{root, 0}};
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        auto out = m_out.find(node);
        if (out != m_out.end() && next < out->second.size()) {
          InstanceId to = out->second[next++]->to;
          if (seen.insert(to).second) stack.emplace_back(to, 0);
          continue;
        }
        order.push_back(node);
        stack.pop_back();
      }
    }
    std::vector<std::set<InstanceId>> result;
    std::set<InstanceId> assigned;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (!assigned.insert(*it).second) continue;
      std::set<InstanceId> component{*it};
      std::vector<InstanceId> stack{*it};
      while (!stack.empty()) {
        InstanceId node = stack.back();
        stack.pop_back();
        auto in = m_in.find(node);
        if (in == m_in.end()) continue;
        for (InstanceId from : in->second) {
          if (assigned.insert(from).second) {
            component.insert(from);
            stack.push_back(from);
          }
        }
      }
      if (component.size() > 1 || self_edge(*it) != nullptr) result.push_back(std::move(component));
    }
    return result;
  }

  const RequireEdge* self_edge(InstanceId node) const {
    auto out = m_out.find(node);
    if (out == m_out.end()) return nullptr;
    for (const RequireEdge* edge : out->second)
      if (edge->to == node) return edge;
    return nullptr;
  }

  // Breadth first from `start` inside its component, edges in path order: the first edge back to `start` closes
  // the shortest cycle, and the same one every run.
  std::pair<std::vector<InstanceId>, const RequireEdge*> shortest_cycle(InstanceId start,
                                                                         const std::set<InstanceId>& component) const {
    std::map<InstanceId, InstanceId> came_from;
    std::deque<InstanceId> queue{start};
    while (!queue.empty()) {
      InstanceId node = queue.front();
      queue.pop_front();
      auto out = m_out.find(node);
      if (out == m_out.end()) continue;
      for (const RequireEdge* edge : out->second) {
        if (edge->to == start) {
          std::vector<InstanceId> cycle{node};
          for (InstanceId at = node; at != start;) cycle.push_back(at = came_from.at(at));
          std::reverse(cycle.begin(), cycle.end());
          return {std::move(cycle), edge};
        }
        if (component.contains(edge->to) && edge->to != start && came_from.emplace(edge->to, node).second)
          queue.push_back(edge->to);
      }
    }
    return {{}, nullptr};
  }

  std::set<InstanceId> m_nodes;
  std::map<InstanceId, std::vector<const RequireEdge*>> m_out;
  std::map<InstanceId, std::vector<InstanceId>> m_in;
  std::map<InstanceId, std::string> m_path;
};

std::string outcome_message(const RequireSite& site, const RequireResolution& resolution) {
  const std::string target = require_target_text(site);
  switch (resolution.outcome) {
    case RequireOutcome::missing: return target + ": " + resolution.detail;
    case RequireOutcome::not_module: return target + ": " + resolution.detail + ", not a ModuleScript";
    case RequireOutcome::alias:
      return target + ": the alias " + resolution.detail + " is not followed (only @self and @game are)";
    case RequireOutcome::bad_path: return target + ": a string require must start with ./, ../ or @";
    case RequireOutcome::module:
    case RequireOutcome::unknown: break;
  }
  return {};
}

}  // namespace

RequireGraph build_require_graph(const Dom& dom, std::span<const RequireGraphScript> scripts,
                                 const RequireGraphOptions& options) {
  RequireGraph graph;
  std::map<InstanceId, const RequireGraphScript*> by_instance;
  for (const auto& script : scripts) by_instance.emplace(script.instance, &script);
  auto broken = [&](InstanceId id) {
    auto found = by_instance.find(id);
    return found != by_instance.end() && has_syntax_errors(*found->second->parsed);
  };

  for (const auto& script : scripts) {
    const DeferredRanges deferred(script.parsed->ast);
    for (const RequireSite& site : find_require_sites(*script.parsed)) {
      RequireResolution resolution = resolve_require(dom, script.instance, site, options);
      const base::SourceText& source = *script.source;
      switch (resolution.outcome) {
        case RequireOutcome::module:
          graph.edges.push_back({script.instance, resolution.target, site.location,
                                 !deferred.contains(site.location.begin)});
          if (broken(resolution.target)) {
            graph.diagnostics.push_back(located(
                base::Severity::warning, k_code_require_broken_module,
                require_target_text(site) + ": " + require_instance_path(dom, resolution.target) +
                    " has syntax errors, so requiring it fails",
                source, site.location));
          }
          break;
        case RequireOutcome::missing:
          graph.diagnostics.push_back(located(base::Severity::error, k_code_require_missing,
                                              outcome_message(site, resolution), source, site.location));
          break;
        case RequireOutcome::not_module:
          graph.diagnostics.push_back(located(base::Severity::error, k_code_require_not_module,
                                              outcome_message(site, resolution), source, site.location));
          break;
        case RequireOutcome::alias:
          graph.diagnostics.push_back(located(base::Severity::note, k_code_require_alias,
                                              outcome_message(site, resolution), source, site.location));
          break;
        case RequireOutcome::bad_path:
          graph.diagnostics.push_back(located(base::Severity::error, k_code_require_bad_string,
                                              outcome_message(site, resolution), source, site.location));
          break;
        case RequireOutcome::unknown: break;
      }
    }
  }

  const CycleFinder finder(dom, graph.edges);
  for (const auto& [cycle, closing] : finder.cycles()) {
    auto script = by_instance.find(closing->from);
    if (script == by_instance.end()) continue;
    std::string message = "require cycle: ";
    for (InstanceId id : cycle) message += finder.path(id) + " -> ";
    message += finder.path(cycle.front());
    base::Diagnostic diagnostic =
        located(base::Severity::error, k_code_require_cycle, std::move(message), *script->second->source,
                closing->location);
    diagnostic.help = "a module cannot be required while it is still loading; move one of these requires into the "
                      "function that needs it";
    graph.diagnostics.push_back(std::move(diagnostic));
  }
  base::sort_diagnostics(graph.diagnostics);
  return graph;
}

}  // namespace rbxpipe::luau
