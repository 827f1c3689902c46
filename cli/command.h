#pragma once
// Internal to cli/: what every subcommand shares, and the functions that register each one.

#include <filesystem>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace rbxpipe::cli {

/// Exit codes of CONTRACTS.md §4.
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_failed = 1,
  k_exit_invalid_input = 2,
  k_exit_usage = 3,
  k_exit_auth = 4,
  k_exit_remote = 5,
  k_exit_plan_changes = 10,
};

/// Options every command sees, and the exit code the chosen command sets.
struct CommandState {
  std::optional<std::filesystem::path> home;  ///< --home: state folder override
  std::string progress = "auto";              ///< --progress auto|bar|plain|json|none
  std::string log_level = "warn";             ///< --log-level
  bool json_logs = false;                     ///< --log-format json
  int exit_code = k_exit_ok;                  ///< set by the command that ran
};

/// `rbxpipe init [DIR] [--name NAME]`.
void add_init_command(CLI::App& app, CommandState& state);
/// `rbxpipe check [DIR] [--json] [--format text|json]`.
void add_check_command(CLI::App& app, CommandState& state);
/// `rbxpipe convert IN OUT` and `rbxpipe inspect FILE [--json]`.
void add_model_commands(CLI::App& app, CommandState& state);
/// `rbxpipe build [PROJECT] -o OUT [--watch]` and `rbxpipe sourcemap [PROJECT] [-o FILE]`.
void add_build_commands(CLI::App& app, CommandState& state);
/// `rbxpipe assets [DIR] [--json]`.
void add_assets_command(CLI::App& app, CommandState& state);
/// `rbxpipe cloud create-asset|publish-place|run-luau|rollback-asset|introspect|...`.
void add_cloud_commands(CLI::App& app, CommandState& state);
/// `rbxpipe emulate [--port N] [--scenario FILE] [--state FILE]`.
void add_emulate_command(CLI::App& app, CommandState& state);
/// `rbxpipe secret set|list|rm`.
void add_secret_commands(CLI::App& app, CommandState& state);
/// `rbxpipe token create|list|revoke`.
void add_token_commands(CLI::App& app, CommandState& state);
/// `rbxpipe tenant add|list|show|suspend|target|export|delete`.
void add_tenant_commands(CLI::App& app, CommandState& state);
/// `rbxpipe plan` and `rbxpipe deploy`.
void add_deploy_commands(CLI::App& app, CommandState& state);
/// `rbxpipe bundle`, `import`, `releases`, `rollback` and `promote`.
void add_release_commands(CLI::App& app, CommandState& state);
/// `rbxpipe reflection import FILE`.
void add_reflection_command(CLI::App& app, CommandState& state);

}  // namespace rbxpipe::cli
