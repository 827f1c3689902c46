#pragma once
// Internal to the data-file readers (data_*.cpp, localization_csv.cpp): UTF-8 checks, nesting limits and the
// number parsing rules of the Rust libraries Rojo reads these files with.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"

namespace rbxpipe::rojo {

/// Deepest nesting of arrays and tables a data file may have; deeper input is refused with a diagnostic.
inline constexpr int k_max_data_depth = 512;

/// Offset of the first byte that is not well-formed UTF-8 (as Rust's str::from_utf8 judges it), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// Adds an error diagnostic `code` when `source` is not UTF-8, which Rojo refuses before parsing; true when valid.
bool require_utf8(const base::SourceText& source, const std::string& code, std::vector<base::Diagnostic>& diagnostics);

/// An error diagnostic at a byte offset of `source`.
base::Diagnostic error_at(const base::SourceText& source, const std::string& code, std::string message,
                          std::size_t offset, int length = 1);

/// Rust's i64 parse (`str::parse` / `from_str_radix`): optional sign, at least one digit of `radix`, no overflow.
std::optional<std::int64_t> parse_rust_i64(std::string_view text, int radix = 10);

/// Rust's f64 parse for decimal text (`1`, `-1.5e3`, `.5`, `5.`): correctly rounded, overflow to infinity; nullopt
/// for anything else, including the words inf/nan (callers handle those themselves).
std::optional<double> parse_rust_f64(std::string_view text);

/// The double serde_json (without its float_roundtrip feature) reads from a JSON number token, which can differ from
/// the correctly rounded value by an ulp for long mantissas; nullopt where serde_json reports "number out of range".
std::optional<double> parse_serde_json_number(std::string_view token);

}  // namespace rbxpipe::rojo
