#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "base/log.h"
#include "cli/command.h"

#ifndef RBXPIPE_VERSION
#define RBXPIPE_VERSION "0.0.0"
#endif

namespace rbxpipe::cli {

int run(int argc, char** argv) {
  CLI::App app{"rbxpipe: check, build and deploy Roblox lessons", "rbxpipe"};
  app.set_version_flag("--version", std::string("rbxpipe ") + RBXPIPE_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  CommandState state;
  app.add_option("--home", state.home, "State folder (database, artifacts, keystore); default $RBXPIPE_HOME")
      ->envname("RBXPIPE_HOME");
  app.add_option("--progress", state.progress, "Progress output on stderr: auto, bar, plain, json or none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "json", "none"}));
  app.add_option("--log-level", state.log_level, "trace, debug, info, warn, error or off")
      ->envname("RBXPIPE_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_flag("--log-json", state.json_logs, "Write logs as JSON lines");

  add_init_command(app, state);
  add_check_command(app, state);
  add_build_commands(app, state);
  add_assets_command(app, state);
  add_cloud_commands(app, state);
  add_emulate_command(app, state);
  add_tenant_commands(app, state);
  add_token_commands(app, state);
  add_secret_commands(app, state);
  add_model_commands(app, state);
  add_reflection_command(app, state);
  add_deploy_commands(app, state);
  add_release_commands(app, state);

  app.parse_complete_callback([&] {
    // Every module finds the state folder through RBXPIPE_HOME, so --home simply sets it for this process.
    if (state.home) ::setenv("RBXPIPE_HOME", state.home->c_str(), 1);
    base::LogLevel level = base::LogLevel::warn;
    base::parse_log_level(state.log_level, level);
    base::default_logger().set_level(level);
    base::default_logger().set_format(state.json_logs ? base::LogFormat::json : base::LogFormat::human);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return k_exit_usage;
  } catch (const std::exception& error) {
    // Commands return errors as values; anything thrown this far is a bug, reported rather than aborting.
    std::cerr << "rbxpipe: internal error: " << error.what() << '\n';
    return k_exit_failed;
  }
  return state.exit_code;
}

}  // namespace rbxpipe::cli
