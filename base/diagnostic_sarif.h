#pragma once
// SARIF 2.1.0 renderer for diagnostics, the format code-scanning services and editors read.

#include <span>
#include <string>

#include "base/diagnostic.h"

namespace rbxpipe::base {

/// The tool named in the SARIF log.
struct SarifOptions {
  std::string tool_name = "rbxpipe";  ///< runs[0].tool.driver.name
  std::string tool_version;           ///< runs[0].tool.driver.version; left out when empty
  std::string information_uri;        ///< runs[0].tool.driver.informationUri; left out when empty
};

/// The `$schema` every log names.
inline constexpr std::string_view k_sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders a SARIF 2.1.0 log with one run: the driver lists one rule per distinct code (sorted), and each
/// diagnostic becomes a result {ruleId, ruleIndex, level (error/warning/note), message.text, locations}. A file
/// becomes a relative URI with forward slashes (an absolute path a file:// URI); the region (startLine,
/// startColumn in UTF-16 code units as SARIF counts by default, endColumn when a length is known) is left out
/// for whole-file diagnostics, and locations are left out when there is no file. Help goes in properties.help.
std::string render_sarif(std::span<const Diagnostic> diagnostics, const SarifOptions& options = {});

/// A file path as a SARIF artifact URI: forward slashes, percent-encoding outside unreserved characters and '/',
/// and "file://" in front of an absolute path.
std::string sarif_uri(std::string_view path);

}  // namespace rbxpipe::base
