#pragma once
// Stage: one step of the pipeline, declared by what it needs and what it produces; the runner wires stages together.

#include <any>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "pipeline/event.h"

namespace rbxpipe::pipeline {

/// Named, typed values the stages exchange ("project" -> Project). Thread-safe; a key is written once.
class ArtifactTable {
 public:
  /// Stores `value` under `key`; conflict when the key already holds a value.
  template <typename T>
  base::Result<void> put(const std::string& key, T value) {
    std::lock_guard lock(m_mutex);
    if (m_values.contains(key)) return base::Error(base::ErrorCode::conflict, "artifact '" + key + "' produced twice");
    m_values.emplace(key, std::any(std::move(value)));
    return {};
  }
  /// The value under `key` when present and of type T, else nullptr. The pointer stays valid for the table's life.
  template <typename T>
  const T* get(const std::string& key) const {
    std::lock_guard lock(m_mutex);
    auto found = m_values.find(key);
    if (found == m_values.end()) return nullptr;
    return std::any_cast<T>(&found->second);
  }
  /// True when `key` holds a value.
  bool contains(const std::string& key) const;

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::any> m_values;
};

/// What a running stage sees: the artifacts, a place for diagnostics, and progress reporting.
class StageContext {
 public:
  /// A context for the stage `stage_name` over shared `artifacts`, reporting to `events`.
  StageContext(std::string stage_name, ArtifactTable& artifacts, EventSink& events);

  /// The shared artifacts.
  ArtifactTable& artifacts() { return m_artifacts; }
  /// Reports a diagnostic (forwarded as an event and kept for the stage's result).
  void report(base::Diagnostic diagnostic);
  /// Reports progress: `done` of `total` units, with an optional message.
  void progress(int done, int total, std::string message = {});
  /// Diagnostics this stage reported so far.
  std::vector<base::Diagnostic> diagnostics() const;
  /// The stage's name.
  const std::string& stage_name() const { return m_stage_name; }

 private:
  std::string m_stage_name;
  ArtifactTable& m_artifacts;
  EventSink& m_events;
  mutable std::mutex m_mutex;
  std::vector<base::Diagnostic> m_diagnostics;
};

/// One step of the pipeline.
class Stage {
 public:
  virtual ~Stage() = default;
  /// Unique, stable name ("project", "lesson", "luau").
  virtual std::string_view name() const = 0;
  /// Artifact keys this stage reads; it runs after the stages producing them.
  virtual std::vector<std::string> needs() const = 0;
  /// Artifact keys this stage writes on success.
  virtual std::vector<std::string> produces() const = 0;
  /// Does the work. An Error means the stage failed and stages needing its products are skipped; problems in user
  /// content are reported as diagnostics through `context` and do not by themselves fail the stage.
  virtual base::Result<void> run(StageContext& context) = 0;
};

}  // namespace rbxpipe::pipeline
