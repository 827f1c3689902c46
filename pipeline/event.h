#pragma once
// Pipeline events: what the runner and stages report while they work, rendered by the CLI as progress or JSON lines.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace rbxpipe::pipeline {

/// The kinds of event, in the order a stage emits them.
enum class EventKind { stage_started, progress, diagnostic, stage_finished, stage_skipped };

/// How a stage ended.
enum class StageStatus { ok, failed, skipped };

/// Stable lower-case name ("stage_started", "ok").
std::string_view event_kind_name(EventKind kind);
/// Stable lower-case name of a status.
std::string_view stage_status_name(StageStatus status);

/// One event. Fields that do not apply to a kind stay empty.
struct Event {
  EventKind kind = EventKind::progress;
  std::string stage;                            ///< the stage's name
  std::string message;                          ///< progress text, skip reason or failure message
  int done = 0;                                 ///< progress: units done
  int total = 0;                                ///< progress: units in all (0 when unknown)
  std::optional<base::Diagnostic> diagnostic;   ///< for diagnostic events
  StageStatus status = StageStatus::ok;         ///< for stage_finished / stage_skipped
  std::chrono::milliseconds elapsed{0};         ///< for stage_finished: how long the stage ran
};

/// Receives events; implementations must be thread-safe (stages run in parallel).
class EventSink {
 public:
  virtual ~EventSink() = default;
  /// Called once per event, possibly from several threads.
  virtual void on_event(const Event& event) = 0;
};

/// An EventSink that keeps every event, for tests and for building a final report.
class RecordingEventSink final : public EventSink {
 public:
  void on_event(const Event& event) override;
  /// A copy of everything received so far, in arrival order.
  std::vector<Event> events() const;

 private:
  mutable std::mutex m_mutex;
  std::vector<Event> m_events;
};

/// An EventSink that forwards to several others.
class FanoutEventSink final : public EventSink {
 public:
  /// Forwards to `sinks` (not owned; they must outlive this object).
  explicit FanoutEventSink(std::vector<EventSink*> sinks) : m_sinks(std::move(sinks)) {}
  void on_event(const Event& event) override;

 private:
  std::vector<EventSink*> m_sinks;
};

/// One JSON object (one line, no newline) describing an event, for `--progress json`.
std::string event_to_json_line(const Event& event);

}  // namespace rbxpipe::pipeline
