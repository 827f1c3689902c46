#include "luau/require_sites.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rbxpipe::luau {

namespace {

// Aliases are followed one local at a time; this bounds pathological chains (`local a1 = a0 ...`).
constexpr int k_max_hops = 100000;

bool is_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Follows an argument expression back to `script` or `game`, without recursion.
class PathResolver {
 public:
  explicit PathResolver(const Ast& ast);
  void resolve(NodeId argument, RequireSite& site) const;

 private:
  bool step_of(const AstExpr& expr, std::vector<PathStep>& reversed, std::string& reason) const;
  void note_locals(AstList locals, AstList values);
  void note_assigned(NodeId target);

  const Ast& m_ast;
  std::vector<NodeId> m_value;   // per local: the expression it was declared with, or k_none
  std::vector<bool> m_assigned;  // per local: assigned again somewhere
};

PathResolver::PathResolver(const Ast& ast)
    : m_ast(ast), m_value(ast.locals.size(), k_none), m_assigned(ast.locals.size(), false) {
  for (const AstStat& stat : ast.stats) {
    switch (stat.kind) {
      case StatKind::local: note_locals(stat.list, stat.list2); break;
      case StatKind::assign:
        for (NodeId target : ast.list(stat.list)) note_assigned(target);
        break;
      case StatKind::compound_assign:
      case StatKind::function: note_assigned(stat.a); break;
      case StatKind::if_then: {
        auto parts = ast.list(stat.list);
        for (std::size_t i = 0; i + 2 < parts.size(); i += 3) {
          if (parts[i + 2] != k_none) m_value[parts[i + 2]] = parts[i];
        }
        break;
      }
      default: break;
    }
  }
  for (const AstExpr& expr : ast.exprs) {
    if (expr.kind == ExprKind::if_else && expr.list.size == 1) m_value[ast.ids[expr.list.begin]] = expr.a;
  }
}

// With fewer values than names the extra names get nothing we can follow (a call's later results).
void PathResolver::note_locals(AstList locals, AstList values) {
  auto names = m_ast.list(locals);
  auto initial = m_ast.list(values);
  for (std::size_t i = 0; i < names.size() && i < initial.size(); ++i) m_value[names[i]] = initial[i];
}

void PathResolver::note_assigned(NodeId target) {
  const AstExpr& expr = m_ast.expr(target);
  if (expr.kind == ExprKind::local) m_assigned[expr.a] = true;
}

// Adds the step `expr` takes from its object (in reverse order); false with a reason when it is not one.
bool PathResolver::step_of(const AstExpr& expr, std::vector<PathStep>& reversed, std::string& reason) const {
  auto named = [&](std::string_view name) {
    if (name == "Parent") {
      reversed.push_back({PathStepKind::parent, {}});
    } else {
      reversed.push_back({PathStepKind::child, std::string(name)});
    }
  };
  if (expr.kind == ExprKind::index_name) {
    named(m_ast.str(expr.text));
    return true;
  }
  if (expr.kind == ExprKind::index_expr) {
    const AstExpr& key = m_ast.expr(expr.b);
    if (key.kind != ExprKind::string) {
      reason = "the index is not a constant string";
      return false;
    }
    named(m_ast.str(key.text));
    return true;
  }
  std::string_view method = m_ast.str(expr.text);
  auto args = m_ast.list(expr.list);
  if (expr.kind != ExprKind::call || (expr.flags & k_call_method) == 0 || args.empty() ||
      m_ast.expr(args[0]).kind != ExprKind::string) {
    reason = "the argument is not a string or an instance path from script or game";
    return false;
  }
  std::string name(m_ast.str(m_ast.expr(args[0]).text));
  if (method == "GetService") {
    reversed.push_back({PathStepKind::service, name});
    return true;
  }
  if (method == "WaitForChild" || method == "FindFirstChild") {
    // FindFirstChild(name, true) searches all descendants: the path no longer says where the module is.
    if (method == "FindFirstChild" && args.size() >= 2) {
      const AstExpr& recursive = m_ast.expr(args[1]);
      bool plain = recursive.kind == ExprKind::nil || (recursive.kind == ExprKind::boolean && recursive.flags == 0);
      if (!plain) {
        reason = "FindFirstChild with a recursive search";
        return false;
      }
    }
    reversed.push_back({PathStepKind::child, name});
    return true;
  }
  reason = "':" + std::string(method) + "' is not a step that can be followed";
  return false;
}

void PathResolver::resolve(NodeId argument, RequireSite& site) const {
  std::vector<PathStep> reversed;
  std::string reason;
  NodeId id = argument;
  for (int hops = 0;; ++hops) {
    const AstExpr& expr = m_ast.expr(id);
    if (hops > k_max_hops) {
      reason = "the path is too long to follow";
      break;
    }
    if (expr.kind == ExprKind::group || expr.kind == ExprKind::type_cast) {
      id = expr.a;
      continue;
    }
    if (expr.kind == ExprKind::local) {
      std::string name(m_ast.str(expr.text));
      if (m_assigned[expr.a]) {
        reason = "local '" + name + "' is assigned again";
        break;
      }
      if (m_value[expr.a] == k_none) {
        reason = "local '" + name + "' has no value to follow";
        break;
      }
      id = m_value[expr.a];
      continue;
    }
    if (expr.kind == ExprKind::global) {
      std::string_view name = m_ast.str(expr.text);
      if (name == "script" || name == "game" || name == "workspace") {
        site.root = name == "script" ? RequireRoot::script : RequireRoot::game;
        if (name == "workspace") reversed.push_back({PathStepKind::service, "Workspace"});
        site.steps.assign(reversed.rbegin(), reversed.rend());
        site.kind = RequireKind::instance_path;
        break;
      }
      reason = "global '" + std::string(name) + "' is not script or game";
      break;
    }
    if (!step_of(expr, reversed, reason)) break;
    id = expr.a;
  }
  if (site.kind != RequireKind::instance_path) {
    site.reason = reason;
    return;
  }
  // Children of the DataModel are services; GetService means nothing anywhere else.
  for (std::size_t i = 0; i < site.steps.size(); ++i) {
    PathStep& step = site.steps[i];
    bool first_of_game = i == 0 && site.root == RequireRoot::game;
    if (first_of_game && step.kind == PathStepKind::child) step.kind = PathStepKind::service;
    if (!first_of_game && step.kind == PathStepKind::service) {
      site.kind = RequireKind::dynamic;
      site.steps.clear();
      site.reason = "GetService is called on something other than game";
      return;
    }
  }
}

}  // namespace

