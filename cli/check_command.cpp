// `rbxpipe check`: runs every check stage on a project, or the Luau check on the files given; writes nothing,
// exits 2 when any error is found.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/diagnostic_sarif.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "pipeline/project.h"
#include "stages/check_stages.h"
#include "stages/luau_stage.h"
#include "stages/project_stage.h"

#ifndef RBXPIPE_VERSION
#define RBXPIPE_VERSION "0.0.0"
#endif

namespace rbxpipe::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool json = false;
};

std::string stages_summary(const pipeline::RunResult& result) {
  std::string names;
  for (const auto& stage : result.stages) names += (names.empty() ? "" : ", ") + stage.name;
  return names;
}

std::string json_report(const pipeline::RunResult& result, const pipeline::Project* project) {
  nlohmann::ordered_json report;
  report["ok"] = !base::has_errors(result.diagnostics) && result.all_ok();
  if (project != nullptr) {
    report["project"] = {{"name", project->config.name},
                         {"version", project->config.version},
                         {"root", project->root.generic_string()}};
  } else {
    report["project"] = nullptr;
  }
  report["diagnostics"] = nlohmann::ordered_json::parse(base::render_json(result.diagnostics));
  report["summary"] = {{"errors", base::count_severity(result.diagnostics, base::Severity::error)},
                       {"warnings", base::count_severity(result.diagnostics, base::Severity::warning)},
                       {"notes", base::count_severity(result.diagnostics, base::Severity::note)}};
  auto stages = nlohmann::ordered_json::array();
  for (const auto& stage : result.stages) {
    nlohmann::ordered_json item{{"name", stage.name}, {"status", pipeline::stage_status_name(stage.status)}};
    if (!stage.message.empty()) item["message"] = stage.message;
    item["elapsed_ms"] = stage.elapsed.count();
    stages.push_back(std::move(item));
  }
  report["stages"] = std::move(stages);
  return report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// Prints the result in the chosen format; `subject` names what passed in the text format's closing line
// ("volcano 1.0.0", "2 Luau files"), empty for none.
void print_result(const CheckOptions& options, const pipeline::RunResult& result, const pipeline::Project* project,
                  const std::string& subject, bool list_stages) {
  const bool failed = base::has_errors(result.diagnostics);
  const std::string format = options.json ? "json" : options.format;
  if (format == "sarif") {
    std::cout << base::render_sarif(result.diagnostics, {.tool_name = "rbxpipe",
                                                         .tool_version = RBXPIPE_VERSION,
                                                         .information_uri = {}})
              << '\n';
    return;
  }
  if (format == "json") {
    std::cout << json_report(result, project) << '\n';
    return;
  }
  base::TextRenderOptions render{.color = stdout_color(), .show_source = true};
  std::cout << base::render_text(result.diagnostics, render);
  if (!subject.empty() && !failed) {
    std::cout << subject << ": " << (result.diagnostics.empty() ? "no problems found" : "no errors");
    if (list_stages) std::cout << " (" << stages_summary(result) << ")";
    std::cout << '\n';
  }
  // A stage that failed without saying why in a diagnostic still owes the user an explanation.
  if (!failed) {
    for (const auto& stage : result.stages) {
      if (stage.status == pipeline::StageStatus::failed) std::cout << "check failed: " << stage.message << '\n';
    }
  }
}

int run_project_check(const CheckOptions& options, const std::string& path, const CommandState& state) {
  pipeline::Runner runner;
  stages::add_check_stages(runner, path);
  pipeline::ArtifactTable artifacts;
  auto result = run_with_progress(runner, artifacts, state.progress);
  if (!result) {
    std::cerr << "rbxpipe: " << result.error().to_string() << '\n';
    return k_exit_failed;
  }
  const auto* project = artifacts.get<pipeline::Project>(stages::k_project_artifact);
  const std::string subject = project == nullptr ? "" : project->config.name + " " + project->config.version;
  print_result(options, *result, project, subject, true);
  if (base::has_errors(result->diagnostics) || !result->all_ok()) return k_exit_invalid_input;
  return k_exit_ok;
}

int run_file_check(const CheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::filesystem::path> files(options.paths.begin(), options.paths.end());
  pipeline::RunResult result;
  result.diagnostics = stages::check_luau_files(files);
  result.stages.push_back(pipeline::StageOutcome{
      "luau", pipeline::StageStatus::ok, {},
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)});
  const std::string subject =
      std::to_string(files.size()) + (files.size() == 1 ? " Luau file" : " Luau files");
  print_result(options, result, nullptr, subject, false);
  return base::has_errors(result.diagnostics) ? k_exit_invalid_input : k_exit_ok;
}

int run_check(const CheckOptions& options, const CommandState& state) {
  const bool all_luau = !options.paths.empty() &&
                        std::all_of(options.paths.begin(), options.paths.end(),
                                    [](const std::string& path) { return stages::is_luau_file_name(path); });
  if (all_luau) return run_file_check(options);
  if (options.paths.size() > 1) {
    std::cerr << "rbxpipe check: give one project (folder, rbxpipe.json or *.project.json) or only .lua/.luau files\n";
    return k_exit_usage;
  }
  return run_project_check(options, options.paths.empty() ? "." : options.paths.front(), state);
}

}  // namespace

void add_check_command(CLI::App& app, CommandState& state) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand(
      "check", "Run every check (project, build, assets, Luau, configured analyzers) without writing anything");
  command->add_option("path", options->paths,
                      "Project folder, rbxpipe.json or *.project.json (default: .), or .lua/.luau files to parse");
  command->add_option("--format", options->format, "Output format: text, json or sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  command->add_flag("--json", options->json, "Same as --format json: one JSON document on stdout");
  command->callback([options, &state] { state.exit_code = run_check(*options, state); });
}

}  // namespace rbxpipe::cli
