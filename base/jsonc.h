#pragma once
// JSONC: JSON with comments and trailing commas, read into clean JSON plus the source location of every value.
// nlohmann_json keeps no positions and refuses comments/trailing commas; this tokenizer serves every JSON input.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"

namespace rbxpipe::base {

/// Where one JSON value sits in its file: its key (for object members) and the value itself.
struct JsonSpan {
  SourceLocation key;    ///< the member's key, or the value's position for array items and the root
  int key_length = 0;    ///< bytes of the key token including quotes
  SourceLocation value;  ///< the first character of the value
  int value_length = 0;  ///< bytes of a scalar value token; 1 for objects and arrays
};

/// A parsed JSONC file: clean JSON text for nlohmann, and a map from JSON Pointer to location.
class JsoncDocument {
 public:
  /// Tokenizes `source`. Syntax errors (JSON0001) and duplicate keys (JSON0002) become diagnostics located in it.
  static JsoncDocument parse(const SourceText& source);

  /// True when the file was syntactically valid (duplicate keys are reported but do not make it invalid).
  bool ok() const { return m_ok; }
  /// Equivalent strict JSON: comments removed, trailing commas dropped. Empty when !ok().
  const std::string& json() const { return m_json; }
  /// Syntax and duplicate-key diagnostics.
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
  /// The location of the value (or key, when `at_key`) at a JSON Pointer ("/environments/staging/place");
  /// a pointer that does not exist resolves to its nearest existing ancestor.
  SourceLocation locate(std::string_view pointer, bool at_key = false) const;
  /// The span recorded for a pointer, or the nearest ancestor's.
  const JsonSpan& span(std::string_view pointer) const;
  /// The source the document was read from.
  const SourceText& source() const { return *m_source; }

  /// A diagnostic at `pointer` (at the key when `at_key`), underlining the key or scalar value.
  Diagnostic diagnose(Severity severity, std::string code, std::string message, std::string_view pointer,
                      bool at_key = false) const;

 private:
  const SourceText* m_source = nullptr;
  bool m_ok = false;
  std::string m_json;
  std::map<std::string, JsonSpan, std::less<>> m_spans;
  std::vector<Diagnostic> m_diagnostics;
  friend class JsoncParser;
};

/// Escapes one JSON Pointer reference token ("a/b" -> "a~1b", "~" -> "~0").
std::string json_pointer_escape(std::string_view token);

}  // namespace rbxpipe::base
