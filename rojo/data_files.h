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

/// Reads JSON (comments and trailing commas allowed, as in every Rojo JSON input) into a value; an empty or
/// whitespace-only file is nil. nullopt after a syntax error (diagnostic ROJO0201).
std::optional<LuaValue> read_json_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics);

/// Reads TOML (toml++) into a value: integers and floats as numbers, dates and times as their TOML text.
/// nullopt after a syntax error (diagnostic ROJO0202).
std::optional<LuaValue> read_toml_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics);

/// Reads YAML (yaml-cpp) with YAML 1.2 core-schema typing: only true/false are booleans (`yes`, `on` are strings),
/// `null`/`~`/empty are nil, numbers per the 1.2 core schema; several documents become an array. nullopt after a
/// syntax error (diagnostic ROJO0203).
std::optional<LuaValue> read_yaml_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics);

/// Converts a CSV localization file to a LocalizationTable's `Contents` JSON, byte-identical to Rojo. nullopt after
/// a malformed file (diagnostic ROJO0204: unterminated quote, ...).
std::optional<std::string> read_localization_csv(const base::SourceText& source,
                                                 std::vector<base::Diagnostic>& diagnostics);

}  // namespace rbxpipe::rojo
