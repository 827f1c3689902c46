// `rbxpipe plan` and `rbxpipe deploy`: a release built from a project folder (or stored, with --release) deployed
// to one environment, or only planned.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/deploy_support.h"
#include "deploy/release_store.h"

namespace rbxpipe::cli {

namespace {

struct DeployArgs {
  std::string path = ".";
  std::optional<std::string> environment;
  std::optional<std::string> release;
  std::optional<std::string> open_cloud_url;
  std::string tenant;
  bool dry_run = false;
  bool json = false;
  bool exit_code = false;
  bool check_key = false;
  bool force_unlock = false;
  double lock_wait_s = 0;
  int workers = 8;
};

// The release to deploy: the stored one named by --release, else the project folder built and stored now.
base::Result<deploy::Release> release_for(const DeployArgs& args, ReleaseServices& services, bool store) {
  if (args.release) return deploy::load_release(*args.release, *services.state, *services.artifacts);
  auto release = build_release_or_report(args.path);
  if (!release) return release;
  if (store) {
    RBXPIPE_TRY(deploy::store_release(*release, *services.state, *services.artifacts));
  } else {
    auto packed = deploy::pack_release(*release, services.tenant);
    if (!packed) return std::move(packed).error();
  }
  return release;
}

std::string tenant_of(const DeployArgs& args) {
  if (!args.tenant.empty()) return args.tenant;
  if (args.release) return "local";
  auto identity = project_identity(args.path);
  return identity ? identity->tenant : std::string("local");
}

void print_summary(const deploy::DeployReport& report, const std::string& release_id) {
  const auto& deployment = report.deployment;
  std::cout << (report.dry_run ? "Plan for " : "Deployed ") << release_id << " to " << report.environment << '\n';
  std::cout << "  uploads: " << report.uploads.size() << " (reused " << report.reused.size() << ")\n";
  for (const auto& input : report.uploads) std::cout << "    " << input << '\n';
  if (!report.possible_duplicates.empty()) {
    std::cout << "  possible duplicates (re-sent after a create whose answer was lost):\n";
    for (const auto& input : report.possible_duplicates) std::cout << "    " << input << '\n';
  }
  if (report.dry_run) {
    std::cout << "  place: " << (report.place_changed ? "would be published" : "unchanged") << '\n';
    return;
  }
  if (report.published) {
    std::cout << "  place: Saved version " << deployment.saved_version << ", Published version "
              << deployment.published_version << '\n';
  } else {
    std::cout << "  place: unchanged, nothing published\n";
  }
  std::cout << "  deployment " << deployment.id << (report.resumed ? " (resumed)" : "") << ", " << report.api_calls
            << " Open Cloud requests\n";
}

int run_plan(const DeployArgs& args, const CommandState& state) {
  auto services = open_release_services(tenant_of(args));
  if (!services) return report_error("plan", services.error());
  auto release = release_for(args, **services, false);
  if (!release) return report_error("plan", release.error());
  auto deploy_args = deploy_services(**services, args.open_cloud_url);
  deploy::DeployOptions options;
  options.environment = args.environment;
  options.dry_run = true;
  options.progress = progress_printer(state);
  auto report = deploy::plan_release(*release, deploy_args, options, args.check_key);
  if (!report) return report_error("plan", report.error());
  if (args.json) {
    std::cout << report_json(*report, release->record.id) << '\n';
  } else {
    print_summary(*report, release->record.id);
  }
  const bool changes = !report->uploads.empty() || report->place_changed;
  return args.exit_code && changes ? k_exit_plan_changes : k_exit_ok;
}

int run_deploy(const DeployArgs& args, const CommandState& state) {
  auto services = open_release_services(tenant_of(args));
  if (!services) return report_error("deploy", services.error());
  auto release = release_for(args, **services, !args.dry_run);
  if (!release) return report_error("deploy", release.error());
  auto deploy_args = deploy_services(**services, args.open_cloud_url);
  deploy::DeployOptions options;
  options.environment = args.environment;
  options.dry_run = args.dry_run;
  options.who = current_user();
  if (const auto* environment = release->project.config.select_environment(args.environment)) {
    auto who = authorize_environment(**services, *environment, "deploy", options.who);
    if (!who) return report_error("deploy", who.error());
    options.who = *who;
  }
  options.workers = args.workers;
  options.lock.wait = std::chrono::milliseconds(static_cast<std::int64_t>(args.lock_wait_s * 1000));
  options.progress = progress_printer(state);
  if (args.force_unlock) {
    const auto* environment = release->project.config.select_environment(args.environment);
    if (environment != nullptr) {
      auto removed = deploy::DeployLock::force_unlock(*(*services)->store, (*services)->tenant, environment->name);
      if (!removed) return report_error("deploy", removed.error());
      if (*removed) std::cerr << "rbxpipe deploy: broke the lock held by " << (*removed)->holder << '\n';
    }
  }
  auto report = deploy::deploy_release(*release, deploy_args, options);
  if (!report) return report_error("deploy", report.error());
  if (args.json) {
    std::cout << report_json(*report, release->record.id) << '\n';
  } else {
    print_summary(*report, release->record.id);
  }
  return k_exit_ok;
}

void add_shared_options(CLI::App& command, DeployArgs& args) {
  command.add_option("dir", args.path, "Project folder (default: the current one)");
  command.add_option("--env", args.environment, "Environment (default: default_env, else the only one)");
  command.add_option("--release", args.release, "Deploy a stored release (id or unique prefix) instead of DIR");
  command.add_option("--tenant", args.tenant, "Tenant (default: the project's, else \"local\")");
  command.add_flag("--json", args.json, "Print one JSON document with the result");
}

}  // namespace

void add_deploy_commands(CLI::App& app, CommandState& state) {
  auto plan_args = std::make_shared<DeployArgs>();
  auto* plan = app.add_subcommand("plan", "Show what a deploy would upload and publish; change nothing");
  add_shared_options(*plan, *plan_args);
  plan->add_flag("--exit-code", plan_args->exit_code, "Exit 10 when there are changes (for CI gates)");
  plan->add_flag("--check-key", plan_args->check_key, "Also check the environment's API key (one request)");
  plan->add_option("--open-cloud-url", plan_args->open_cloud_url, "Open Cloud base URL (default: the environment's)");
  plan->callback([plan_args, &state] { state.exit_code = run_plan(*plan_args, state); });

  auto deploy_args = std::make_shared<DeployArgs>();
  auto* deploy = app.add_subcommand("deploy", "Upload what changed, publish, smoke-test, go live, record the release");
  add_shared_options(*deploy, *deploy_args);
  deploy->add_flag("--dry-run", deploy_args->dry_run, "Check the key and plan; upload and publish nothing");
  deploy->add_option("--open-cloud-url", deploy_args->open_cloud_url,
                     "Open Cloud base URL (default: RBXPIPE_OPEN_CLOUD_URL, else the environment's)");
  deploy->add_option("--lock-wait", deploy_args->lock_wait_s, "Seconds to wait for another deploy of the environment");
  deploy->add_flag("--force-unlock", deploy_args->force_unlock, "Break the environment's deploy lock first");
  deploy->add_option("--workers", deploy_args->workers, "Uploads in flight at once (default 8)")
      ->check(CLI::Range(1, 64));
  deploy->callback([deploy_args, &state] { state.exit_code = run_deploy(*deploy_args, state); });
}

}  // namespace rbxpipe::cli
