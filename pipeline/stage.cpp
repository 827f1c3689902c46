#include "pipeline/stage.h"

namespace rbxpipe::pipeline {

bool ArtifactTable::contains(const std::string& key) const {
  std::lock_guard lock(m_mutex);
  return m_values.contains(key);
}

StageContext::StageContext(std::string stage_name, ArtifactTable& artifacts, EventSink& events)
    : m_stage_name(std::move(stage_name)), m_artifacts(artifacts), m_events(events) {}

void StageContext::report(base::Diagnostic diagnostic) {
  Event event;
  event.kind = EventKind::diagnostic;
  event.stage = m_stage_name;
  event.diagnostic = diagnostic;
  {
    std::lock_guard lock(m_mutex);
    m_diagnostics.push_back(std::move(diagnostic));
  }
  // Emitted outside the lock so a slow or re-entrant sink cannot block other reports from this stage.
  m_events.on_event(event);
}

void StageContext::progress(int done, int total, std::string message) {
  Event event;
  event.kind = EventKind::progress;
  event.stage = m_stage_name;
  event.message = std::move(message);
  event.done = done;
  event.total = total;
  m_events.on_event(event);
}

std::vector<base::Diagnostic> StageContext::diagnostics() const {
  std::lock_guard lock(m_mutex);
  return m_diagnostics;
}

}  // namespace rbxpipe::pipeline
