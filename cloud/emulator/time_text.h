#pragma once
// Internal to cloud/emulator/: reading and writing the time formats Open Cloud uses.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rbxpipe::cloud::emulator {

/// Parses "YYYY-MM-DDTHH:MM:SSZ" (an optional fraction before the Z is ignored); nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

/// RFC 3339 UTC with milliseconds ("2026-01-01T00:00:00.000Z"), as Open Cloud's timestamps look.
std::string format_timestamp(std::chrono::system_clock::time_point time);

/// An IMF-fixdate ("Thu, 01 Jan 2026 00:00:00 GMT") for Retry-After.
std::string format_http_date(std::chrono::system_clock::time_point time);

}  // namespace rbxpipe::cloud::emulator
