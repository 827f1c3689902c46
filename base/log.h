#pragma once
// Logging: levels, human or JSON-lines output, and redaction of secrets before anything is written.

#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rbxpipe::base {

class Clock;

/// Log levels, least to most severe; `off` silences everything.
enum class LogLevel { trace, debug, info, warn, error, off };

/// Output shape: `2026-11-25T20:48:50Z info message key=value` or one JSON object per line.
enum class LogFormat { human, json };

/// Parses "trace".."error"/"off" (case-insensitive); false when unknown.
bool parse_log_level(std::string_view text, LogLevel& level);

/// One structured field of a log line.
using LogField = std::pair<std::string_view, std::string>;

/// A thread-safe logger writing whole lines to a sink.
class Logger {
 public:
  /// Receives one finished line (without the trailing newline).
  using Sink = std::function<void(std::string_view line)>;
  /// Rewrites a finished line; runs after the built-in secret redaction.
  using Redactor = std::function<std::string(std::string line)>;

  /// A logger at `level` in `format` writing to `sink` (stderr when empty), timestamps from `clock` (system when null).
  explicit Logger(LogLevel level = LogLevel::info, LogFormat format = LogFormat::human, Sink sink = {},
                  const Clock* clock = nullptr);

  /// Writes `message` with `fields` when `level` is enabled.
  void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});
  /// True when lines at `level` are written.
  bool enabled(LogLevel level) const;

  /// Sets the minimum level written.
  void set_level(LogLevel level);
  /// Sets the output shape.
  void set_format(LogFormat format);
  /// Replaces the sink.
  void set_sink(Sink sink);
  /// Registers a secret: every occurrence in any later line is replaced by "***" (empty strings are ignored).
  void add_secret(std::string secret);
  /// Installs an extra redaction hook run on every line.
  void set_redactor(Redactor redactor);

 private:
  std::string redact(std::string line) const;

  mutable std::mutex m_mutex;
  LogLevel m_level;
  LogFormat m_format;
  Sink m_sink;
  const Clock* m_clock;
  std::vector<std::string> m_secrets;
  Redactor m_redactor;
};

/// The process-wide logger used by the CLI and server.
Logger& default_logger();

/// Logs through default_logger().
void log_debug(std::string_view message, std::initializer_list<LogField> fields = {});
/// Logs through default_logger().
void log_info(std::string_view message, std::initializer_list<LogField> fields = {});
/// Logs through default_logger().
void log_warn(std::string_view message, std::initializer_list<LogField> fields = {});
/// Logs through default_logger().
void log_error(std::string_view message, std::initializer_list<LogField> fields = {});

}  // namespace rbxpipe::base
