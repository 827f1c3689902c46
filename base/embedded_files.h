#pragma once
// Shipped data from config/ and the Luau runtime from luau/runtime/ (as "runtime/..."), compiled into the binary,
// with an override folder for users and tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace rbxpipe::base {

/// Bytes of a compiled-in file, or nullopt: a config/ file by its path there (`"schemas/rbxpipe.schema.json"`), a
/// luau/runtime/ file as `"runtime/<path>"`.
std::optional<std::string_view> embedded_file(std::string_view path);

/// Paths of every compiled-in file starting with `prefix`, sorted.
std::vector<std::string> embedded_files_under(std::string_view prefix);

/// A config file's contents: `$RBXPIPE_CONFIG_DIR/<path>` when that exists, else the compiled-in copy.
Result<std::string> read_config_file(std::string_view path);

namespace detail {
/// One compiled-in file; the table ends with an entry whose path is empty.
struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};
extern const EmbeddedFile k_embedded_files[];
extern const std::size_t k_embedded_file_count;
}  // namespace detail

}  // namespace rbxpipe::base
