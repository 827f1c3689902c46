// deploy_release and plan_release.
#include "deploy/deployer.h"

#include <algorithm>
#include <mutex>

#include "base/file_io.h"
#include "base/sha256.h"
#include "deploy/asset_uploader.h"
#include "deploy/place_steps.h"
#include "stages/codegen_files.h"

namespace rbxpipe::deploy {

namespace {

base::Clock& clock_of(const DeployServices& services) {
  return services.session.clock != nullptr ? *services.session.clock : base::system_clock();
}

void say(const DeployOptions& options, const std::string& phase, const std::string& message) {
  if (options.progress) options.progress(phase, message);
}

base::Result<const pipeline::EnvironmentConfig*> environment_of(const Release& release,
                                                                const std::optional<std::string>& name) {
  const auto* environment = release.project.config.select_environment(name);
  if (environment != nullptr) return environment;
  if (name) return base::Error(base::ErrorCode::usage, "the project has no environment '" + *name + "'");
  return base::Error(base::ErrorCode::usage,
                     "choose an environment with --env (the project has no default_env and several environments)");
}

KeyNeeds needs_of(const Release& release, const pipeline::EnvironmentConfig& environment) {
  KeyNeeds needs;
  needs.assets = !release.assets.empty();
  needs.luau = environment.smoke_test.has_value();
  needs.restart = environment.restart_servers;
  return needs;
}

std::string finish_time(const DeployServices& services) { return base::format_rfc3339(clock_of(services).now()); }

// Marks `deployment` failed with `error`'s message and returns the error.
base::Error fail(DeployState& state, Deployment& deployment, const DeployServices& services, base::Error error) {
  deployment.status = DeploymentStatus::failed;
  deployment.finished_at = finish_time(services);
  deployment.message = error.message();
  (void)state.update_deployment(deployment);
  return error;
}

// The deployment to continue (an interrupted run of the same release) or a new one.
// `running` is the environment's interrupted deployment, if any.
bool continues(const std::optional<Deployment>& running, const Release& release, const DeployOptions& options) {
  return running && running->release_id == release.record.id && running->kind == options.kind;
}

base::Result<Deployment> open_deployment(DeployState& state, const Release& release,
                                         const pipeline::EnvironmentConfig& environment,
                                         const DeployOptions& options, const DeployServices& services,
                                         const std::optional<Deployment>& running) {
  if (continues(running, release, options)) return *running;
  if (running) {
    Deployment stale = *running;
    stale.status = DeploymentStatus::abandoned;
    stale.finished_at = finish_time(services);
    stale.message = "interrupted, then superseded by a deploy of " + release.record.id;
    RBXPIPE_TRY(state.update_deployment(stale));
  }
  Deployment deployment;
  deployment.lesson = release.record.lesson;
  deployment.environment = environment.name;
  deployment.release_id = release.record.id;
  deployment.kind = options.kind;
  deployment.who = options.who;
  deployment.source_deployment = options.source_deployment;
  return state.insert_deployment(std::move(deployment));
}

// Counts `amount` against a registered tenant's quota; tenants the registry does not know have none.
base::Result<void> count_quota(DeployServices& services, platform::tenant::QuotaKind kind, std::int64_t amount) {
  if (services.tenants == nullptr || amount <= 0) return {};
  auto tenant = services.tenants->get(services.session.tenant);
  if (!tenant) return tenant.error().code() == base::ErrorCode::not_found ? base::Result<void>{} : tenant.error();
  return services.tenants->consume(services.session.tenant, kind, amount);
}

}  // namespace

base::Result<DeployReport> plan_release(const Release& release, DeployServices& services,
                                        const DeployOptions& options, bool check_key) {
  auto environment = environment_of(release, options.environment);
  if (!environment) return std::move(environment).error();
  const pipeline::EnvironmentConfig& env = **environment;
  DeployState state(services.store, services.session.tenant, clock_of(services));
  DeployReport report;
  report.environment = env.name;
  report.dry_run = true;
  std::string creator = std::string(env.creator.kind == pipeline::Creator::Kind::user ? "user:" : "group:") +
                        std::to_string(env.creator.id);
  if (check_key) {
    auto session = open_session(env, services.session);
    if (!session) return std::move(session).error();
    RBXPIPE_TRY(preflight(*session, env, needs_of(release, env)));
    report.api_calls = session->api_calls->load();
  }
  auto pending = pending_uploads(state, release, creator);
  if (!pending) return std::move(pending).error();
  report.uploads = *pending;
  std::map<std::string, std::int64_t> known_ids;
  for (const auto& asset : release.assets) {
    if (std::find(pending->begin(), pending->end(), asset.input) != pending->end()) continue;
    report.reused.push_back(asset.input);
    if (asset.update_in_place) {
      auto model = state.find_model(creator, release.record.lesson, asset.input);
      if (model && *model) known_ids[asset.input] = (*model)->asset_id;
    } else {
      auto locked = state.find_asset(creator, asset.content_hash);
      if (locked && *locked) known_ids[asset.input] = (*locked)->asset_id;
    }
  }
  auto live = state.live_deployment(env.name, release.record.lesson);
  if (!live) return std::move(live).error();
  if (!pending->empty() || !*live) {
    report.place_changed = true;
  } else {
    auto linked = link_place(release, known_ids);
    if (!linked) return std::move(linked).error();
    report.place_changed = base::sha256_hex(*linked) != (*live)->place_object;
  }
  report.deployment.environment = env.name;
  report.deployment.lesson = release.record.lesson;
  report.deployment.release_id = release.record.id;
  return report;
}

base::Result<DeployReport> deploy_release(const Release& release, DeployServices& services,
                                          const DeployOptions& options) {
  auto environment = environment_of(release, options.environment);
  if (!environment) return std::move(environment).error();
  const pipeline::EnvironmentConfig& env = **environment;
  say(options, "preflight", "checking the API key of environment '" + env.name + "'");
  auto session = open_session(env, services.session);
  if (!session) return std::move(session).error();
  RBXPIPE_TRY(preflight(*session, env, needs_of(release, env)));
  if (options.dry_run) {
    auto plan = plan_release(release, services, options, false);
    if (plan) plan->api_calls = session->api_calls->load();
    return plan;
  }

  auto lock = DeployLock::acquire(services.store, services.session.tenant, env.name, options.lock);
  if (!lock) return std::move(lock).error();
  DeployState state(services.store, services.session.tenant, clock_of(services));
  DeployReport report;
  report.environment = env.name;
  auto running = state.running_deployment(env.name, release.record.lesson);
  if (!running) return std::move(running).error();
  report.resumed = continues(*running, release, options);
  if (!report.resumed) RBXPIPE_TRY(count_quota(services, platform::tenant::QuotaKind::deploys, 1));
  auto opened = open_deployment(state, release, env, options, services, *running);
  if (!opened) return std::move(opened).error();
  Deployment deployment = std::move(*opened);
  {
    auto pending = pending_uploads(state, release, session->creator_text);
    if (!pending) return fail(state, deployment, services, std::move(pending).error());
    auto counted = count_quota(services, platform::tenant::QuotaKind::asset_uploads,
                               static_cast<std::int64_t>(pending->size()));
    if (!counted) return fail(state, deployment, services, std::move(counted).error());
  }
  say(options, "deploy", std::string(report.resumed ? "resuming" : "starting") + " deployment " +
                             std::to_string(deployment.id) + " of " + release.record.id + " to " + env.name);

  UploadOptions upload_options;
  upload_options.workers = options.workers;
  upload_options.moderation_wait_s = env.moderation_wait_s;
  upload_options.moderation_proceed_on_timeout = env.moderation_proceed_on_timeout;
  upload_options.clock = services.session.clock;
  upload_options.progress = [&](const std::string& line) { say(options, "upload", line); };
  std::mutex record_mutex;
  upload_options.on_possible_duplicate = [&](const std::string& input) {
    std::lock_guard lock_record(record_mutex);
    auto& list = deployment.possible_duplicates;
    if (std::find(list.begin(), list.end(), input) == list.end()) list.push_back(input);
    (void)state.update_deployment(deployment);
    say(options, "upload", "possible duplicate: " + input + " is re-sent: a create for it was sent without a "
                           "recorded answer, so Roblox may hold it twice");
  };
  auto uploads = upload_assets(*session, state, release, upload_options);
  if (!uploads) return fail(state, deployment, services, std::move(uploads).error());
  report.uploads = uploads->uploaded;
  report.reused = uploads->reused;
  report.possible_duplicates = deployment.possible_duplicates;  // this run's and those of runs it resumed
  deployment.assets = uploads->assets;
  deployment.uploads += static_cast<int>(uploads->uploaded.size());

  if (!release.unpacked && !release.project.config.assets.empty()) {
    // Built from sources: the project's own codegen files get the real ids too.
    auto entries = linked_asset_entries(release, uploads->asset_ids);
    if (!entries) return fail(state, deployment, services, std::move(entries).error());
    auto written = stages::write_codegen_files(release.project, *entries);
    for (const auto& diagnostic : written.diagnostics) say(options, "codegen", diagnostic.message);
    for (const auto& file : written.written) say(options, "codegen", "wrote " + file + " with the uploaded ids");
  }
  auto linked = link_place(release, uploads->asset_ids);
  if (!linked) return fail(state, deployment, services, std::move(linked).error());
  auto place_object = services.artifacts.put(services.session.tenant, *linked);
  if (!place_object) return fail(state, deployment, services, std::move(place_object).error());
  deployment.place_object = *place_object;
  RBXPIPE_TRY(state.update_deployment(deployment));

  auto live = state.live_deployment(env.name, release.record.lesson);
  if (!live) return fail(state, deployment, services, std::move(live).error());
  report.place_changed = !*live || (*live)->place_object != deployment.place_object;
  if (!report.place_changed) {
    say(options, "publish", "the place is unchanged: nothing to publish");
    deployment.saved_version = (*live)->saved_version;
    deployment.published_version = (*live)->published_version;
    deployment.message = "place unchanged; nothing published";
  } else {
    if (!(*lock)->held()) {
      return fail(state, deployment, services,
                  base::Error(base::ErrorCode::conflict, "the deploy lock of '" + env.name + "' was taken over"));
    }
    const std::string prefix = "deployment:" + std::to_string(deployment.id) + ":";
    auto saved = publish_once(*session, state, prefix + "publish-saved", env, *linked, cloud::PlaceVersionType::saved);
    if (!saved) return fail(state, deployment, services, std::move(saved).error());
    deployment.saved_version = *saved;
    say(options, "publish", "published Saved version " + std::to_string(*saved));
    if (env.smoke_test) {
      auto script = base::read_file(release.project.resolve(*env.smoke_test));
      if (!script) return fail(state, deployment, services, std::move(script).error());
      say(options, "smoke", "running " + *env.smoke_test + " on version " + std::to_string(*saved));
      auto logs = run_smoke_test(*session, state, prefix + "smoke", env, *saved, *script);
      if (!logs) return fail(state, deployment, services, std::move(logs).error());
      report.smoke_logs = *logs;
    }
    auto published =
        publish_once(*session, state, prefix + "publish-published", env, *linked, cloud::PlaceVersionType::published);
    if (!published) return fail(state, deployment, services, std::move(published).error());
    deployment.published_version = *published;
    report.published = true;
    say(options, "publish", "published Published version " + std::to_string(*published));
    if (env.restart_servers) {
      auto restarted = restart_once(*session, state, prefix + "restart", env);
      if (!restarted) return fail(state, deployment, services, std::move(restarted).error());
    }
  }
  deployment.status = DeploymentStatus::succeeded;
  deployment.finished_at = finish_time(services);
  RBXPIPE_TRY(state.update_deployment(deployment));
  report.deployment = deployment;
  report.api_calls = session->api_calls->load();
  return report;
}

}  // namespace rbxpipe::deploy
