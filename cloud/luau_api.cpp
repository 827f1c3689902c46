#include "cloud/luau_api.h"

#include "base/clock.h"
#include "cloud/resource_json.h"

namespace rbxpipe::cloud {
namespace {

using detail::Json;

base::Clock& system_clock() {
  static base::SystemClock clock;
  return clock;
}

LuauTask task_from(const Json& object) {
  LuauTask task;
  task.path = detail::text(object, "path");
  task.state = detail::text(object, "state");
  if (object.is_object() && object.contains("error") && object["error"].is_object())
    task.error = detail::remote_error_from(object["error"]);
  if (object.is_object() && object.contains("output") && object["output"].is_object()) {
    const Json& results = object["output"].value("results", Json::array());
    if (results.is_array())
      for (const auto& result : results) task.results.push_back(result.dump());
  }
  return task;
}

}  // namespace

LuauApi::LuauApi(OpenCloudClient& client, base::Clock* clock)
    : m_client(client), m_clock(clock != nullptr ? clock : client.options().clock) {
  if (m_clock == nullptr) m_clock = &system_clock();
}

base::Result<LuauTask> LuauApi::create_task(std::int64_t universe_id, std::int64_t place_id,
                                            std::optional<std::int64_t> version, const std::string& script,
                                            std::chrono::seconds timeout) {
  if (script.empty() || script.size() > (std::size_t{4} << 20))
    return base::Error{base::ErrorCode::invalid_input, "a Luau task script must hold 1 byte to 4 MiB"};
  HttpRequest request;
  request.method = "POST";
  request.url = "/cloud/v2/universes/" + std::to_string(universe_id) + "/places/" + std::to_string(place_id) +
                (version ? "/versions/" + std::to_string(*version) : std::string()) + "/luau-execution-session-tasks";
  request.headers.set("Content-Type", "application/json");
  Json body{{"script", script}, {"timeout", std::to_string(std::min<std::int64_t>(timeout.count(), 300)) + "s"}};
  request.body = body.dump();
  std::string what = "start a Luau task on place " + std::to_string(place_id);
  // Creating a task twice runs the script twice; smoke tests are read-only by design, so a lost answer is retried.
  auto response = m_client.call(ApiCall{EndpointClass::luau_task_create, Idempotency::repeatable, std::move(request)});
  if (!response) return std::move(response).error().with_context(what);
  auto json = detail::parse_body(response->http.body, what);
  if (!json) return std::move(json).error();
  LuauTask task = task_from(*json);
  if (task.path.empty()) return base::Error{base::ErrorCode::unavailable, what + ": the answer names no task path"};
  return task;
}

base::Result<LuauTask> LuauApi::get_task(const std::string& path) {
  HttpRequest request;
  request.url = "/cloud/v2/" + path;
  auto response = m_client.call(ApiCall{EndpointClass::luau_task_read, Idempotency::safe, std::move(request)});
  if (!response) return std::move(response).error().with_context("read Luau task " + path);
  auto json = detail::parse_body(response->http.body, "read Luau task");
  if (!json) return std::move(json).error();
  LuauTask task = task_from(*json);
  if (task.path.empty()) task.path = path;
  return task;
}

base::Result<LuauTask> LuauApi::wait_task(const std::string& path, std::chrono::milliseconds interval,
                                          std::chrono::milliseconds limit) {
  auto started = m_clock->monotonic();
  while (true) {
    auto task = get_task(path);
    if (!task) return task;
    // QUEUED counts as running too (a client that only waits while PROCESSING gives up on queued tasks).
    if (task->finished() || (task->state != "QUEUED" && task->state != "PROCESSING" && !task->state.empty()))
      return task;
    if (m_clock->monotonic() - started + interval > limit)
      return base::Error{base::ErrorCode::timeout, "Luau task " + path + " did not finish in " +
                                                       std::to_string(limit.count() / 1000) + " s"};
    m_clock->sleep_for(interval);
  }
}

base::Result<std::vector<std::string>> LuauApi::logs(const std::string& path) {
  std::vector<std::string> lines;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    HttpRequest request;
    request.url = "/cloud/v2/" + path + "/logs?maxPageSize=10000" + (token.empty() ? "" : "&pageToken=" + token);
    auto response = m_client.call(ApiCall{EndpointClass::luau_task_logs, Idempotency::safe, std::move(request)});
    if (!response) return std::move(response).error().with_context("read logs of Luau task " + path);
    auto json = detail::parse_body(response->http.body, "read Luau task logs");
    if (!json) return std::move(json).error();
    const Json& entries = json->value("luauExecutionSessionTaskLogs", Json::array());
    for (const auto& entry : entries) {
      const Json& messages = entry.value("messages", Json::array());
      for (const auto& message : messages)
        if (message.is_string()) lines.push_back(message.get<std::string>());
      const Json& structured = entry.value("structuredMessages", Json::array());
      for (const auto& message : structured) lines.push_back(detail::text(message, "message"));
    }
    token = detail::text(*json, "nextPageToken");
    if (token.empty()) break;
  }
  return lines;
}

}  // namespace rbxpipe::cloud
