#pragma once
// Helpers that make most parser tests one line: parse a snippet and render its diagnostics compactly.

#include <string>
#include <string_view>

#include "luau/parser.h"

namespace rbxpipe::luau::test {

/// A snippet and its name (the name becomes part of the test name: letters, digits and '_').
struct Snippet {
  const char* name;    ///< test name suffix
  const char* source;  ///< Luau source
};

/// A snippet and the diagnostics it must produce.
struct BadSnippet {
  const char* name;      ///< test name suffix
  const char* source;    ///< Luau source
  const char* expected;  ///< rendered diagnostics, one "line:col CODE message" per line
};

/// Parses `source` as the file "test.luau".
ParseResult parse(std::string_view source, const ParseOptions& options = {});

/// The diagnostics of `source`, one "line:col CODE message" per line ("" when there are none).
std::string errors(std::string_view source, const ParseOptions& options = {});

/// The diagnostics of `source` parsed with `roblox_only`.
std::string roblox_errors(std::string_view source);

}  // namespace rbxpipe::luau::test
