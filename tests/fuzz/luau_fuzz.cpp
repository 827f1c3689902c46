// Fuzzes the Luau parser and the require-site finder: they must never crash, hang or overflow the stack, every id
// in the tree must point into its arena, and every diagnostic and require site must be inside the file.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "luau/parser.h"
#include "luau/require_sites.h"

namespace {

using namespace rbxpipe::luau;

void check_list(const Ast& ast, AstList list) {
  if (static_cast<std::size_t>(list.begin) + list.size > ast.ids.size()) std::abort();
}

void check_tree(const ParseResult& result, std::size_t size) {
  const Ast& ast = result.ast;
  check_list(ast, result.chunk.stats);
  for (const auto& expr : ast.exprs) {
    check_list(ast, expr.list);
    if (expr.location.begin > expr.location.end || expr.location.end > size) std::abort();
    if (static_cast<std::size_t>(expr.text.begin) + expr.text.size > ast.text.size()) std::abort();
  }
  for (const auto& stat : ast.stats) {
    check_list(ast, stat.list);
    check_list(ast, stat.list2);
    if (stat.location.begin > stat.location.end || stat.location.end > size) std::abort();
  }
  for (const auto& block : ast.blocks) {
    check_list(ast, block.stats);
    for (NodeId id : ast.list(block.stats)) {
      if (id >= ast.stats.size()) std::abort();
    }
  }
  for (const auto& function : ast.functions) {
    if (function.body != k_none && function.body >= ast.blocks.size()) std::abort();
  }
  for (const auto& diagnostic : result.diagnostics) {
    if (diagnostic.location.line < 1 || diagnostic.location.column < 1) std::abort();
  }
  if (result.diagnostics.size() > 101) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rbxpipe::base::SourceText source("fuzz.luau", std::string(reinterpret_cast<const char*>(data), size));
  auto result = parse_luau(source);
  check_tree(result, size);
  for (const auto& site : find_require_sites(result)) {
    if (site.location.end > size || site.call >= result.ast.exprs.size()) std::abort();
    (void)require_target_text(site);
  }
  ParseOptions roblox;
  roblox.roblox_only = true;
  check_tree(parse_luau(source, roblox), size);
  return 0;
}
