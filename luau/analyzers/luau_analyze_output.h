#pragma once
// Reads what `luau-analyze` prints in its default format: one finding per line on stderr,
// `FILE(LINE,COL): KIND: MESSAGE`, LINE and COL 1-based (COL in bytes), KIND being SyntaxError, TypeError,
// InternalCompilerError or a lint name (LocalUnused, UnknownGlobal, ...). Longer type errors continue on the lines
// that follow.

#include <string_view>

#include "luau/analyzers/tool_output.h"

namespace rbxpipe::luau::analyzers {

/// Prefix of the codes of luau-analyze findings: "luau-analyze::" + KIND ("luau-analyze::LocalUnused").
inline constexpr std::string_view k_luau_analyze_code_prefix = "luau-analyze::";

/// Parses luau-analyze's output (stdout and stderr together). SyntaxError findings are errors; type errors and
/// lints are warnings, since without Roblox's type definitions luau-analyze flags valid Roblox code.
ParsedOutput parse_luau_analyze_output(std::string_view text, const SourceLookup& sources = {});

}  // namespace rbxpipe::luau::analyzers
