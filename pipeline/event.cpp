#include "pipeline/event.h"

#include <nlohmann/json.hpp>

namespace rbxpipe::pipeline {

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::stage_started: return "stage_started";
    case EventKind::progress: return "progress";
    case EventKind::diagnostic: return "diagnostic";
    case EventKind::stage_finished: return "stage_finished";
    case EventKind::stage_skipped: return "stage_skipped";
  }
  // Only reachable through a value cast from outside the enum; a name is still better than undefined behaviour.
  return "unknown";
}

std::string_view stage_status_name(StageStatus status) {
  switch (status) {
    case StageStatus::ok: return "ok";
    case StageStatus::failed: return "failed";
    case StageStatus::skipped: return "skipped";
  }
  return "unknown";
}

void RecordingEventSink::on_event(const Event& event) {
  std::lock_guard lock(m_mutex);
  m_events.push_back(event);
}

std::vector<Event> RecordingEventSink::events() const {
  std::lock_guard lock(m_mutex);
  return m_events;
}

void FanoutEventSink::on_event(const Event& event) {
  // Each target sink is thread-safe on its own, so forwarding needs no lock of ours.
  for (EventSink* sink : m_sinks) {
    if (sink != nullptr) sink->on_event(event);
  }
}

std::string event_to_json_line(const Event& event) {
  // ordered_json keeps insertion order, so the line's bytes do not depend on key hashing or sorting rules.
  nlohmann::ordered_json line;
  line["event"] = event_kind_name(event.kind);
  line["stage"] = event.stage;
  if (!event.message.empty()) line["message"] = event.message;
  if (event.kind == EventKind::progress) {
    line["done"] = event.done;
    line["total"] = event.total;
  }
  if (event.kind == EventKind::diagnostic && event.diagnostic) {
    const base::Diagnostic& diagnostic = *event.diagnostic;
    nlohmann::ordered_json object;
    object["severity"] = base::severity_name(diagnostic.severity);
    object["code"] = diagnostic.code;
    object["message"] = diagnostic.message;
    object["file"] = diagnostic.file;
    object["line"] = diagnostic.location.line;
    object["column"] = diagnostic.location.column;
    line["diagnostic"] = std::move(object);
  }
  if (event.kind == EventKind::stage_finished || event.kind == EventKind::stage_skipped) {
    line["status"] = stage_status_name(event.status);
  }
  if (event.kind == EventKind::stage_finished) line["elapsed_ms"] = event.elapsed.count();
  // Messages may quote user file content that is not valid UTF-8; replacing bad bytes keeps dump() from throwing.
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace rbxpipe::pipeline
