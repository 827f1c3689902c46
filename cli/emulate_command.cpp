// `rbxpipe emulate`: serves the local Open Cloud emulator on 127.0.0.1 until SIGINT or SIGTERM.
#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <memory>

#include "base/diagnostic.h"
#include "base/file_io.h"
#include "base/source_text.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "cloud/emulator/emulator.h"

namespace rbxpipe::cli {

namespace {

constexpr int k_default_port = 7878;

struct EmulateOptions {
  int port = k_default_port;
  std::string scenario;
  std::string state;
};

// The scenario file, or the default one; nullopt after reporting why not.
std::optional<cloud::emulator::Scenario> load_scenario(const EmulateOptions& options, int& exit_code) {
  if (options.scenario.empty()) {
    auto scenario = cloud::emulator::default_scenario();
    if (scenario) return std::move(scenario).value();
    std::cerr << "rbxpipe: " << scenario.error().to_string() << '\n';
    exit_code = k_exit_failed;
    return std::nullopt;
  }
  auto text = base::read_file(options.scenario);
  if (!text) {
    std::cerr << "rbxpipe: " << text.error().with_context("read scenario " + options.scenario).to_string() << '\n';
    exit_code = k_exit_invalid_input;
    return std::nullopt;
  }
  base::SourceText source(options.scenario, std::move(text).value());
  auto parsed = cloud::emulator::parse_scenario(source);
  base::TextRenderOptions render{.color = stderr_color(), .show_source = true};
  std::cerr << base::render_text(parsed.diagnostics, render);
  if (!parsed.scenario) {
    exit_code = k_exit_invalid_input;
    return std::nullopt;
  }
  return std::move(*parsed.scenario);
}

int run_emulate(const EmulateOptions& options) {
  int exit_code = k_exit_ok;
  auto scenario = load_scenario(options, exit_code);
  if (!scenario) return exit_code;

  // Block the stop signals before any server thread exists, so every thread inherits the mask and sigwait below is
  // the only place they are delivered.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  std::signal(SIGPIPE, SIG_IGN);

  cloud::emulator::EmulatorOptions emulator_options;
  if (!options.state.empty()) emulator_options.state_file = options.state;
  auto emulator = std::make_unique<cloud::emulator::Emulator>(std::move(*scenario), emulator_options);
  auto started = emulator->start(options.port);
  if (!started) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    std::cerr << "rbxpipe: " << started.error().with_context("start the Open Cloud emulator").to_string() << '\n';
    return base::exit_code_for(started.error().code());
  }
  // The first stdout line is the contract scripts read the port from; flush it at once.
  std::cout << "Open Cloud emulator listening on " << emulator->base_url() << std::endl;
  std::cerr << "keys: " << emulator->scenario().keys.size() << ", universes: " << emulator->scenario().universes.size()
            << "; inspection at " << emulator->base_url() << "/_emulator/state; Ctrl-C stops\n";

  int received = 0;
  sigwait(&stop_signals, &received);
  emulator->stop();
  emulator.reset();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return k_exit_ok;
}

}  // namespace

void add_emulate_command(CLI::App& app, CommandState& state) {
  auto options = std::make_shared<EmulateOptions>();
  auto* command = app.add_subcommand("emulate", "Serve a local Open Cloud emulator on 127.0.0.1 for tests and CI");
  command->add_option("--port", options->port, "Port to listen on; 0 picks a free one (default 7878)")
      ->check(CLI::Range(0, 65535));
  command->add_option("--scenario", options->scenario,
                      "Scenario file (JSON; schema config/schemas/emulator-scenario.schema.json)");
  command->add_option("--state", options->state, "Persist state to this file (loaded at start when present)");
  command->callback([options, &state] { state.exit_code = run_emulate(*options); });
}

}  // namespace rbxpipe::cli
