#pragma once
// The Luau parser's whole API: parse one file's bytes into a syntax tree and a list of syntax diagnostics.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"
#include "luau/ast.h"

namespace rbxpipe::luau {

/// What the parser accepts.
struct ParseOptions {
  /// Refuse syntax Roblox has not shipped yet: `const`, `export` of values, `123i` integers and `if local`.
  bool roblox_only = false;
  /// Deepest nesting of blocks, bracketed expressions and types; deeper input stops the parse with LUAU0013.
  int max_depth = 1000;
};

/// A `--!name args` comment.
struct HotComment {
  std::string text;      ///< the text after `--!`, without trailing spaces
  bool header = false;   ///< true when it comes before the first token (only those set the checking mode)
  AstLocation location;  ///< where the `--!` starts
};

/// The tree and every syntax problem of one file.
struct ParseResult {
  Ast ast;                                     ///< every node; `chunk` refers into it
  AstBlock chunk;                              ///< the top-level block
  std::vector<HotComment> hot_comments;        ///< `--!strict` and friends, in order
  std::vector<base::Diagnostic> diagnostics;   ///< syntax errors (LUAU0001..), ordered by position
};

/// Parses `source` (raw bytes; strings and comments may hold any bytes). Never throws; the tree is complete
/// even when there are errors (unparsable pieces become `error` nodes).
ParseResult parse_luau(const base::SourceText& source, const ParseOptions& options = {});

}  // namespace rbxpipe::luau
