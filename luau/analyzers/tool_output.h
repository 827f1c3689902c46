#pragma once
// What the output parsers share: their result, the way they find a reported file's text, and a splitter for the
// concatenated JSON documents some tools print.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"

namespace rbxpipe::luau::analyzers {

/// The text of a file a tool reported on, by the name the tool printed; nullptr when unknown.
using SourceLookup = std::function<const base::SourceText*(const std::string& file)>;

/// What one tool run printed, sorted into findings and everything else.
struct ParsedOutput {
  std::vector<base::Diagnostic> diagnostics;  ///< findings; `file` is the name the tool printed
  std::vector<std::string> errors;            ///< the tool saying it could not do its job (one message each)
  std::vector<std::string> other;             ///< non-empty lines that are neither (banners, crash output)
};

/// One top-level piece of a text holding JSON documents back to back ("[...][...]{...}\n") and stray text.
struct JsonPiece {
  std::string_view text;  ///< the document, or one line of text that is not JSON
  bool is_json = false;   ///< true for an object or array (balanced, strings respected; not validated further)
};

/// Splits `text` into JSON objects/arrays and the non-JSON lines between them, in order; blank lines are dropped.
std::vector<JsonPiece> split_json_values(std::string_view text);

/// Sets `diagnostic.source_line` from `sources` when they know the file and the line exists.
void attach_source_line(base::Diagnostic& diagnostic, const SourceLookup& sources);

/// The location of byte `offset` in `file` through `sources`, or `fallback` when the file is unknown or the
/// offset lies past its end. Tools that count columns in characters are placed exactly this way.
base::SourceLocation locate_offset(const SourceLookup& sources, const std::string& file, std::size_t offset,
                                   base::SourceLocation fallback);

/// Splits text into lines without their line endings (a final line without newline included).
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace rbxpipe::luau::analyzers
