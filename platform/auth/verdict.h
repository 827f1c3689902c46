#pragma once
// Verdict<T, Reason>: the outcome of an authentication check, either the value it vouches for or a refusal with a
// machine-readable reason and a message for people. Refusals are expected answers, not failures of the machinery.

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace rbxpipe::platform::auth {

/// A checked value, or the reason and message of its refusal.
template <typename T, typename Reason>
class [[nodiscard]] Verdict {
 public:
  /// An accepted verdict holding `value`.
  Verdict(T value) : m_value(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  /// A refusal for `reason`, explained by `message`.
  Verdict(Reason reason, std::string message) : m_reason(reason), m_message(std::move(message)) {}

  /// True when the value was accepted.
  bool ok() const { return m_value.has_value(); }
  /// Same as ok().
  explicit operator bool() const { return ok(); }
  /// The accepted value; only valid when ok().
  const T& value() const& {
    assert(ok());
    return *m_value;
  }
  /// The accepted value, moved out; only valid when ok().
  T&& value() && {
    assert(ok());
    return std::move(*m_value);
  }
  /// The accepted value; only valid when ok().
  const T& operator*() const& { return value(); }
  /// The accepted value; only valid when ok().
  const T* operator->() const { return &value(); }
  /// The refusal reason; only meaningful when !ok().
  Reason reason() const { return m_reason; }
  /// Why the value was refused ("token expired at 2026-01-01T00:00:00Z"); empty when ok().
  const std::string& message() const { return m_message; }

 private:
  std::optional<T> m_value;
  Reason m_reason{};
  std::string m_message;
};

}  // namespace rbxpipe::platform::auth
