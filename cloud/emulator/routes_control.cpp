// The /_emulator/ control routes: state, reset, clock, faults, the request log and raw uploaded bytes. They need no
// key, spend no budget and are never faulted or logged.
#include <regex>

#include "cloud/emulator/service.h"
#include "cloud/emulator/time_text.h"
#include "cloud/emulator/world_json.h"

namespace rbxpipe::cloud::emulator {

namespace {

Response bytes_response(const std::string& bytes) {
  Response response;
  response.content_type = "application/octet-stream";
  response.body = bytes;
  return response;
}

Response not_found(const std::string& what) { return status_error(404, "NOT_FOUND", what + " not found."); }

}  // namespace

Response Service::control(const Request& request) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  if (path == "/_emulator/state" && method == "GET") {
    Response response;
    response.body = inspection_json(m_world, m_scenario, m_clock.now(), m_log, m_faults.pending());
    return response;
  }
  if (path == "/_emulator/reset" && method == "POST") {
    reset_locked();
    return json_response(200, Json::object());
  }
  if (path == "/_emulator/clock") {
    if (method == "POST") {
      if (!m_clock_is_fake) {
        return status_error(409, "ABORTED", "The emulator runs on the system clock; start it with a manual clock.");
      }
      Json body = Json::parse(request.body, nullptr, false);
      std::int64_t ms = 0;
      if (body.is_object() && body.contains("advance_seconds") && body["advance_seconds"].is_number()) {
        ms = static_cast<std::int64_t>(body["advance_seconds"].get<double>() * 1000);
      } else if (body.is_object() && body.contains("advance_ms") && body["advance_ms"].is_number_integer()) {
        ms = body["advance_ms"].get<std::int64_t>();
      } else {
        return status_error(400, "Send {\"advance_seconds\": N} or {\"advance_ms\": N}.");
      }
      if (ms < 0) return status_error(400, "The clock only moves forward.");
      m_clock.sleep_for(std::chrono::milliseconds(ms));
    } else if (method != "GET") {
      return status_error(405, "METHOD_NOT_ALLOWED", "Use GET or POST.");
    }
    return json_response(200, Json{{"now", format_timestamp(m_clock.now())}, {"manual", m_clock_is_fake}});
  }
  if (path == "/_emulator/faults") {
    if (method == "POST") {
      auto faults = parse_faults_json(request.body);
      if (!faults) return status_error(400, faults.error().message());
      m_faults.add(*faults);
    } else if (method == "DELETE") {
      m_faults.clear();
    } else if (method != "GET") {
      return status_error(405, "METHOD_NOT_ALLOWED", "Use GET, POST or DELETE.");
    }
    Json pending = Json::array();
    for (const auto& fault : m_faults.pending()) pending.push_back(fault_json(fault));
    return json_response(200, Json{{"faults", pending}});
  }
  if (path == "/_emulator/requests" && method == "GET") {
    Json requests = Json::array();
    for (const auto& record : m_log) requests.push_back(request_json(record));
    return json_response(200, Json{{"requests", requests}});
  }
  std::smatch match;
  static const std::regex k_content("/_emulator/(assets|places)/(\\d+)/content");
  if (method == "GET" && std::regex_match(path, match, k_content)) {
    auto id = parse_id(match[2].str());
    int version = static_cast<int>(parse_id(request.param("version").value_or("")).value_or(0));
    if (!id) return not_found("Content");
    auto bytes = match[1].str() == "assets" ? asset_bytes(m_world, *id, version) : place_bytes(m_world, *id, version);
    return bytes ? bytes_response(*bytes) : not_found("Content");
  }
  return not_found("Emulator route " + path);
}

}  // namespace rbxpipe::cloud::emulator
