// Luau execution tasks (open-cloud.md §3, §8.4): create with or without a version, a scripted state machine driven
// by polls and time, outcomes chosen by a marker in the script, logs FLAT or STRUCTURED.
#include <regex>

#include "cloud/emulator/auth.h"
#include "cloud/emulator/routes.h"
#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr std::size_t k_max_script_bytes = 4 * 1024 * 1024;
constexpr double k_max_timeout_seconds = 300;
constexpr int k_max_log_page = 10000;

bool terminal(const std::string& state) { return state == "COMPLETE" || state == "FAILED" || state == "CANCELLED"; }

const LuauOutcomeSpec& outcome_for(const LuauSpec& spec, const std::string& script) {
  for (const auto& outcome : spec.outcomes) {
    if (!outcome.marker.empty() && script.find(outcome.marker) != std::string::npos) return outcome;
  }
  return spec.default_outcome;
}

Json task_json(const TaskRecord& task, bool full) {
  Json json{{"path", task.path},
            {"createTime", format_timestamp(task.created)},
            {"updateTime", format_timestamp(task.updated)},
            {"user", id_text(task.user_id)},
            {"state", task.state},
            {"timeout", task.timeout}};
  if (full) json["script"] = task.script;
  if (task.state == "COMPLETE") {
    Json results = Json::array();
    for (const auto& result : task.outcome.results) results.push_back(Json::parse(result, nullptr, false));
    json["output"] = Json{{"results", results}};
  } else if (task.state == "FAILED") {
    json["error"] = Json{{"code", task.outcome.error_code.empty() ? "SCRIPT_ERROR" : task.outcome.error_code},
                         {"message", task.outcome.error_message}};
  }
  return json;
}

Response create_task(RouteContext& context) {
  const Request& request = context.request;
  auto universe_id = parse_id(request.captures.at(0));
  if (!universe_id) return validation_problem("universeId", request.captures.at(0), context.sequence);
  auto place_id = parse_id(request.captures.at(1));
  if (!place_id) return validation_problem("placeId", request.captures.at(1), context.sequence);
  if (context.world.universes.count(*universe_id) == 0) {
    return status_error(404, "NOT_FOUND", "The universe does not exist.");
  }
  if (!may_use_universe(*context.key, *universe_id)) return universe_denied(*universe_id);
  auto place = context.world.places.find(*place_id);
  if (place == context.world.places.end() || place->second.universe_id != *universe_id) {
    return status_error(404, "NOT_FOUND", "The place does not exist in this universe.");
  }
  int version = place->second.latest();
  if (request.captures.size() > 2 && !request.captures[2].empty()) {
    auto given = parse_id(request.captures[2]);
    if (!given) return validation_problem("versionId", request.captures[2], context.sequence);
    if (*given > version) return status_error(404, "NOT_FOUND", "The place version does not exist.");
    version = static_cast<int>(*given);
  }
  if (version == 0) return status_error(404, "NOT_FOUND", "The place has no versions.");

  Json body = Json::parse(request.body, nullptr, false);
  if (!body.is_object()) return status_error(400, "The body must be a JSON object.");
  if (!body.contains("script") || !body["script"].is_string() || body["script"].get<std::string>().empty()) {
    return status_error(400, "script is required.");
  }
  std::string script = body["script"].get<std::string>();
  if (script.size() > k_max_script_bytes) return status_error(400, "script must be at most 4 MB.");
  std::string timeout = "300s";
  if (body.contains("timeout")) {
    std::smatch match;
    std::string text = body["timeout"].is_string() ? body["timeout"].get<std::string>() : "";
    static const std::regex k_duration("(\\d{1,9}(\\.\\d{1,9})?)s");
    if (!std::regex_match(text, match, k_duration) || std::stod(match[1].str()) > k_max_timeout_seconds) {
      return status_error(400, "timeout must be a duration such as \"30s\" of at most 300s.");
    }
    timeout = text;
  }
  int incomplete = 0;
  for (const auto& [path, task] : context.world.tasks) {
    if (task.place_id == *place_id && !terminal(task.state)) ++incomplete;
  }
  if (incomplete >= context.scenario.luau.max_incomplete_per_place) {
    return status_error(429, "RESOURCE_EXHAUSTED", "Too many incomplete tasks for this place.");
  }

  TaskRecord task;
  std::string session = context.world.new_uuid();
  std::string task_id = context.world.new_uuid();
  task.path = "universes/" + id_text(*universe_id) + "/places/" + id_text(*place_id) + "/versions/" +
              std::to_string(version) + "/luau-execution-sessions/" + session + "/tasks/" + task_id;
  task.universe_id = *universe_id;
  task.place_id = *place_id;
  task.version = version;
  task.script = std::move(script);
  task.timeout = timeout;
  task.user_id = context.key->user_id;
  task.created = context.now;
  task.updated = context.now;
  task.outcome = outcome_for(context.scenario.luau, task.script);
  context.changed = true;
  const TaskRecord& stored = context.world.tasks.emplace(task.path, std::move(task)).first->second;
  return json_response(200, task_json(stored, false));
}

