#include "rojo/sync_rules.h"

#include <array>
#include <utility>

namespace rbxpipe::rojo {
namespace {

constexpr std::array<std::pair<Middleware, std::string_view>, 18> k_names = {{
    {Middleware::csv, "csv"},
    {Middleware::json_model, "jsonModel"},
    {Middleware::json, "json"},
    {Middleware::server_script, "serverScript"},
    {Middleware::client_script, "clientScript"},
    {Middleware::module_script, "moduleScript"},
    {Middleware::plugin_script, "pluginScript"},
    {Middleware::legacy_server_script, "legacyServerScript"},
    {Middleware::legacy_client_script, "legacyClientScript"},
    {Middleware::run_context_server_script, "runContextServerScript"},
    {Middleware::run_context_client_script, "runContextClientScript"},
    {Middleware::project, "project"},
    {Middleware::rbxm, "rbxm"},
    {Middleware::rbxmx, "rbxmx"},
    {Middleware::toml, "toml"},
    {Middleware::text, "text"},
    {Middleware::yaml, "yaml"},
    {Middleware::ignore, "ignore"},
}};

SyncRule make_rule(std::string_view include, Middleware middleware, std::optional<std::string> suffix = {},
                   std::optional<std::string_view> exclude = {}) {
  SyncRule rule{PathGlob::compile(include).value(), std::nullopt, middleware, std::move(suffix), {}};
  if (exclude) rule.exclude = PathGlob::compile(*exclude).value();
  return rule;
}

// A path as globs see it: forward slashes, relative to `base` when it has one.
std::string glob_subject(const std::filesystem::path& path, const std::filesystem::path& base) {
  if (base.empty()) return path.generic_string();
  std::filesystem::path relative = path.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return {};
  return relative.generic_string();
}

}  // namespace

std::string_view middleware_name(Middleware middleware) {
  for (const auto& [value, name] : k_names)
    if (value == middleware) return name;
  return "ignore";
}

std::optional<Middleware> middleware_from_name(std::string_view name) {
  for (const auto& [value, known] : k_names)
    if (known == name) return value;
  return std::nullopt;
}

std::string middleware_names() {
  std::string out;
  for (const auto& [value, name] : k_names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool SyncRule::matches(const std::filesystem::path& path) const {
  std::string subject = glob_subject(path, base);
  if (subject.empty()) return false;
  if (!include.matches(subject)) return false;
  return !exclude || !exclude->matches(subject);
}

std::string SyncRule::instance_name(const std::filesystem::path& path) const {
  std::string file_name = path.filename().string();
  if (suffix && file_name.size() > suffix->size() && file_name.ends_with(*suffix))
    return file_name.substr(0, file_name.size() - suffix->size());
  // Rojo's file stem: everything before the last dot ("foo.bar.lua" -> "foo.bar"); a leading dot is part of the name.
  auto dot = file_name.rfind('.');
  if (dot == std::string::npos || dot == 0) return file_name;
  return file_name.substr(0, dot);
}

const std::vector<SyncRule>& default_sync_rules() {
  static const std::vector<SyncRule> rules = {
      make_rule("*.server.lua", Middleware::server_script, ".server.lua"),
      make_rule("*.server.luau", Middleware::server_script, ".server.luau"),
      make_rule("*.client.lua", Middleware::client_script, ".client.lua"),
      make_rule("*.client.luau", Middleware::client_script, ".client.luau"),
      make_rule("*.plugin.lua", Middleware::plugin_script, ".plugin.lua"),
      make_rule("*.plugin.luau", Middleware::plugin_script, ".plugin.luau"),
      make_rule("*.{lua,luau}", Middleware::module_script),
      make_rule("*.project.json", Middleware::project, ".project.json"),
      make_rule("*.project.jsonc", Middleware::project, ".project.jsonc"),
      make_rule("*.model.json", Middleware::json_model, ".model.json"),
      make_rule("*.model.jsonc", Middleware::json_model, ".model.jsonc"),
      make_rule("*.json", Middleware::json, ".json", "*.meta.json"),
      make_rule("*.jsonc", Middleware::json, ".jsonc", "*.meta.jsonc"),
      make_rule("*.toml", Middleware::toml),
      make_rule("*.csv", Middleware::csv),
      make_rule("*.txt", Middleware::text),
      make_rule("*.rbxmx", Middleware::rbxmx),
      make_rule("*.rbxm", Middleware::rbxm),
      make_rule("*.{yml,yaml}", Middleware::yaml),
  };
  return rules;
}

const SyncRule* find_sync_rule(const std::vector<SyncRule>& user_rules, const std::filesystem::path& path) {
  for (const auto& rule : user_rules)
    if (rule.matches(path)) return &rule;
  for (const auto& rule : default_sync_rules())
    if (rule.matches(path)) return &rule;
  return nullptr;
}

const std::vector<std::string_view>& init_file_names() {
  static const std::vector<std::string_view> names = {
      "init.luau",        "init.lua",        "init.server.luau", "init.server.lua", "init.client.luau",
      "init.client.lua",  "init.plugin.luau", "init.plugin.lua", "init.csv"};
  return names;
}

bool is_init_file_name(std::string_view file_name) {
  for (auto name : init_file_names())
    if (name == file_name) return true;
  return false;
}

}  // namespace rbxpipe::rojo
