#include "luau/analyzers/analyzers.h"

#include <algorithm>
#include <future>

#include "luau/analyzers/luau_analyze_output.h"
#include "luau/analyzers/selene_output.h"
#include "luau/analyzers/stylua_output.h"

namespace rbxpipe::luau::analyzers {
namespace {

constexpr AnalyzerKind k_all_kinds[] = {AnalyzerKind::luau_analyze, AnalyzerKind::selene, AnalyzerKind::stylua};

std::string limit_text(std::chrono::milliseconds limit) {
  if (limit.count() % 1000 == 0) return std::to_string(limit.count() / 1000) + " s";
  return std::to_string(limit.count()) + " ms";
}

base::Diagnostic about_tool(base::Severity severity, std::string_view code, std::string message,
                            const AnalyzerRequest& request, std::string help = {}) {
  base::Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::string(code);
  diagnostic.message = std::move(message);
  diagnostic.file = request.config_file;
  diagnostic.help = std::move(help);
  return diagnostic;
}

// Tools print the names they were given, sometimes behind "./", and some print absolute paths.
std::string relative_name(const std::string& file, const std::filesystem::path& working_directory) {
  std::string name = file;
  while (name.starts_with("./")) name.erase(0, 2);
  std::filesystem::path path(name);
  if (path.is_absolute() && !working_directory.empty()) {
    std::error_code ec;
    auto base = std::filesystem::absolute(working_directory, ec).lexically_normal();
    auto relative = path.lexically_normal().lexically_relative(base);
    if (!relative.empty() && !relative.string().starts_with("..")) return relative.generic_string();
  }
  return name;
}

ParsedOutput parse_run(AnalyzerKind kind, const ToolRun& run, const SourceLookup& sources) {
  switch (kind) {
    case AnalyzerKind::luau_analyze: return parse_luau_analyze_output(run.out + run.err, sources);
    case AnalyzerKind::selene: return parse_selene_output(run.out, run.err, sources);
    case AnalyzerKind::stylua: return parse_stylua_output(run.out, run.err, sources);
  }
  return {};
}

std::vector<base::Diagnostic> run_one(AnalyzerKind kind, const std::filesystem::path& program,
                                      const AnalyzerRequest& request) {
  ToolCommand command;
  command.program = program;
  command.arguments = analyzer_arguments(kind, request.files);
  command.working_directory = request.working_directory;
  command.timeout = request.timeout;
  auto run = run_tool(command);
  if (!run) {
    return {about_tool(base::Severity::warning, k_tool_failed,
                       std::string(analyzer_name(kind)) + " could not be started: " + run.error().message(), request)};
  }
  return interpret_run(kind, *run, request);
}

}  // namespace

std::string_view analyzer_name(AnalyzerKind kind) {
  switch (kind) {
    case AnalyzerKind::luau_analyze: return "luau-analyze";
    case AnalyzerKind::selene: return "selene";
    case AnalyzerKind::stylua: return "stylua";
  }
  return "";
}

std::optional<AnalyzerKind> analyzer_from_name(std::string_view name) {
  for (AnalyzerKind kind : k_all_kinds) {
    if (analyzer_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::vector<std::string> analyzer_arguments(AnalyzerKind kind, const std::vector<std::string>& files) {
  std::vector<std::string> arguments;
  switch (kind) {
    case AnalyzerKind::luau_analyze: break;  // the default report format is the one parsed
    case AnalyzerKind::selene: arguments = {"--display-style=json2", "--color=Never"}; break;
    case AnalyzerKind::stylua: arguments = {"--check", "--output-format=json", "--color=Never"}; break;
  }
  // Names starting with '-' would read as options.
  for (const auto& file : files) arguments.push_back(file.starts_with("-") ? "./" + file : file);
  return arguments;
}

std::vector<base::Diagnostic> interpret_run(AnalyzerKind kind, const ToolRun& run, const AnalyzerRequest& request) {
  const std::string name(analyzer_name(kind));
  if (run.timed_out) {
    return {about_tool(base::Severity::warning, k_tool_timeout,
                       name + " did not finish within " + limit_text(request.timeout) +
                           " and was stopped; its findings are missing",
                       request, "raise luau.timeout_s in " + request.config_file)};
  }
  // Tools print the names they were given, possibly spelled differently ("./src/a.luau"): sources are looked up,
  // and findings named, by the name in the request.
  SourceLookup sources;
  if (request.sources) {
    sources = [&request](const std::string& file) {
      return request.sources(relative_name(file, request.working_directory));
    };
  }
  ParsedOutput parsed = parse_run(kind, run, sources);
  std::vector<base::Diagnostic> diagnostics;
  for (auto& diagnostic : parsed.diagnostics) {
    diagnostic.file = relative_name(diagnostic.file, request.working_directory);
    diagnostics.push_back(std::move(diagnostic));
  }
  for (const auto& message : parsed.errors) {
    diagnostics.push_back(about_tool(base::Severity::warning, k_tool_failed, name + ": " + message, request));
  }
  // Every tool exits non-zero when it finds something; a non-zero exit with nothing to show is a failure.
  if (run.exit_code != 0 && parsed.diagnostics.empty() && parsed.errors.empty()) {
    std::string message = name + " exited with status " + std::to_string(run.exit_code);
    if (!parsed.other.empty()) message += ": " + parsed.other.front();
    diagnostics.push_back(about_tool(base::Severity::warning, k_tool_failed, std::move(message), request));
  }
  return diagnostics;
}

std::vector<base::Diagnostic> run_analyzers(const AnalyzerRequest& request) {
  std::vector<base::Diagnostic> diagnostics;
  if (request.files.empty()) return diagnostics;
  std::vector<std::future<std::vector<base::Diagnostic>>> runs;
  std::vector<AnalyzerKind> started;
  for (const auto& name : request.analyzers) {
    auto kind = analyzer_from_name(name);
    // Unknown names were reported when rbxpipe.json was checked; a repeated name runs once.
    if (!kind || std::find(started.begin(), started.end(), *kind) != started.end()) continue;
    started.push_back(*kind);
    auto program = find_program(name);
    if (!program) {
      diagnostics.push_back(about_tool(base::Severity::note, k_tool_missing,
                                       "'" + name + "' is listed in luau.analyzers but is not on PATH; it was not run",
                                       request, "install " + name + ", or remove it from luau.analyzers"));
      continue;
    }
    runs.push_back(std::async(std::launch::async, [kind = *kind, path = *program, &request] {
      return run_one(kind, path, request);
    }));
  }
  for (auto& run : runs) {
    auto found = run.get();
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  return diagnostics;
}

}  // namespace rbxpipe::luau::analyzers
