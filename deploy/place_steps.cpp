// Place steps. A publish or restart repeated after a crash is harmless (one more version, one more restart), so an
// unanswered intent is simply sent again; a finished one is never repeated.
#include "deploy/place_steps.h"

#include "cloud/luau_api.h"
#include "cloud/universes_api.h"

namespace rbxpipe::deploy {

namespace {

std::string place_label(const pipeline::EnvironmentConfig& environment, std::string_view what) {
  return "universe " + std::to_string(environment.universe) + " place " + std::to_string(environment.place) + " (" +
         std::string(what) + ")";
}

base::Result<void> record(DeployState& state, const std::string& key, std::string kind, std::string label,
                          std::string target) {
  JournalEntry intent;
  intent.key = key;
  intent.kind = std::move(kind);
  intent.label = std::move(label);
  intent.target = std::move(target);
  auto recorded = state.record_intent(intent);
  if (!recorded) return std::move(recorded).error();
  return {};
}

}  // namespace

base::Result<std::int64_t> publish_once(CloudSession& session, DeployState& state, const std::string& key,
                                        const pipeline::EnvironmentConfig& environment, const std::string& place,
                                        cloud::PlaceVersionType type) {
  auto entry = state.journal_entry(key);
  if (!entry) return std::move(entry).error();
  if (*entry && (*entry)->state == JournalState::done) return std::stoll((*entry)->result);
  const bool published = type == cloud::PlaceVersionType::published;
  const std::string label = place_label(environment, published ? "Published" : "Saved");
  RBXPIPE_TRY(record(state, key, "place.publish", label, "universe " + std::to_string(environment.universe)));
  cloud::PlacesApi places(*session.client);
  auto version = places.publish(environment.universe, environment.place, place, true, type);
  if (!version) {
    base::Error error = std::move(version).error();
    if (error.code() == base::ErrorCode::conflict) {
      (void)state.record_failed(key, error.message());
      return std::move(error).with_context("publish " + label + " (close Team Create sessions, or check that the "
                                           "place belongs to the universe)");
    }
    return std::move(error).with_context("publish " + label);
  }
  RBXPIPE_TRY(state.record_done(key, std::to_string(*version)));
  return *version;
}

base::Result<std::vector<std::string>> run_smoke_test(CloudSession& session, DeployState& state,
                                                      const std::string& key,
                                                      const pipeline::EnvironmentConfig& environment,
                                                      std::int64_t version, const std::string& script) {
  auto entry = state.journal_entry(key);
  if (!entry) return std::move(entry).error();
  if (*entry && (*entry)->state == JournalState::done) return std::vector<std::string>{};
  cloud::LuauApi luau(*session.client);
  std::string path;
  if (*entry && (*entry)->state == JournalState::started) path = (*entry)->operation_id;
  if (path.empty()) {
    RBXPIPE_TRY(record(state, key, "luau.task", "smoke test on version " + std::to_string(version),
                       "universe " + std::to_string(environment.universe)));
    auto task = luau.create_task(environment.universe, environment.place, version, script);
    if (!task) return std::move(task).error().with_context("start the smoke test");
    path = task->path;
    RBXPIPE_TRY(state.record_operation(key, path));
  }
  auto finished = luau.wait_task(path, std::chrono::milliseconds(250));
  if (!finished) return std::move(finished).error().with_context("wait for the smoke test");
  auto logs = luau.logs(path);
  std::vector<std::string> lines = logs ? *logs : std::vector<std::string>{};
  if (finished->state != "COMPLETE") {
    std::string why = finished->error ? finished->error->message : finished->state;
    (void)state.record_failed(key, why);
    std::string message = "the smoke test failed on place version " + std::to_string(version) + ": " + why;
    for (const auto& line : lines) message += "\n  | " + line;
    return base::Error(base::ErrorCode::invalid_input, message + "\nnothing was published");
  }
  RBXPIPE_TRY(state.record_done(key, "COMPLETE"));
  return lines;
}

base::Result<void> restart_once(CloudSession& session, DeployState& state, const std::string& key,
                                const pipeline::EnvironmentConfig& environment) {
  auto entry = state.journal_entry(key);
  if (!entry) return std::move(entry).error();
  if (*entry && (*entry)->state == JournalState::done) return {};
  RBXPIPE_TRY(record(state, key, "servers.restart", "restart servers of universe " +
                                                         std::to_string(environment.universe),
                     "universe " + std::to_string(environment.universe)));
  cloud::RestartOptions options;
  options.place_ids = {environment.place};
  auto restarted = cloud::restart_servers(*session.client, environment.universe, options);
  if (!restarted) return std::move(restarted).error().with_context("restart servers");
  return state.record_done(key, "restarted");
}

}  // namespace rbxpipe::deploy
