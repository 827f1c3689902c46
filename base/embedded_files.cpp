#include "base/embedded_files.h"

#include <cstdlib>
#include <filesystem>

#include "base/file_io.h"

namespace rbxpipe::base {

std::optional<std::string_view> embedded_file(std::string_view path) {
  for (std::size_t i = 0; i < detail::k_embedded_file_count; ++i) {
    if (detail::k_embedded_files[i].path == path) return detail::k_embedded_files[i].bytes;
  }
  return std::nullopt;
}

std::vector<std::string> embedded_files_under(std::string_view prefix) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < detail::k_embedded_file_count; ++i) {
    if (detail::k_embedded_files[i].path.starts_with(prefix)) paths.emplace_back(detail::k_embedded_files[i].path);
  }
  return paths;  // the generator writes the table sorted
}

Result<std::string> read_config_file(std::string_view path) {
  if (const char* dir = std::getenv("RBXPIPE_CONFIG_DIR"); dir != nullptr && *dir != '\0') {
    std::filesystem::path override_path = std::filesystem::path(dir) / path;
    std::error_code ignored;
    if (std::filesystem::is_regular_file(override_path, ignored)) return read_file(override_path);
  }
  if (auto bytes = embedded_file(path)) return std::string(*bytes);
  return Error(ErrorCode::not_found, "no shipped config file '" + std::string(path) + "'");
}

}  // namespace rbxpipe::base
