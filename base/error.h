#pragma once
// Error: what went wrong in rbxpipe's own machinery (as opposed to a Diagnostic about user content).

#include <string>
#include <string_view>
#include <vector>

namespace rbxpipe::base {

/// The one closed set of failure categories; each decides an exit code, an HTTP status and retryability.
enum class ErrorCode {
  invalid_input,        ///< the user's input is malformed or inconsistent
  usage,                ///< a command line that cannot be understood
  not_found,            ///< a named thing does not exist
  already_exists,       ///< creating something that is already there
  conflict,             ///< the state changed underneath us (lock held, version mismatch)
  precondition_failed,  ///< an operation's stated precondition does not hold
  too_large,            ///< an input or response exceeds a limit
  unsupported,          ///< a valid request for something rbxpipe does not do
  unauthenticated,      ///< missing, invalid or expired credentials
  forbidden,            ///< valid credentials without the permission needed
  quota_exceeded,       ///< a tenant's daily or storage quota is used up
  rate_limited,         ///< a remote said slow down (429)
  unavailable,          ///< a remote could not be reached or answered 5xx
  timeout,              ///< an operation did not finish in its time
  cancelled,            ///< the operation was cancelled by the user or a shutdown
  io_error,             ///< a local file or database operation failed
  internal,             ///< a bug in rbxpipe
};

/// Stable snake_case name of a code, as printed in JSON (`"invalid_input"`).
std::string_view error_code_name(ErrorCode code);

/// Process exit code for a failure of this kind (CONTRACTS.md §4: 1 failed, 2 invalid input, 3 usage, 4 auth, 5 remote).
int exit_code_for(ErrorCode code);

/// HTTP status the server answers with for a failure of this kind.
int http_status_for(ErrorCode code);

/// True when repeating the same request later may succeed (rate limits, outages, timeouts).
bool is_retryable(ErrorCode code);

/// A failure: its category, a message and the chain of what was being done, outermost first.
class Error {
 public:
  /// An error of `code` saying `message`.
  Error(ErrorCode code, std::string message);

  /// Returns this error with `what` ("upload asset 'images/volcano.png'") added as the outermost context.
  [[nodiscard]] Error with_context(std::string what) &&;
  /// Copying variant of with_context.
  [[nodiscard]] Error with_context(std::string what) const&;

  /// The category.
  ErrorCode code() const { return m_code; }
  /// The innermost message, without context.
  const std::string& message() const { return m_message; }
  /// The context chain, outermost first.
  const std::vector<std::string>& context() const { return m_context; }
  /// "context: context: message", ready for a user.
  std::string to_string() const;

 private:
  ErrorCode m_code;
  std::string m_message;
  std::vector<std::string> m_context;
};

}  // namespace rbxpipe::base
