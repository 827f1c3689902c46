// `rbxpipe check`: runs every check stage on a project, writes nothing, exits 2 when any error is found.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "pipeline/project.h"
#include "stages/check_stages.h"
#include "stages/project_stage.h"

namespace rbxpipe::cli {

namespace {

struct CheckOptions {
  std::string path = ".";
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

int run_check(const CheckOptions& options, const CommandState& state) {
  pipeline::Runner runner;
  stages::add_check_stages(runner, options.path);
  pipeline::ArtifactTable artifacts;
  auto result = run_with_progress(runner, artifacts, state.progress);
  if (!result) {
    std::cerr << "rbxpipe: " << result.error().to_string() << '\n';
    return k_exit_failed;
  }
  const auto* project = artifacts.get<pipeline::Project>(stages::k_project_artifact);
  bool failed = base::has_errors(result->diagnostics);

  if (options.json || options.format == "json") {
    std::cout << json_report(*result, project) << '\n';
  } else {
    base::TextRenderOptions render{.color = stdout_color(), .show_source = true};
    std::cout << base::render_text(result->diagnostics, render);
    if (project != nullptr && !failed) {
      std::cout << project->config.name << ' ' << project->config.version << ": "
                << (result->diagnostics.empty() ? "no problems found" : "no errors") << " ("
                << stages_summary(*result) << ")\n";
    }
    // A stage that failed without saying why in a diagnostic still owes the user an explanation.
    if (!failed) {
      for (const auto& stage : result->stages) {
        if (stage.status == pipeline::StageStatus::failed) std::cout << "check failed: " << stage.message << '\n';
      }
    }
  }
  if (failed || !result->all_ok()) return k_exit_invalid_input;
  return k_exit_ok;
}

}  // namespace

void add_check_command(CLI::App& app, CommandState& state) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand("check", "Run every check (project, lesson data, ...) without writing anything");
  command->add_option("path", options->path, "Project folder, rbxpipe.json or *.project.json (default: .)");
  command->add_option("--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--json", options->json, "Same as --format json: one JSON document on stdout");
  command->callback([options, &state] { state.exit_code = run_check(*options, state); });
}

}  // namespace rbxpipe::cli
