#include "cli/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>

namespace rbxpipe::cli {

namespace {

std::mutex g_stderr_mutex;

void write_stderr(const std::string& text) {
  std::lock_guard lock(g_stderr_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

class NullSink final : public pipeline::EventSink {
 public:
  void on_event(const pipeline::Event&) override {}
};

class JsonLinesSink final : public pipeline::EventSink {
 public:
  void on_event(const pipeline::Event& event) override { write_stderr(pipeline::event_to_json_line(event) + "\n"); }
};

// Plain lines for logs and CI: one line per stage transition; diagnostics are printed by the command at the end.
class PlainSink final : public pipeline::EventSink {
 public:
  void on_event(const pipeline::Event& event) override {
    switch (event.kind) {
      case pipeline::EventKind::stage_started:
        write_stderr("[" + event.stage + "] started\n");
        break;
      case pipeline::EventKind::progress:
        write_stderr("[" + event.stage + "] " + std::to_string(event.done) +
                     (event.total > 0 ? "/" + std::to_string(event.total) : "") +
                     (event.message.empty() ? "" : " " + event.message) + "\n");
        break;
      case pipeline::EventKind::stage_finished:
        write_stderr("[" + event.stage + "] " + std::string(pipeline::stage_status_name(event.status)) + " (" +
                     std::to_string(event.elapsed.count()) + " ms)" +
                     (event.message.empty() ? "" : ": " + event.message) + "\n");
        break;
      case pipeline::EventKind::stage_skipped:
        write_stderr("[" + event.stage + "] skipped: " + event.message + "\n");
        break;
      case pipeline::EventKind::diagnostic:
        break;
    }
  }
};

// One self-rewriting status line; cleared once every stage has ended so the final report starts on a clean line.
class BarSink final : public pipeline::EventSink {
 public:
  explicit BarSink(int stage_count) : m_stage_count(stage_count) {}

  void on_event(const pipeline::Event& event) override {
    std::lock_guard lock(m_mutex);
    switch (event.kind) {
      case pipeline::EventKind::stage_started: m_running.insert(event.stage); break;
      case pipeline::EventKind::stage_finished:
      case pipeline::EventKind::stage_skipped:
        m_running.erase(event.stage);
        ++m_ended;
        break;
      case pipeline::EventKind::progress: m_detail = event.stage + " " + std::to_string(event.done) + "/" + std::to_string(event.total); break;
      case pipeline::EventKind::diagnostic: break;
    }
    std::string line = "\r\x1b[2K";
    if (m_ended < m_stage_count) {
      int width = 20;
      int filled = m_stage_count > 0 ? m_ended * width / m_stage_count : 0;
      line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(width - filled), '-') + "] ";
      for (const auto& name : m_running) line += name + " ";
      line += m_detail;
    }
    write_stderr(line);
  }

 private:
  std::mutex m_mutex;
  int m_stage_count;
  int m_ended = 0;
  std::set<std::string> m_running;
  std::string m_detail;
};

}  // namespace

bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

bool stdout_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return stdout_is_tty() && (no_color == nullptr || *no_color == '\0');
}

bool stderr_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return stderr_is_tty() && (no_color == nullptr || *no_color == '\0');
}

std::unique_ptr<pipeline::EventSink> make_progress_sink(const std::string& mode, int stage_count) {
  if (mode == "json") return std::make_unique<JsonLinesSink>();
  if (mode == "none") return std::make_unique<NullSink>();
  if (mode == "plain") return std::make_unique<PlainSink>();
  if (mode == "bar" || stderr_is_tty()) return std::make_unique<BarSink>(stage_count);
  return std::make_unique<PlainSink>();
}

base::Result<pipeline::RunResult> run_with_progress(pipeline::Runner& runner, pipeline::ArtifactTable& artifacts,
                                                    const std::string& progress_mode) {
  auto plan = runner.plan();
  if (!plan) return std::move(plan).error();
  auto progress = make_progress_sink(progress_mode, static_cast<int>(plan->size()));
  return runner.run(artifacts, *progress);
}

}  // namespace rbxpipe::cli
