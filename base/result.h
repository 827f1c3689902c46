#pragma once
// Result<T>: a value or an Error. Our own small expected-like type (std::expected is unusable under clang + GCC 12).

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.h"

namespace rbxpipe::base {

/// Holds either a T or an Error; converts implicitly from both so functions can `return value;` or `return error;`.
template <typename T>
class [[nodiscard]] Result {
 public:
  /// A successful result holding `value`.
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  /// A failed result holding `error`.
  Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  /// True when a value is held.
  bool ok() const { return m_state.index() == 0; }
  /// Same as ok().
  explicit operator bool() const { return ok(); }

  /// The value; only valid when ok().
  T& value() & { assert(ok()); return std::get<0>(m_state); }
  /// The value; only valid when ok().
  const T& value() const& { assert(ok()); return std::get<0>(m_state); }
  /// The value, moved out; only valid when ok().
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_state)); }
  /// The value or `fallback` when failed.
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

  /// The error; only valid when !ok().
  const Error& error() const& { assert(!ok()); return std::get<1>(m_state); }
  /// The error, moved out; only valid when !ok().
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(m_state)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> m_state;
};

/// Result<void>: success with nothing to carry, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  /// Success.
  Result() = default;
  /// Failure.
  Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT(google-explicit-constructor)

  /// True on success.
  bool ok() const { return !m_failed; }
  /// Same as ok().
  explicit operator bool() const { return ok(); }
  /// The error; only valid when !ok().
  const Error& error() const& { assert(m_failed); return m_error; }
  /// The error, moved out; only valid when !ok().
  Error&& error() && { assert(m_failed); return std::move(m_error); }

 private:
  Error m_error{ErrorCode::internal, {}};
  bool m_failed = false;
};

/// Shorthand for a successful Result<void>.
inline Result<void> ok() { return {}; }

}  // namespace rbxpipe::base

/// Evaluates a Result-returning expression; on failure returns its error from the enclosing function.
#define RBXPIPE_TRY(expr)                                  \
  do {                                                     \
    auto rbxpipe_try_result_ = (expr);                     \
    if (!rbxpipe_try_result_) return std::move(rbxpipe_try_result_).error(); \
  } while (false)
