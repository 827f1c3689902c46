#include "cloud/emulator/service.h"

#include "base/file_io.h"
#include "base/log.h"
#include "cloud/emulator/auth.h"
#include "cloud/emulator/world_json.h"

namespace rbxpipe::cloud::emulator {

namespace {

std::vector<Route> make_routes() {
  std::vector<Route> routes;
  add_asset_routes(routes);
  add_asset_version_routes(routes);
  add_operation_routes(routes);
  add_place_routes(routes);
  add_luau_routes(routes);
  add_account_routes(routes);
  return routes;
}

// Cutting a JSON text in half always leaves an unclosed object or string: the "malformed JSON" a client must survive.
std::string malformed(const std::string& body) {
  if (body.size() < 4) return "{\"";
  return body.substr(0, body.size() / 2);
}

// Handlers read request JSON with nlohmann accessors that throw on a wrong type: that is the client's mistake (400).
// Anything else escaping a handler is an emulator bug, answered like the real service's unexpected failures (500).
Response run_handler(const Route& route, RouteContext& context) {
  try {
    return route.handler(context);
  } catch (const nlohmann::json::exception& error) {
    return status_error(400, std::string("A request field has the wrong type: ") + error.what());
  } catch (const std::exception& error) {
    base::log_error("emulator route failed", {{"route", std::string(route.name)}, {"error", error.what()}});
    return problem_500(context.sequence);
  }
}

}  // namespace

Service::Service(Scenario scenario, base::Clock& clock, bool clock_is_fake,
                 std::optional<std::filesystem::path> state_file)
    : m_scenario(std::move(scenario)),
      m_clock(clock),
      m_clock_is_fake(clock_is_fake),
      m_state_file(std::move(state_file)),
      m_routes(make_routes()),
      m_world(make_world(m_scenario)) {
  m_faults.assign(m_scenario.faults);
}

base::Result<void> Service::load() {
  if (!m_state_file) return base::ok();
  std::lock_guard lock(m_mutex);
  std::error_code error;
  if (!std::filesystem::exists(*m_state_file, error)) return base::ok();
  auto text = base::read_file(*m_state_file);
  if (!text) return std::move(text).error().with_context("read emulator state " + m_state_file->string());
  auto loaded = load_world(*text, blob_folder(*m_state_file), m_scenario);
  if (!loaded) return std::move(loaded).error().with_context("load emulator state " + m_state_file->string());
  m_world = std::move(loaded).value();
  return base::ok();
}

Dispatched Service::dispatch(Request request) {
  std::lock_guard lock(m_mutex);
  return dispatch_locked(request);
}

Dispatched Service::dispatch_locked(Request& request) {
  if (request.path == "/_emulator" || request.path.starts_with("/_emulator/")) return {control(request)};
  const int sequence = ++m_sequence;
  const TimePoint now = m_clock.now();

  const Route* route = nullptr;
  bool path_known = false;
  for (const auto& candidate : m_routes) {
    std::smatch match;
    if (!std::regex_match(request.path, match, candidate.pattern)) continue;
    path_known = true;
    if (candidate.method != request.method) continue;
    route = &candidate;
    request.captures.assign(match.begin() + 1, match.end());
    break;
  }
  if (route == nullptr) {
    Response response =
        path_known ? status_error(405, "METHOD_NOT_ALLOWED", "Method " + request.method + " is not allowed here.")
                   : status_error(404, "NOT_FOUND", "No Open Cloud route matches " + request.path + ".");
    log(request, nullptr, response.status, "", "");
    return {std::move(response)};
  }

  // Unauthenticated calls spend the caller address's budget, so even a 401 carries rate-limit headers.
  std::string owner = "ip:" + request.remote_addr;
  const ApiKeySpec* key = nullptr;
  std::optional<Response> refusal;
  if (route->auth != AuthMode::none) {
    auto authentication = authenticate(request, m_scenario, *route, now);
    if (authentication.key == nullptr) {
      refusal = std::move(authentication.failure);
    } else {
      key = authentication.key;
      owner = key->oauth ? "token:" + key->name : key->owner.key();
    }
  }
  BudgetDecision budget = m_buckets.take(owner, std::string(route->endpoint_class), m_scenario.rate_limits, now);
  if (!refusal && !budget.allowed) refusal = too_many_requests();
  if (!refusal && key != nullptr) {
    refusal = authorize(request, *key, *route);
    if (!refusal && route->write && key->account_moderated) refusal = gateway_error(403, "User is moderated");
  }
  std::string logged_owner = key != nullptr ? owner : "";
  if (refusal) {
    apply_rate_limit_headers(*refusal, budget, m_scenario.rate_limits, now);
    log(request, route, refusal->status, "", logged_owner);
    return {std::move(*refusal)};
  }

  auto fault = m_faults.take(route->name);
  Dispatched result;
  if (fault && !fault->commits_first()) {
    result = apply_fault(*fault, {}, sequence);
  } else {
    RouteContext context{request, key, m_world, m_scenario, now, sequence};
    Response response = run_handler(*route, context);
    if (context.changed) persist_locked();
    result = fault ? apply_fault(*fault, std::move(response), sequence) : Dispatched{std::move(response)};
  }
  if (!result.reset) apply_rate_limit_headers(result.response, budget, m_scenario.rate_limits, now);
  log(request, route, result.reset ? 0 : result.response.status,
      fault ? std::string(fault_kind_name(fault->kind)) : "", logged_owner);
  return result;
}

Dispatched Service::apply_fault(const FaultSpec& fault, Response committed, int sequence) {
  Dispatched result;
  switch (fault.kind) {
    case FaultKind::status_500: result.response = problem_500(sequence); break;
    case FaultKind::status_502: result.response = html_error(502); break;
    case FaultKind::status_503: result.response = html_error(503); break;
    case FaultKind::status_499:
      result.response = status_error(499, "CANCELLED", "The request was cancelled.");
      break;
    case FaultKind::status_429: result.response = too_many_requests(); break;
    case FaultKind::reset: result.reset = true; break;
    case FaultKind::delay:
      result.response = std::move(committed);
      result.delay_ms = fault.delay_ms;
      break;
    case FaultKind::malformed_json:
      result.response = std::move(committed);
      result.response.body = malformed(result.response.body);
      break;
  }
  return result;
}

void Service::log(const Request& request, const Route* route, int status, std::string fault, std::string owner) {
  RequestRecord record;
  record.sequence = m_sequence;
  record.method = request.method;
  record.path = request.path;
  record.route = route != nullptr ? std::string(route->name) : "";
  record.status = status;
  record.fault = std::move(fault);
  record.owner = std::move(owner);
  record.time = m_clock.now();
  m_log.push_back(std::move(record));
}

std::vector<RequestRecord> Service::request_log() const {
  std::lock_guard lock(m_mutex);
  return m_log;
}

void Service::add_faults(const std::vector<FaultSpec>& faults) {
  std::lock_guard lock(m_mutex);
  m_faults.add(faults);
}

void Service::clear_faults() {
  std::lock_guard lock(m_mutex);
  m_faults.clear();
}

void Service::reset() {
  std::lock_guard lock(m_mutex);
  reset_locked();
}

void Service::reset_locked() {
  m_world = make_world(m_scenario);
  m_buckets.clear();
  m_faults.assign(m_scenario.faults);
  m_log.clear();
  m_sequence = 0;
  persist_locked();
}

void Service::persist_locked() {
  if (!m_state_file) return;
  auto saved = save_world(m_world, *m_state_file);
  // A failed save must not fail the request it follows; the next change tries again.
  if (!saved) base::log_warn("emulator state not saved", {{"error", saved.error().to_string()}});
}

std::string Service::state_json() const {
  std::lock_guard lock(m_mutex);
  return inspection_json(m_world, m_scenario, m_clock.now(), m_log, m_faults.pending());
}

}  // namespace rbxpipe::cloud::emulator
