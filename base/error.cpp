#include "base/error.h"

namespace rbxpipe::base {

namespace {

struct ErrorCodeInfo {
  std::string_view name;
  int exit_code;
  int http_status;
  bool retryable;
};

// One table keeps the three mappings of each code side by side, so adding a code means filling in one row.
ErrorCodeInfo info(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return {"invalid_input", 2, 400, false};
    case ErrorCode::usage: return {"usage", 3, 400, false};
    case ErrorCode::not_found: return {"not_found", 2, 404, false};
    case ErrorCode::already_exists: return {"already_exists", 1, 409, false};
    case ErrorCode::conflict: return {"conflict", 1, 409, false};
    case ErrorCode::precondition_failed: return {"precondition_failed", 1, 412, false};
    case ErrorCode::too_large: return {"too_large", 2, 413, false};
    case ErrorCode::unsupported: return {"unsupported", 2, 422, false};
    case ErrorCode::unauthenticated: return {"unauthenticated", 4, 401, false};
    case ErrorCode::forbidden: return {"forbidden", 4, 403, false};
    case ErrorCode::quota_exceeded: return {"quota_exceeded", 1, 429, false};
    case ErrorCode::rate_limited: return {"rate_limited", 5, 429, true};
    case ErrorCode::unavailable: return {"unavailable", 5, 503, true};
    case ErrorCode::timeout: return {"timeout", 5, 504, true};
    case ErrorCode::cancelled: return {"cancelled", 1, 409, false};
    case ErrorCode::io_error: return {"io_error", 1, 500, false};
    case ErrorCode::internal: return {"internal", 1, 500, false};
  }
  return {"internal", 1, 500, false};
}

}  // namespace

std::string_view error_code_name(ErrorCode code) { return info(code).name; }
int exit_code_for(ErrorCode code) { return info(code).exit_code; }
int http_status_for(ErrorCode code) { return info(code).http_status; }
bool is_retryable(ErrorCode code) { return info(code).retryable; }

Error::Error(ErrorCode code, std::string message) : m_code(code), m_message(std::move(message)) {}

Error Error::with_context(std::string what) && {
  m_context.insert(m_context.begin(), std::move(what));
  return std::move(*this);
}

Error Error::with_context(std::string what) const& {
  Error copy = *this;
  return std::move(copy).with_context(std::move(what));
}

std::string Error::to_string() const {
  std::string text;
  for (const auto& what : m_context) {
    text += what;
    text += ": ";
  }
  text += m_message;
  return text;
}

}  // namespace rbxpipe::base