// The task a path names, advanced one poll; nullptr when unknown or expired (24 h after it ended).
TaskRecord* poll_task(RouteContext& context, bool count_poll) {
  auto found = context.world.tasks.find(context.request.captures.at(0));
  if (found == context.world.tasks.end()) return nullptr;
  TaskRecord& task = found->second;
  if (task.finished && context.now >= *task.finished + std::chrono::hours(24)) return nullptr;
  if (!count_poll || terminal(task.state)) return &task;
  ++task.polls;
  const LuauOutcomeSpec& outcome = task.outcome;
  std::string state = "PROCESSING";
  if (task.polls <= outcome.queued_polls) {
    state = "QUEUED";
  } else if (task.polls > outcome.queued_polls + outcome.processing_polls &&
             context.now >= task.created + std::chrono::seconds(outcome.seconds)) {
    state = outcome.state;
  }
  if (state != task.state) {
    task.state = state;
    task.updated = context.now;
    if (terminal(state)) task.finished = context.now;
  }
  context.changed = true;
  return &task;
}

Response get_task(RouteContext& context) {
  auto view = context.request.param("view").value_or("BASIC");
  if (view != "BASIC" && view != "FULL") return status_error(400, "view must be BASIC or FULL.");
  TaskRecord* task = poll_task(context, true);
  if (task == nullptr) return status_error(404, "NOT_FOUND", "The task does not exist.");
  return json_response(200, task_json(*task, view == "FULL"));
}

Response get_logs(RouteContext& context) {
  auto view = context.request.param("view").value_or("FLAT");
  if (view != "FLAT" && view != "STRUCTURED") return status_error(400, "view must be FLAT or STRUCTURED.");
  int page_size = k_max_log_page;
  if (auto text = context.request.param("maxPageSize")) {
    auto parsed = parse_id(*text);
    if (!parsed || *parsed > k_max_log_page) return status_error(400, "maxPageSize must be between 1 and 10000.");
    page_size = static_cast<int>(*parsed);
  }
  std::size_t offset = 0;
  if (auto token = context.request.param("pageToken"); token && !token->empty()) {
    auto decoded = decode_page_token(*token);
    std::smatch match;
    std::string text = decoded ? *decoded : "";
    if (!std::regex_match(text, match, std::regex("logs:(\\d{1,9})"))) {
      return status_error(400, "pageToken is not valid.");
    }
    offset = std::stoul(match[1].str());
  }
  TaskRecord* task = poll_task(context, false);
  if (task == nullptr) return status_error(404, "NOT_FOUND", "The task does not exist.");
  // Logs appear once the task has ended, as its print() output.
  const auto& logs = terminal(task->state) ? task->outcome.logs : std::vector<LuauLogSpec>{};
  Json entry{{"path", task->path + "/logs/1"}};
  Json messages = Json::array();
  std::size_t end = std::min(logs.size(), offset + static_cast<std::size_t>(page_size));
  for (std::size_t i = offset; i < end; ++i) {
    if (view == "FLAT") {
      messages.push_back(logs[i].message);
    } else {
      messages.push_back(Json{{"message", logs[i].message},
                              {"createTime", format_timestamp(task->finished.value_or(task->created))},
                              {"messageType", logs[i].type}});
    }
  }
  entry[view == "FLAT" ? "messages" : "structuredMessages"] = messages;
  std::string next = end < logs.size() ? encode_page_token("logs:" + std::to_string(end)) : "";
  return json_response(200, Json{{"luauExecutionSessionTaskLogs", Json::array({entry})}, {"nextPageToken", next}});
}

}  // namespace

void add_luau_routes(std::vector<Route>& routes) {
  const std::vector<std::string_view> write{"universe.place.luau-execution-session:write"};
  const std::vector<std::string_view> read{"universe.place.luau-execution-session:read",
                                           "universe.place.luau-execution-session:write"};
  const std::string task =
      "/cloud/v2/(universes/[^/]+/places/[^/]+/versions/[^/]+/luau-execution-sessions/[^/]+/tasks/[^/]+)";
  const std::string create =
      "/cloud/v2/universes/([^/]+)/places/([^/]+)(?:/versions/([^/]+))?/luau-execution-session-tasks";
  routes.push_back({"luau.create", "POST",
                    std::regex(create),
                    "luau_task_create", write, false, AuthMode::api_key_only, true, create_task});
  routes.push_back({"luau.get", "GET", std::regex(task), "luau_task_read", read, true, AuthMode::api_key_only, false,
                    get_task});
  routes.push_back({"luau.logs", "GET", std::regex(task + "/logs"), "luau_task_logs", read, true,
                    AuthMode::api_key_only, false, get_logs});
}

}  // namespace rbxpipe::cloud::emulator