std::vector<RequireSite> find_require_sites(const ParseResult& result) {
  const Ast& ast = result.ast;
  std::vector<RequireSite> sites;
  PathResolver resolver(ast);
  for (NodeId id = 0; id < ast.exprs.size(); ++id) {
    const AstExpr& call = ast.exprs[id];
    if (call.kind != ExprKind::call || (call.flags & k_call_method) != 0) continue;
    const AstExpr& callee = ast.expr(call.a);
    if (callee.kind != ExprKind::global || ast.str(callee.text) != "require") continue;
    RequireSite site;
    site.location = call.location;
    site.call = id;
    auto args = ast.list(call.list);
    if (args.empty()) {
      site.reason = "require has no argument";
    } else if (ast.expr(args[0]).kind == ExprKind::string) {
      site.kind = RequireKind::string_path;
      site.path = ast.str(ast.expr(args[0]).text);
    } else if (ast.expr(args[0]).kind == ExprKind::number) {
      site.kind = RequireKind::asset_id;
      site.asset_id = ast.numbers[ast.expr(args[0]).a];
    } else {
      resolver.resolve(args[0], site);
    }
    sites.push_back(std::move(site));
  }
  std::sort(sites.begin(), sites.end(),
            [](const RequireSite& a, const RequireSite& b) { return a.location.begin < b.location.begin; });
  return sites;
}

std::string require_target_text(const RequireSite& site) {
  switch (site.kind) {
    case RequireKind::string_path: return "\"" + site.path + "\"";
    case RequireKind::asset_id: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", site.asset_id);
      return buffer;
    }
    case RequireKind::dynamic: return "<dynamic>";
    case RequireKind::instance_path: break;
  }
  std::string text = site.root == RequireRoot::script ? "script" : "game";
  for (const auto& step : site.steps) {
    if (step.kind == PathStepKind::parent) {
      text += ".Parent";
    } else if (is_identifier(step.name)) {
      text += "." + step.name;
    } else {
      text += "[\"" + step.name + "\"]";
    }
  }
  return text;
}

}  // namespace rbxpipe::luau
