// `rbxpipe bundle`, `import`, `releases`, `rollback` and `promote`: releases as stored artifacts, their history per
// environment, and recovery.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "cli/command.h"
#include "cli/deploy_support.h"
#include "deploy/release_store.h"

namespace rbxpipe::cli {

namespace {

struct ReleaseArgs {
  std::string path = ".";
  std::string output;
  std::string bundle;
  std::string tenant;
  std::optional<std::string> environment;
  std::optional<std::string> lesson;
  std::optional<std::string> to;
  std::string release;
  std::optional<std::string> open_cloud_url;
  double lock_wait_s = 0;
  bool json = false;
};

std::string tenant_for(const ReleaseArgs& args) {
  if (!args.tenant.empty()) return args.tenant;
  auto identity = project_identity(args.path);
  return identity ? identity->tenant : std::string("local");
}

nlohmann::ordered_json record_json(const deploy::ReleaseRecord& record) {
  return {{"id", record.id},         {"lesson", record.lesson},           {"version", record.version},
          {"artifact_hash", record.artifact_hash}, {"bundle_sha256", record.bundle_object},
          {"input_hash", record.input_hash}, {"git_commit", record.git_commit}, {"git_dirty", record.git_dirty},
          {"created_by", record.created_by}, {"created_at", record.created_at}};
}

int run_bundle(const ReleaseArgs& args) {
  auto services = open_release_services(tenant_for(args));
  if (!services) return report_error("bundle", services.error());
  auto release = build_release_or_report(args.path);
  if (!release) return report_error("bundle", release.error());
  auto stored = deploy::store_release(*release, *(*services)->state, *(*services)->artifacts);
  if (!stored) return report_error("bundle", stored.error());
  if (!args.output.empty()) {
    auto bytes = (*services)->artifacts->get((*services)->tenant, release->record.bundle_object);
    if (!bytes) return report_error("bundle", bytes.error());
    auto written = base::write_file_atomic(args.output, *bytes);
    if (!written) return report_error("bundle", written.error());
  }
  if (args.json) {
    std::cout << record_json(release->record).dump(2) << '\n';
  } else {
    std::cout << release->record.id << '\n';
  }
  return k_exit_ok;
}

int run_import(const ReleaseArgs& args) {
  auto services = open_release_services(args.tenant.empty() ? "local" : args.tenant);
  if (!services) return report_error("import", services.error());
  auto record = deploy::import_release(args.bundle, *(*services)->state, *(*services)->artifacts, current_user());
  if (!record) return report_error("import", record.error());
  if (args.json) {
    std::cout << record_json(*record).dump(2) << '\n';
  } else {
    std::cout << record->id << '\n';
  }
  return k_exit_ok;
}

int run_releases(const ReleaseArgs& args) {
  auto services = open_release_services(tenant_for(args));
  if (!services) return report_error("releases", services.error());
  auto& state = *(*services)->state;
  auto deployments = state.list_deployments(args.environment.value_or(""), args.lesson.value_or(""));
  if (!deployments) return report_error("releases", deployments.error());
  auto releases = state.list_releases(args.lesson.value_or(""));
  if (!releases) return report_error("releases", releases.error());
  if (args.json) {
    nlohmann::ordered_json out = {{"releases", nlohmann::ordered_json::array()},
                                  {"deployments", nlohmann::ordered_json::array()}};
    for (const auto& release : *releases) out["releases"].push_back(record_json(release));
    for (const auto& deployment : *deployments) {
      auto assets = nlohmann::ordered_json::parse(deployed_assets_json(deployment));
      out["deployments"].push_back({{"id", deployment.id},
                                    {"environment", deployment.environment},
                                    {"lesson", deployment.lesson},
                                    {"release", deployment.release_id},
                                    {"kind", std::string(deploy::deployment_kind_name(deployment.kind))},
                                    {"status", std::string(deploy::deployment_status_name(deployment.status))},
                                    {"saved_version", deployment.saved_version},
                                    {"published_version", deployment.published_version},
                                    {"uploads", deployment.uploads},
                                    {"possible_duplicates", deployment.possible_duplicates},
                                    {"place_sha256", deployment.place_object},
                                    {"assets", assets},
                                    {"who", deployment.who},
                                    {"started_at", deployment.started_at},
                                    {"finished_at", deployment.finished_at},
                                    {"message", deployment.message},
                                    {"source_deployment", deployment.source_deployment}});
    }
    std::cout << out.dump(2) << '\n';
    return k_exit_ok;
  }
  if (deployments->empty()) std::cout << "No deployments yet.\n";
  for (const auto& deployment : *deployments) {
    std::cout << "#" << deployment.id << "  " << deployment.environment << "  " << deployment.release_id << "  "
              << deploy::deployment_kind_name(deployment.kind) << "  "
              << deploy::deployment_status_name(deployment.status) << "  place v" << deployment.published_version
              << "  " << deployment.uploads << " upload(s)  " << deployment.who << "  " << deployment.started_at;
    if (!deployment.message.empty()) std::cout << "  (" << deployment.message << ")";
    std::cout << '\n';
  }
  return k_exit_ok;
}

int run_rollback(const ReleaseArgs& args, const CommandState& command_state) {
  const auto identity = project_identity(args.path);
  const std::string tenant = !args.tenant.empty() ? args.tenant : identity ? identity->tenant : std::string("local");
  auto services = open_release_services(tenant);
  if (!services) return report_error("rollback", services.error());
  deploy::RollbackOptions options;
  options.environment = *args.environment;
  options.lesson = args.lesson.value_or("");
  if (options.lesson.empty() && identity) options.lesson = identity->lesson;
  if (options.lesson.empty()) {
    return report_error("rollback", base::Error(base::ErrorCode::usage, "name the lesson with --lesson (or run in its "
                                                                        "project folder)"));
  }
  options.to = args.to;
  options.who = current_user();
  options.lock.wait = std::chrono::milliseconds(static_cast<std::int64_t>(args.lock_wait_s * 1000));
  options.progress = progress_printer(command_state);
  options.authorize = [&](const pipeline::EnvironmentConfig& environment) {
    return authorize_environment(**services, environment, "rollback", options.who);
  };
  auto services_for_deploy = deploy_services(**services, args.open_cloud_url);
  auto& state = *(*services)->state;
  auto& artifacts = *(*services)->artifacts;
  auto report = deploy::rollback_environment(services_for_deploy, options, [&](const std::string& id) {
    return deploy::load_release(id, state, artifacts);
  });
  if (!report) return report_error("rollback", report.error());
  if (args.json) {
    std::cout << report_json(*report, report->deployment.release_id) << '\n';
  } else {
    std::cout << "Rolled " << report->environment << " back to " << report->deployment.release_id
              << " (place version " << report->deployment.published_version << ")\n";
  }
  return k_exit_ok;
}

int run_promote(const ReleaseArgs& args, const CommandState& command_state) {
  auto services = open_release_services(args.tenant.empty() ? "local" : args.tenant);
  if (!services) return report_error("promote", services.error());
  auto& state = *(*services)->state;
  auto release = deploy::load_release(args.release, state, *(*services)->artifacts);
  if (!release) return report_error("promote", release.error());
  deploy::DeployOptions options;
  options.environment = args.environment;
  options.kind = deploy::DeploymentKind::promote;
  options.who = current_user();
  if (const auto* environment = release->project.config.find_environment(*args.environment)) {
    auto who = authorize_environment(**services, *environment, "deploy", options.who);
    if (!who) return report_error("promote", who.error());
    options.who = *who;
  }
  options.lock.wait = std::chrono::milliseconds(static_cast<std::int64_t>(args.lock_wait_s * 1000));
  options.progress = progress_printer(command_state);
  auto history = state.list_deployments("", release->record.lesson);
  if (!history) return report_error("promote", history.error());
  for (const auto& deployment : *history) {
    if (deployment.release_id == release->record.id && deployment.status == deploy::DeploymentStatus::succeeded &&
        deployment.environment != *args.environment) {
      options.source_deployment = deployment.id;
      break;
    }
  }
  if (options.source_deployment == 0) {
    return report_error("promote", base::Error(base::ErrorCode::precondition_failed,
                                               "release " + release->record.id +
                                                   " has no successful deployment to promote from; deploy it first"));
  }
  auto services_for_deploy = deploy_services(**services, args.open_cloud_url);
  auto report = deploy::deploy_release(*release, services_for_deploy, options);
  if (!report) return report_error("promote", report.error());
  if (args.json) {
    std::cout << report_json(*report, release->record.id) << '\n';
  } else {
    std::cout << "Promoted " << release->record.id << " from deployment #" << options.source_deployment << " to "
              << report->environment << " (place version " << report->deployment.published_version << ", "
              << report->uploads.size() << " upload(s))\n";
  }
  return k_exit_ok;
}

}  // namespace

void add_release_commands(CLI::App& app, CommandState& state) {
  auto bundle_args = std::make_shared<ReleaseArgs>();
  auto* bundle = app.add_subcommand("bundle", "Build a release bundle and store it; prints the release id");
  bundle->add_option("dir", bundle_args->path, "Project folder (default: the current one)");
  bundle->add_option("-o,--output", bundle_args->output, "Also write the bundle (.zip) here");
  bundle->add_flag("--json", bundle_args->json, "Print the release record as JSON");
  bundle->callback([bundle_args, &state] { state.exit_code = run_bundle(*bundle_args); });

  auto import_args = std::make_shared<ReleaseArgs>();
  auto* import = app.add_subcommand("import", "Verify and store a bundle made elsewhere (zip, tar.gz, tar.zst)");
  import->add_option("bundle", import_args->bundle, "The bundle file")->required();
  import->add_option("--tenant", import_args->tenant, "Tenant to store it for (default \"local\")");
  import->add_flag("--json", import_args->json, "Print the release record as JSON");
  import->callback([import_args, &state] { state.exit_code = run_import(*import_args); });

  auto list_args = std::make_shared<ReleaseArgs>();
  auto* releases = app.add_subcommand("releases", "Releases and the deployments of each environment, newest first");
  releases->add_option("--env", list_args->environment, "Only this environment");
  releases->add_option("--lesson", list_args->lesson, "Only this lesson");
  releases->add_option("--tenant", list_args->tenant, "Tenant (default: the current folder's project, else local)");
  releases->add_flag("--json", list_args->json, "Print JSON");
  releases->callback([list_args, &state] { state.exit_code = run_releases(*list_args); });

  auto rollback_args = std::make_shared<ReleaseArgs>();
  auto* rollback = app.add_subcommand("rollback", "Put an earlier release of a lesson back live in an environment");
  rollback->add_option("dir", rollback_args->path, "Project folder, for the lesson and tenant (default: current)");
  rollback->add_option("--env", rollback_args->environment, "Environment")->required();
  rollback->add_option("--to", rollback_args->to, "Release id or prefix (default: the one before the live one)");
  rollback->add_option("--lesson", rollback_args->lesson, "Lesson (default: the project's name)");
  rollback->add_option("--tenant", rollback_args->tenant, "Tenant (default: the project's, else local)");
  rollback->add_option("--open-cloud-url", rollback_args->open_cloud_url, "Open Cloud base URL");
  rollback->add_option("--lock-wait", rollback_args->lock_wait_s, "Seconds to wait for another deploy");
  rollback->add_flag("--json", rollback_args->json, "Print JSON");
  rollback->callback([rollback_args, &state] { state.exit_code = run_rollback(*rollback_args, state); });

  auto promote_args = std::make_shared<ReleaseArgs>();
  auto* promote = app.add_subcommand("promote", "Deploy a release that succeeded in one environment to another");
  promote->add_option("id", promote_args->release, "Release id or unique prefix")->required();
  promote->add_option("--to", promote_args->environment, "Target environment")->required();
  promote->add_option("--tenant", promote_args->tenant, "Tenant (default \"local\")");
  promote->add_option("--open-cloud-url", promote_args->open_cloud_url, "Open Cloud base URL");
  promote->add_option("--lock-wait", promote_args->lock_wait_s, "Seconds to wait for another deploy");
  promote->add_flag("--json", promote_args->json, "Print JSON");
  promote->callback([promote_args, &state] { state.exit_code = run_promote(*promote_args, state); });
}

}  // namespace rbxpipe::cli
