#pragma once
// Internal to platform/auth (never include from a public header): a JSON reader for untrusted token parts and key
// files that refuses what nlohmann accepts silently (repeated member names, where the last one would win and two
// readers of the same text could disagree) and bounds nesting depth.

#include <nlohmann/json.hpp>
#include <string_view>

#include "base/result.h"

namespace rbxpipe::platform::auth::detail {

/// Parses `text` as one JSON object; invalid_input naming `what` for syntax errors, a non-object top level,
/// repeated member names or nesting deeper than 32.
base::Result<nlohmann::json> parse_strict_object(std::string_view text, std::string_view what);

}  // namespace rbxpipe::platform::auth::detail
