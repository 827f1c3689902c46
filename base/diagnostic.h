#pragma once
// Diagnostic: a located problem in user content, with text and JSON renderers shared by the CLI and the server.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_text.h"

namespace rbxpipe::base {

/// How serious a diagnostic is; errors make `check` fail.
enum class Severity { note, warning, error };

/// Lower-case name of a severity ("error").
std::string_view severity_name(Severity severity);

/// One problem in user content: where, how bad, a stable code and a message naming the Roblox thing and the file.
struct Diagnostic {
  Severity severity = Severity::error;  ///< how serious
  std::string code;                      ///< stable code such as "PROJ0001"
  std::string message;                   ///< one sentence, no trailing period
  std::string file;                      ///< path as shown to the user (relative to the project when possible)
  SourceLocation location;               ///< where in the file; {0,0} for the whole file
  int length = 0;                        ///< bytes to underline from the column (0 or 1: a single caret)
  std::string source_line;               ///< the text of the line, for the caret display (may be empty)
  std::string help;                      ///< optional hint on how to fix it

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// Builds a diagnostic located at `location` in `source`, copying the source line for display.
Diagnostic make_diagnostic(Severity severity, std::string code, std::string message, const SourceText& source,
                           SourceLocation location, int length = 0);

/// Options for the text renderer.
struct TextRenderOptions {
  bool color = false;        ///< ANSI colors (callers pass false when NO_COLOR is set or output is not a TTY)
  bool show_source = true;   ///< print the source line and a caret under the column
};

/// Renders one diagnostic: `path:line:col: error[CODE]: message`, then the source line and a caret, then help.
std::string render_text(const Diagnostic& diagnostic, const TextRenderOptions& options = {});

/// Renders many diagnostics followed by a summary line ("2 errors, 1 warning"), or "" when there are none.
std::string render_text(std::span<const Diagnostic> diagnostics, const TextRenderOptions& options = {});

/// Renders diagnostics as a JSON array of objects {severity, code, message, file, line, column, length?, help?}.
std::string render_json(std::span<const Diagnostic> diagnostics);

/// Counts diagnostics of a severity.
std::size_t count_severity(std::span<const Diagnostic> diagnostics, Severity severity);

/// True when any diagnostic is an error.
bool has_errors(std::span<const Diagnostic> diagnostics);

/// Sorts diagnostics by file, line, column, then code, so output order does not depend on thread timing.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace rbxpipe::base
