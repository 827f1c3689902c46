#pragma once
// Data files that become ModuleScripts (.json, .toml, .yaml) and LocalizationTables (.csv), read as Rojo reads
// them. Problems are diagnostics located in the file.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"
#include "rojo/lua_value.h"

namespace rbxpipe::rojo {

/// Reads JSON (comments and trailing commas allowed, as in every Rojo JSON input) into a value: numbers as
/// serde_json reads them, duplicate keys keeping the last value (with a warning). An empty or comment-only file is an
/// error, as in Rojo. nullopt after a syntax error, invalid UTF-8 or a number out of range (diagnostic ROJO0201).
std::optional<LuaValue> read_json_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics);

/// Reads TOML (toml++) into a value: integers and floats as numbers, dates and times as strings spelled as Rojo's
/// toml crate prints them; an empty file is an empty table. nullopt after a syntax error or invalid UTF-8
/// (diagnostic ROJO0202).
std::optional<LuaValue> read_toml_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics);

/// Reads YAML (yaml-cpp) typed as Rojo's yaml-rust2 types it: only `true`/`false` are booleans and `null`/`~`/empty
/// nil (`yes`, `on`, `Null` are strings), integers above 2^53 are refused; mappings keep document order and typed
/// keys (a LuaKeyedTable). Exactly one document: none, or a second one, is an error. nullopt after a syntax error or
/// anything Rojo refuses (diagnostic ROJO0203).
std::optional<LuaValue> read_yaml_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics);

/// Converts a CSV localization file to a LocalizationTable's `Contents` JSON, byte-identical to Rojo. Quoting is
/// never an error (as in the csv crate); nullopt when a record's field count differs from the header row's or the
/// file is not UTF-8 (diagnostic ROJO0204).
std::optional<std::string> read_localization_csv(const base::SourceText& source,
                                                 std::vector<base::Diagnostic>& diagnostics);

}  // namespace rbxpipe::rojo
