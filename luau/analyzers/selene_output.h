#pragma once
// Reads what `selene --display-style=json2` prints on stdout: one JSON object per line, tagged by "type".
// A "Diagnostic" has severity ("Error"/"Warning"), code (the lint name, or "parse_error"), message, notes and a
// primary_label {filename, span {start, end (byte offsets), start_line, start_column (0-based, columns counted in
// characters)}, message}; the run ends with a "Summary". Failures of selene itself are "ERROR: ..." lines on stderr.

#include <string_view>

#include "luau/analyzers/tool_output.h"

namespace rbxpipe::luau::analyzers {

/// Prefix of the codes of selene findings: "selene::" + lint name ("selene::unused_variable").
inline constexpr std::string_view k_selene_code_prefix = "selene::";

/// Parses selene's stdout and stderr. Lint severities are kept; selene's own parse errors become warnings (our
/// parser reports syntax errors with authority, and selene's parser may lag behind Luau). Positions come from the
/// byte offsets when `sources` knows the file, else from selene's line and column.
ParsedOutput parse_selene_output(std::string_view out, std::string_view err, const SourceLookup& sources = {});

}  // namespace rbxpipe::luau::analyzers
