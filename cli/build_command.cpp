// `rbxpipe build [PROJECT] -o OUT [--watch]` and `rbxpipe sourcemap [PROJECT] [-o FILE]`.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/file_io.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "rojo/file_watcher.h"
#include "rojo/sourcemap.h"
#include "stages/build_stage.h"

namespace rbxpipe::cli {
namespace {

struct BuildOptions {
  std::string project = ".";
  std::string output;
  bool watch = false;
  bool json = false;
  bool no_cache = false;
};

struct SourcemapOptions {
  std::string project = ".";
  std::string output;
  bool include_non_scripts = false;
};

std::string outcome_json(const stages::BuildOutcome& outcome) {
  nlohmann::ordered_json report;
  report["ok"] = !base::has_errors(outcome.diagnostics);
  report["output"] = outcome.output.generic_string();
  report["up_to_date"] = outcome.up_to_date;
  report["written"] = outcome.written;
  report["instances"] = outcome.instance_count;
  report["bytes"] = outcome.output_bytes;
  report["files"] = {{"read", outcome.files.files_read},
                     {"from_cache", outcome.files.cache_hits},
                     {"stated", outcome.files.paths_stated}};
  report["codegen_written"] = outcome.codegen_written;
  report["diagnostics"] = nlohmann::ordered_json::parse(base::render_json(outcome.diagnostics));
  return report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void print_outcome(const stages::BuildOutcome& outcome, const BuildOptions& options,
                   std::chrono::steady_clock::duration elapsed) {
  if (options.json) {
    std::cout << outcome_json(outcome) << std::endl;
    return;
  }
  base::TextRenderOptions render{.color = stderr_color(), .show_source = true};
  std::cerr << base::render_text(outcome.diagnostics, render);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  if (outcome.up_to_date) {
    std::cout << options.output << " is up to date (" << outcome.files.paths_stated << " inputs unchanged, " << ms
              << " ms)" << std::endl;
  } else if (outcome.written) {
    std::cout << "Built " << options.output << ": " << outcome.instance_count << " instances, "
              << outcome.output_bytes << " bytes (" << outcome.files.files_read << " files read, "
              << outcome.files.cache_hits << " from cache, " << ms << " ms)" << std::endl;
  } else {
    std::cout << "Build failed: nothing was written" << std::endl;
  }
  for (const auto& file : outcome.codegen_written) std::cout << "Wrote " << file << std::endl;
}

// `quiet_if_up_to_date`: in watch mode a rebuild woken by the build's own writes (the codegen files) finds nothing to
// do and says nothing.
int build_once(const BuildOptions& options, stages::BuildOutcome* last, bool quiet_if_up_to_date = false) {
  stages::BuildRequest request;
  request.project = options.project;
  request.output = options.output;
  request.use_cache = !options.no_cache;
  auto started = std::chrono::steady_clock::now();
  auto outcome = stages::run_build(request);
  if (!outcome) {
    std::cerr << "rbxpipe: " << outcome.error().to_string() << '\n';
    return outcome.error().code() == base::ErrorCode::usage ? k_exit_usage : base::exit_code_for(outcome.error().code());
  }
  if (!(quiet_if_up_to_date && outcome->up_to_date)) {
    print_outcome(*outcome, options, std::chrono::steady_clock::now() - started);
  }
  if (last != nullptr) *last = *outcome;
  return base::has_errors(outcome->diagnostics) ? k_exit_invalid_input : k_exit_ok;
}

// Rebuilds whenever a folder the last build depended on changes; runs until interrupted.
int watch(const BuildOptions& options) {
  auto watcher = rojo::FileWatcher::create();
  if (!watcher) {
    std::cerr << "rbxpipe: " << watcher.error().to_string() << '\n';
    return k_exit_failed;
  }
  for (bool first = true;; first = false) {
    stages::BuildOutcome outcome;
    build_once(options, &outcome, !first);
    // Nothing changed (say the build's own codegen write woke us): the same folders stay watched, quietly.
    if (first || !outcome.up_to_date) {
      // The dependencies of the build just made are in its cache record; watch their folders.
      rojo::SourceFiles probe;
      auto tree = stages::build_tree(options.project, probe);
      watcher->watch(rojo::folders_to_watch(probe.dependencies()));
      std::cout << "Watching " << watcher->size() << " folders for changes (Ctrl+C to stop)" << std::endl;
    }
    while (true) {
      auto changed = watcher->wait(std::chrono::hours(24), std::chrono::milliseconds(100));
      if (!changed) {
        std::cerr << "rbxpipe: " << changed.error().to_string() << '\n';
        return k_exit_failed;
      }
      if (*changed) break;
    }
  }
}

int run_sourcemap(const SourcemapOptions& options) {
  rojo::SourceFiles files;
  auto tree = stages::build_tree(options.project, files);
  base::TextRenderOptions render{.color = stderr_color(), .show_source = true};
  std::cerr << base::render_text(tree.diagnostics, render);
  if (base::has_errors(tree.diagnostics) || !tree.project) return k_exit_invalid_input;
  rojo::SourcemapOptions sourcemap_options;
  sourcemap_options.include_non_scripts = options.include_non_scripts;
  sourcemap_options.project_dir = std::filesystem::absolute(tree.build.project_file.parent_path());
  std::string json = rojo::write_sourcemap(tree.build.dom, tree.build.dom.root(), tree.build.file_paths,
                                           sourcemap_options);
  if (options.output.empty()) {
    std::cout << json << '\n';
    return k_exit_ok;
  }
  auto written = base::write_file_atomic(options.output, json);
  if (!written) {
    std::cerr << "rbxpipe: " << written.error().to_string() << '\n';
    return k_exit_failed;
  }
  std::cout << "Created sourcemap at " << options.output << '\n';
  return k_exit_ok;
}

}  // namespace

void add_build_commands(CLI::App& app, CommandState& state) {
  auto build = std::make_shared<BuildOptions>();
  auto* command = app.add_subcommand("build", "Build a project into a place or model file (Rojo-compatible)");
  command->add_option("project", build->project,
                      "Project folder (rbxpipe.json or default.project.json), or a *.project.json file (default: .)");
  command->add_option("-o,--output", build->output, "Output file: .rbxl/.rbxlx (place) or .rbxm/.rbxmx (model)")
      ->required();
  command->add_flag("--watch", build->watch, "Rebuild whenever an input changes");
  command->add_flag("--json", build->json, "Print the result as one JSON document");
  command->add_flag("--no-cache", build->no_cache, "Read every input and leave the build cache untouched");
  command->callback([build, &state] { state.exit_code = build->watch ? watch(*build) : build_once(*build, nullptr); });

  auto sourcemap = std::make_shared<SourcemapOptions>();
  auto* map = app.add_subcommand("sourcemap", "Write a Rojo-format sourcemap for editor tools such as luau-lsp");
  map->add_option("project", sourcemap->project, "Project folder or *.project.json file (default: .)");
  map->add_option("-o,--output", sourcemap->output, "Where to write it (default: standard output)");
  map->add_flag("--include-non-scripts", sourcemap->include_non_scripts,
                "Also list instances that are not scripts and hold none");
  map->callback([sourcemap, &state] { state.exit_code = run_sourcemap(*sourcemap); });
}

}  // namespace rbxpipe::cli
