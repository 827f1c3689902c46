#pragma once
// Reads what `stylua --check --output-format=json` prints. stdout: one object per file that would change,
// {"file", "mismatches": [{"original", "expected", "original_start_line", "original_end_line", ...}]} with 0-based
// lines. stderr: JSON documents back to back, without separators: per unparsable file an array of
// {"type": "parse_error", "filename", "message", "location": {"start" (byte offset), "start_line",
// "start_column" (1-based)}}, and {"type": "error", "message"} for other failures. The plain diff format
// ("Diff in FILE:" then numbered "-"/"+" lines) is read too, for StyLua versions without JSON output.

#include <string_view>

#include "luau/analyzers/tool_output.h"

namespace rbxpipe::luau::analyzers {

/// Code of "this file is not formatted as StyLua formats it".
inline constexpr std::string_view k_stylua_format_code = "stylua::format";
/// Code of "StyLua could not parse this file".
inline constexpr std::string_view k_stylua_parse_code = "stylua::parse_error";

/// Parses StyLua's check output: one warning per file that would be reformatted, at its first differing line,
/// and a warning per parse error (our own parser is the authority on syntax).
ParsedOutput parse_stylua_output(std::string_view out, std::string_view err, const SourceLookup& sources = {});

}  // namespace rbxpipe::luau::analyzers
