// `rbxpipe reflection import FILE`: extends the built-in reflection data with an API dump or rbx-dom database.
#include <CLI/CLI.hpp>
#include <iostream>

#include "base/paths.h"
#include "cli/command.h"
#include "rbx/reflection/database.h"

namespace rbxpipe::cli {

namespace {

int run_import(const std::string& file) {
  auto home = base::rbxpipe_home();
  if (home.empty()) {
    std::cerr << "rbxpipe reflection import: no state folder: set RBXPIPE_HOME or pass --home\n";
    return k_exit_usage;
  }
  auto imported = rbx::reflection::import_reflection_file(file, home);
  if (!imported) {
    std::cerr << "rbxpipe reflection import: " << imported.error().to_string() << '\n';
    return base::exit_code_for(imported.error().code());
  }
  std::cout << "Imported " << *imported << " classes from " << file << " into " << (home / "reflection.json").string()
            << '\n';
  return k_exit_ok;
}

}  // namespace

void add_reflection_command(CLI::App& app, CommandState& state) {
  auto* reflection = app.add_subcommand("reflection", "Reflection data: the classes, properties and enums rbxpipe knows");
  reflection->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto* import = reflection->add_subcommand("import", "Merge a Roblox API dump or rbx-dom database.json into $RBXPIPE_HOME");
  import->add_option("file", *file, "Full-API-Dump.json or database.json")->required()->check(CLI::ExistingFile);
  import->callback([file, &state] { state.exit_code = run_import(*file); });
}

}  // namespace rbxpipe::cli
