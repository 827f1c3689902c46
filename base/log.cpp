#include "base/log.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/clock.h"

namespace rbxpipe::base {

namespace {

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::trace: return "trace";
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
    case LogLevel::off: return "off";
  }
  return "unknown";
}

// A JSON string literal including its quotes; invalid UTF-8 is replaced rather than thrown on, because a log call
// must never fail because of what it was asked to print.
std::string json_quoted(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_escaped(std::string_view text) {
  std::string quoted = json_quoted(text);
  return quoted.substr(1, quoted.size() - 2);
}

void append_hex_escape(std::string& out, unsigned char c) {
  static constexpr char k_digits[] = "0123456789abcdef";
  out += "\\x";
  out += k_digits[c >> 4];
  out += k_digits[c & 0x0f];
}

// Escapes control characters so a message can never split one record over several lines.
void append_human_escaped(std::string& out, std::string_view text, bool escape_quotes) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (escape_quotes && (ch == '"' || ch == '\\')) {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      append_hex_escape(out, c);
    } else {
      out += ch;
    }
  }
}

bool needs_quotes(std::string_view value) {
  if (value.empty()) return true;
  return std::any_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f || ch == '"' || ch == '=' || ch == '\\';
  });
}

void append_human_value(std::string& out, std::string_view value) {
  if (!needs_quotes(value)) {
    out += value;
    return;
  }
  out += '"';
  append_human_escaped(out, value, true);
  out += '"';
}

std::string human_escaped(std::string_view text, bool escape_quotes) {
  std::string out;
  append_human_escaped(out, text, escape_quotes);
  return out;
}

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  if (needle.empty()) return;
  std::size_t at = 0;
  while ((at = text.find(needle, at)) != std::string::npos) {
    text.replace(at, needle.size(), replacement);
    at += replacement.size();
  }
}

void default_sink(std::string_view line) {
  // One fwrite per line: stdio locks the stream per call, so lines from other writers stay whole.
  std::string with_newline;
  with_newline.reserve(line.size() + 1);
  with_newline.append(line).push_back('\n');
  std::fwrite(with_newline.data(), 1, with_newline.size(), stderr);
}

}  // namespace

bool parse_log_level(std::string_view text, LogLevel& level) {
  std::string lower;
  lower.reserve(text.size());
  for (char ch : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  for (LogLevel candidate :
       {LogLevel::trace, LogLevel::debug, LogLevel::info, LogLevel::warn, LogLevel::error, LogLevel::off}) {
    if (lower == level_name(candidate)) {
      level = candidate;
      return true;
    }
  }
  return false;
}

Logger::Logger(LogLevel level, LogFormat format, Sink sink, const Clock* clock)
    : m_level(level),
      m_format(format),
      m_sink(sink ? std::move(sink) : Sink(default_sink)),
      m_clock(clock != nullptr ? clock : &system_clock()) {}

void Logger::log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  // The whole line is built, redacted and written under one lock: lines never interleave, sinks need no locking
  // of their own, and a secret added on another thread applies to every line that starts after it. The price is
  // that a sink must not log through the same logger.
  std::lock_guard lock(m_mutex);
  if (level == LogLevel::off || level < m_level) return;

  const std::string timestamp = format_rfc3339(m_clock->now());
  std::string line;
  if (m_format == LogFormat::json) {
    line = "{\"ts\":" + json_quoted(timestamp) + ",\"level\":" + json_quoted(level_name(level)) +
           ",\"msg\":" + json_quoted(message);
    for (const auto& [key, value] : fields) {
      line += ',';
      line += json_quoted(key);
      line += ':';
      line += json_quoted(value);
    }
    line += '}';
  } else {
    line = timestamp;
    line += ' ';
    line += level_name(level);
    line += ' ';
    append_human_escaped(line, message, false);
    for (const auto& [key, value] : fields) {
      line += ' ';
      append_human_escaped(line, key, false);
      line += '=';
      append_human_value(line, value);
    }
  }
  m_sink(redact(std::move(line)));
}

bool Logger::enabled(LogLevel level) const {
  std::lock_guard lock(m_mutex);
  return level != LogLevel::off && level >= m_level;
}

void Logger::set_level(LogLevel level) {
  std::lock_guard lock(m_mutex);
  m_level = level;
}

void Logger::set_format(LogFormat format) {
  std::lock_guard lock(m_mutex);
  m_format = format;
}

void Logger::set_sink(Sink sink) {
  std::lock_guard lock(m_mutex);
  m_sink = sink ? std::move(sink) : Sink(default_sink);
}

void Logger::add_secret(std::string secret) {
  if (secret.empty()) return;
  std::lock_guard lock(m_mutex);
  if (std::find(m_secrets.begin(), m_secrets.end(), secret) != m_secrets.end()) return;
  m_secrets.push_back(std::move(secret));
  // Longest first, so a secret that contains a shorter one is replaced whole instead of leaving pieces behind.
  std::stable_sort(m_secrets.begin(), m_secrets.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Logger::set_redactor(Redactor redactor) {
  std::lock_guard lock(m_mutex);
  m_redactor = std::move(redactor);
}

std::string Logger::redact(std::string line) const {
  for (const std::string& secret : m_secrets) {
    replace_all(line, secret, "***");
    // A secret holding quotes, backslashes or control characters appears escaped in the finished line, so the
    // escaped spellings are redacted too.
    const std::string in_json = json_escaped(secret);
    if (in_json != secret) replace_all(line, in_json, "***");
    const std::string in_value = human_escaped(secret, true);
    if (in_value != secret && in_value != in_json) replace_all(line, in_value, "***");
    const std::string in_message = human_escaped(secret, false);
    if (in_message != secret && in_message != in_value) replace_all(line, in_message, "***");
  }
  if (m_redactor) line = m_redactor(std::move(line));
  return line;
}

Logger& default_logger() {
  static Logger logger;
  return logger;
}

void log_debug(std::string_view message, std::initializer_list<LogField> fields) {
  default_logger().log(LogLevel::debug, message, fields);
}

void log_info(std::string_view message, std::initializer_list<LogField> fields) {
  default_logger().log(LogLevel::info, message, fields);
}

void log_warn(std::string_view message, std::initializer_list<LogField> fields) {
  default_logger().log(LogLevel::warn, message, fields);
}

void log_error(std::string_view message, std::initializer_list<LogField> fields) {
  default_logger().log(LogLevel::error, message, fields);
}

}  // namespace rbxpipe::base
