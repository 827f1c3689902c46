// `rbxpipe init`: scaffolds the sample lesson into a folder.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "cli/command.h"
#include "pipeline/scaffold.h"

namespace rbxpipe::cli {

namespace {

struct InitOptions {
  std::string directory = ".";
  std::string name;
  bool json = false;
};

int run_init(const InitOptions& options) {
  auto result = pipeline::scaffold_lesson({options.directory, options.name});
  if (!result) {
    std::cerr << "rbxpipe init: " << result.error().to_string() << '\n';
    return base::exit_code_for(result.error().code());
  }
  if (options.json) {
    nlohmann::ordered_json report{{"name", result->name}, {"directory", options.directory}, {"files", result->files}};
    std::cout << report.dump(2) << '\n';
    return k_exit_ok;
  }
  std::cout << "Created lesson '" << result->name << "' in " << options.directory << ":\n";
  for (const auto& file : result->files) std::cout << "  " << file << '\n';
  std::cout << "Next: rbxpipe check " << options.directory << '\n';
  return k_exit_ok;
}

}  // namespace

void add_init_command(CLI::App& app, CommandState& state) {
  auto options = std::make_shared<InitOptions>();
  auto* command = app.add_subcommand("init", "Create a sample lesson project (never overwrites files)");
  command->add_option("dir", options->directory, "Folder to create the lesson in (default: .)");
  command->add_option("--name", options->name, "Lesson id (default: from the folder name)");
  command->add_flag("--json", options->json, "Print the result as JSON");
  command->callback([options, &state] { state.exit_code = run_init(*options); });
}

}  // namespace rbxpipe::cli
