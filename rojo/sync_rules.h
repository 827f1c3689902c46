#pragma once
// Sync rules: which middleware turns a file into an instance, and what the instance is called. Rojo's default
// table (order matters, first match wins) plus the user's `syncRules`, which are checked first.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rojo/path_glob.h"

namespace rbxpipe::rojo {

/// How a file becomes an instance.
enum class Middleware {
  csv, json_model, json, server_script, client_script, module_script, plugin_script, legacy_server_script,
  legacy_client_script, run_context_server_script, run_context_client_script, project, rbxm, rbxmx, toml, text,
  yaml, ignore,
};

/// The camelCase name project files use for a middleware ("jsonModel").
std::string_view middleware_name(Middleware middleware);
/// Parses a name from middleware_name; nullopt when unknown.
std::optional<Middleware> middleware_from_name(std::string_view name);
/// Every middleware name, for error messages.
std::string middleware_names();

/// One rule.
struct SyncRule {
  PathGlob include;                  ///< paths it takes
  std::optional<PathGlob> exclude;   ///< paths it leaves alone
  Middleware middleware = Middleware::ignore;  ///< what it turns them into
  std::optional<std::string> suffix; ///< stripped from the file name to make the instance name
  std::filesystem::path base;        ///< user rules: the project folder paths are matched relative to; empty for defaults

  /// True when the rule takes `path` (absolute; user rules match it relative to `base`, default rules the name).
  bool matches(const std::filesystem::path& path) const;
  /// The instance name for a file this rule took: the file name minus the suffix, else the file stem.
  std::string instance_name(const std::filesystem::path& path) const;
};

/// Rojo's default rules, in order.
const std::vector<SyncRule>& default_sync_rules();

/// The rule that takes `path`: the first user rule that matches, else the first default rule; nullptr for none.
const SyncRule* find_sync_rule(const std::vector<SyncRule>& user_rules, const std::filesystem::path& path);

/// True for file names Rojo treats as a folder's init file (skipped when listing the folder).
bool is_init_file_name(std::string_view file_name);

/// The init files Rojo looks for in a folder, in priority order.
const std::vector<std::string_view>& init_file_names();

}  // namespace rbxpipe::rojo
