#pragma once
// Internal to cli/: terminal facts (TTY, colour) and the progress renderers for pipeline events.

#include <memory>
#include <string>

#include "base/result.h"
#include "pipeline/event.h"
#include "pipeline/runner.h"

namespace rbxpipe::cli {

/// True when standard output is a terminal.
bool stdout_is_tty();
/// True when standard error is a terminal.
bool stderr_is_tty();
/// True when colour may be written to stdout: a terminal, and NO_COLOR is unset or empty.
bool stdout_color();
/// True when colour may be written to stderr: a terminal, and NO_COLOR is unset or empty.
bool stderr_color();

/// A progress renderer on stderr for `mode` (auto, bar, plain, json, none); `auto` is a bar on a TTY, else plain.
/// `stage_count` sizes the bar.
std::unique_ptr<pipeline::EventSink> make_progress_sink(const std::string& mode, int stage_count);

/// Plans and runs `runner` into `artifacts`, showing progress in `progress_mode`; an Error when the plan is invalid
/// or the runner itself failed (stage failures are in the RunResult).
base::Result<pipeline::RunResult> run_with_progress(pipeline::Runner& runner, pipeline::ArtifactTable& artifacts,
                                                    const std::string& progress_mode);

}  // namespace rbxpipe::cli
