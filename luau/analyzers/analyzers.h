#pragma once
// The external Luau analyzers a project may name in rbxpipe.json (`luau.analyzers`): luau-analyze, selene and
// StyLua. Each one found on PATH runs over the project's scripts, all of them at once, under the configured time
// limit; their findings become diagnostics with the tool's own names kept in the code ("selene::unused_variable").

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "luau/analyzers/tool_output.h"
#include "base/child_process.h"

namespace rbxpipe::luau::analyzers {

// The process runner lives in base/ (deploys use it for git too); analyzers speak of it in its own names.
using base::find_program;
using base::k_max_tool_output;
using base::run_tool;
using base::ToolCommand;
using base::ToolRun;

/// The analyzers rbxpipe knows.
enum class AnalyzerKind { luau_analyze, selene, stylua };

/// The name rbxpipe.json and PATH use: "luau-analyze", "selene" or "stylua".
std::string_view analyzer_name(AnalyzerKind kind);

/// The analyzer called `name`, or nullopt for a name rbxpipe does not know.
std::optional<AnalyzerKind> analyzer_from_name(std::string_view name);

/// Diagnostic codes about the tools themselves (their findings use the tools' own codes).
inline constexpr std::string_view k_tool_missing = "TOOL0001";  ///< note: a configured tool is not on PATH
inline constexpr std::string_view k_tool_timeout = "TOOL0002";  ///< warning: a tool ran out of time and was killed
inline constexpr std::string_view k_tool_failed = "TOOL0003";   ///< warning: a tool failed or said it could not run

/// What to analyze and how.
struct AnalyzerRequest {
  std::vector<std::string> analyzers;         ///< names from `luau.analyzers`; unknown ones are skipped
  std::vector<std::string> files;             ///< scripts to check, relative to working_directory
  std::filesystem::path working_directory;    ///< where the tools run, so they find their own config files there
  std::chrono::milliseconds timeout{60'000};  ///< time limit of each tool run (`luau.timeout_s`)
  std::string config_file = "rbxpipe.json";   ///< the file named by diagnostics about the tools themselves
  SourceLookup sources;                       ///< the scripts' text by relative name, for source lines and columns
};

/// The arguments one analyzer is run with over `files` (machine-readable output, no colour).
std::vector<std::string> analyzer_arguments(AnalyzerKind kind, const std::vector<std::string>& files);

/// The diagnostics of one finished run: its findings (files named relative to the working directory), its
/// complaints about itself, a timeout, or a failure that left no findings.
std::vector<base::Diagnostic> interpret_run(AnalyzerKind kind, const ToolRun& run, const AnalyzerRequest& request);

/// Runs every requested analyzer found on PATH over the files, all at the same time, and returns their
/// diagnostics unsorted. A tool missing from PATH is a note, never a failure; nothing runs without files.
std::vector<base::Diagnostic> run_analyzers(const AnalyzerRequest& request);

}  // namespace rbxpipe::luau::analyzers
