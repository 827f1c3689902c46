#pragma once
// Internal to rojo/: a JSONC input file kept together with its source, so diagnostics found long after parsing
// (a property that does not resolve, a class given twice) can still point at line:col in it.

#include <memory>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/jsonc.h"
#include "base/source_text.h"

namespace rbxpipe::rojo {

/// One parsed JSONC file.
struct JsonFile {
  /// Parses `text`; `display_path` is how diagnostics name the file.
  JsonFile(std::string display_path, std::string text);
  JsonFile(const JsonFile&) = delete;
  JsonFile& operator=(const JsonFile&) = delete;

  base::SourceText source;      ///< the text
  base::JsoncDocument document; ///< tokens, clean JSON and locations

  /// A diagnostic at a JSON pointer of this file (at the member's key when `at_key`).
  base::Diagnostic diagnose(base::Severity severity, std::string code, std::string message, std::string_view pointer,
                            bool at_key = false) const {
    return document.diagnose(severity, std::move(code), std::move(message), pointer, at_key);
  }
};

/// A diagnostic about a whole file (no line).
base::Diagnostic file_diagnostic(base::Severity severity, std::string code, std::string message, std::string file);

/// Parses a JSON file; the result always exists, check `document.ok()`.
std::shared_ptr<const JsonFile> parse_json_file(std::string display_path, std::string text);

}  // namespace rbxpipe::rojo
