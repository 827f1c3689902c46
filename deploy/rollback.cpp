// rollback_environment: an earlier deployment's place goes live again. Images and audio need nothing (the old place
// names the old ids); models updated in place go back through versions:rollback.
#include "cloud/assets_api.h"
#include "deploy/deployer.h"
#include "deploy/place_steps.h"

namespace rbxpipe::deploy {

namespace {

// The deployment to return to: the newest succeeded one of release `to`, or the newest succeeded one before the
// live deployment whose place differs from it.
base::Result<Deployment> rollback_target(DeployState& state, const RollbackOptions& options,
                                         const std::optional<Deployment>& live) {
  auto history = state.list_deployments(options.environment, options.lesson);
  if (!history) return std::move(history).error();
  if (options.to) {
    auto release = state.find_release(*options.to);
    if (!release) return std::move(release).error();
    for (const auto& deployment : *history) {
      if (deployment.release_id == release->id && deployment.status != DeploymentStatus::running &&
          deployment.status != DeploymentStatus::failed && deployment.status != DeploymentStatus::abandoned &&
          !deployment.place_object.empty()) {
        return deployment;
      }
    }
    return base::Error(base::ErrorCode::not_found,
                       "release " + release->id + " was never deployed to '" + options.environment + "'");
  }
  if (!live) {
    return base::Error(base::ErrorCode::not_found, "nothing is deployed to '" + options.environment + "' yet");
  }
  for (const auto& deployment : *history) {
    if (deployment.id >= live->id) continue;
    if ((deployment.status == DeploymentStatus::succeeded || deployment.status == DeploymentStatus::rolled_back) &&
        deployment.place_object != live->place_object && !deployment.place_object.empty()) {
      return deployment;
    }
  }
  return base::Error(base::ErrorCode::not_found,
                     "no earlier deployment of '" + options.lesson + "' to '" + options.environment +
                         "' to roll back to");
}

}  // namespace

base::Result<DeployReport> rollback_environment(
    DeployServices& services, const RollbackOptions& options,
    const std::function<base::Result<Release>(const std::string& release_id)>& load_release) {
  base::Clock& clock = services.session.clock != nullptr ? *services.session.clock : base::system_clock();
  DeployState state(services.store, services.session.tenant, clock);
  auto lock = DeployLock::acquire(services.store, services.session.tenant, options.environment, options.lock);
  if (!lock) return std::move(lock).error();
  auto live = state.live_deployment(options.environment, options.lesson);
  if (!live) return std::move(live).error();
  auto target = rollback_target(state, options, *live);
  if (!target) return std::move(target).error();
  auto release = load_release(target->release_id);
  if (!release) return std::move(release).error();
  const auto* env = release->project.config.find_environment(options.environment);
  if (env == nullptr) {
    return base::Error(base::ErrorCode::not_found,
                       "release " + target->release_id + " has no environment '" + options.environment + "'");
  }
  std::string who = options.who;
  if (options.authorize) {
    auto allowed = options.authorize(*env);
    if (!allowed) return std::move(allowed).error();
    who = *allowed;
  }
  auto place = services.artifacts.get(services.session.tenant, target->place_object);
  if (!place) return std::move(place).error().with_context("load the place of deployment " + std::to_string(target->id));
  auto session = open_session(*env, services.session);
  if (!session) return std::move(session).error();
  KeyNeeds needs;
  needs.restart = env->restart_servers;
  for (const auto& asset : target->assets) needs.assets = needs.assets || asset.version > 0;
  RBXPIPE_TRY(preflight(*session, *env, needs));

  Deployment deployment;
  deployment.lesson = options.lesson;
  deployment.environment = options.environment;
  deployment.release_id = target->release_id;
  deployment.kind = DeploymentKind::rollback;
  deployment.who = who;
  deployment.source_deployment = target->id;
  deployment.assets = target->assets;
  deployment.place_object = target->place_object;
  auto inserted = state.insert_deployment(deployment);
  if (!inserted) return std::move(inserted).error();
  deployment = *inserted;
  auto fail = [&](base::Error error) {
    deployment.status = DeploymentStatus::failed;
    deployment.finished_at = base::format_rfc3339(clock.now());
    deployment.message = error.message();
    (void)state.update_deployment(deployment);
    return error;
  };
  const std::string prefix = "deployment:" + std::to_string(deployment.id) + ":";
  cloud::AssetsApi assets(*session->client);
  const std::string creator = session->creator_text;
  for (const auto& asset : target->assets) {
    if (asset.version <= 0) continue;
    auto owned = state.find_model(creator, options.lesson, asset.input);
    if (!owned) return fail(std::move(owned).error());
    if (*owned && (*owned)->asset_id == asset.asset_id && (*owned)->version == asset.version) continue;
    const std::string key = prefix + "model-rollback:" + std::to_string(asset.asset_id);
    auto entry = state.journal_entry(key);
    if (!entry) return fail(std::move(entry).error());
    if (*entry && (*entry)->state == JournalState::done) continue;
    JournalEntry intent{key, "asset.rollback", asset.input, "", creator, JournalState::intent, "", "", 0};
    auto recorded = state.record_intent(intent);
    if (!recorded) return fail(std::move(recorded).error());
    auto head = assets.rollback(asset.asset_id, asset.version);
    if (!head) return fail(std::move(head).error().with_context("roll back " + asset.input));
    if (options.progress) {
      options.progress("rollback", asset.input + ": version " + std::to_string(asset.version) + " is current again");
    }
    auto old = state.find_asset_version(creator, asset.asset_id, asset.version);
    if (!old) return fail(std::move(old).error());
    OwnedModel current{creator, options.lesson, asset.input, asset.asset_id,
                       head->version > 0 ? head->version : asset.version, *old ? (*old)->content_hash : ""};
    auto done = state.record_model_rollback(key, current);
    if (!done) return fail(std::move(done).error());
  }
  auto published = publish_once(*session, state, prefix + "publish-published", *env, *place,
                                cloud::PlaceVersionType::published);
  if (!published) return fail(std::move(published).error());
  deployment.published_version = *published;
  if (options.progress) {
    options.progress("publish", "published the place of " + target->release_id + " as version " +
                                    std::to_string(*published));
  }
  if (env->restart_servers) {
    auto restarted = restart_once(*session, state, prefix + "restart", *env);
    if (!restarted) return fail(std::move(restarted).error());
  }
  if (*live) {
    Deployment previous = **live;
    previous.status = DeploymentStatus::rolled_back;
    (void)state.update_deployment(previous);
  }
  deployment.status = DeploymentStatus::succeeded;
  deployment.finished_at = base::format_rfc3339(clock.now());
  RBXPIPE_TRY(state.update_deployment(deployment));
  DeployReport report;
  report.deployment = deployment;
  report.environment = options.environment;
  report.published = true;
  report.place_changed = true;
  report.api_calls = session->api_calls->load();
  return report;
}

}  // namespace rbxpipe::deploy
