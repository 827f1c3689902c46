#pragma once
// Internal to data_yaml.cpp: how yaml-rust2, the YAML library behind Rojo's .yaml files, types one scalar.

#include <string>
#include <string_view>

#include "rojo/lua_value.h"

namespace rbxpipe::rojo {

/// One typed scalar: its Lua value and an identity string that tells mapping keys apart as yaml-rust2 does (1 and
/// 1.0 are different keys), or an error message when Rojo refuses the scalar.
struct YamlScalar {
  LuaValue value;        ///< the Lua value (nil, boolean, number or string)
  std::string identity;  ///< equal for scalars yaml-rust2 considers the same key
  std::string error;     ///< non-empty when the scalar cannot become Lua
};

/// A plain (unquoted) scalar without a tag: `~`/`null`/empty are nil, only `true`/`false` are booleans, decimal,
/// `0x` and `0o` integers and Rust-syntax floats (plus `.inf`/`.nan`) are numbers, anything else a string.
YamlScalar resolve_yaml_plain(std::string_view text);

/// A plain scalar tagged `!!<suffix>` (tag:yaml.org,2002:<suffix>): bool, int, float and null must parse as such,
/// other suffixes give a string.
YamlScalar resolve_yaml_tagged(std::string_view suffix, std::string_view text);

/// A quoted or block scalar, or one with any other tag: always a string.
YamlScalar yaml_string(std::string_view text);

}  // namespace rbxpipe::rojo
