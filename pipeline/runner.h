#pragma once
// Runner: orders stages by their needs and runs independent ones in parallel on TBB.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "pipeline/event.h"
#include "pipeline/stage.h"

namespace rbxpipe::pipeline {

/// How one stage ended.
struct StageOutcome {
  std::string name;                              ///< the stage
  StageStatus status = StageStatus::ok;          ///< ok, failed or skipped
  std::string message;                           ///< the error (failed) or why it was skipped
  std::chrono::milliseconds elapsed{0};          ///< wall time of run()
};

/// The result of a whole run.
struct RunResult {
  std::vector<StageOutcome> stages;           ///< one per stage, in plan order
  std::vector<base::Diagnostic> diagnostics;  ///< every diagnostic reported, sorted by file and position
  /// True when every stage ran and succeeded.
  bool all_ok() const;
};

/// Options for a run.
struct RunOptions {
  int max_parallelism = 0;  ///< worker threads; 0 lets TBB decide
};

/// Orders and runs a set of stages.
class Runner {
 public:
  /// Adds a stage; stages are owned by the runner.
  void add(std::unique_ptr<Stage> stage);

  /// The stage names in an order that respects their needs (ties broken by insertion order). `provided` lists
  /// artifact keys available before any stage runs. invalid_input when a need has no producer, two stages produce
  /// the same key, or the needs form a cycle (the message names the stages involved).
  base::Result<std::vector<std::string>> plan(const std::vector<std::string>& provided = {}) const;

  /// Runs every stage once its needs are produced; independent stages run at the same time. A failed stage makes
  /// every stage that (transitively) needs its products `skipped`. Artifacts already in `artifacts` count as
  /// produced. Returns an error only when the plan is invalid.
  base::Result<RunResult> run(ArtifactTable& artifacts, EventSink& events, const RunOptions& options = {});

 private:
  std::vector<std::unique_ptr<Stage>> m_stages;
};

}  // namespace rbxpipe::pipeline
