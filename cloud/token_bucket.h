#pragma once
// TokenBucket: the arithmetic of one rate-limit bucket, with time passed in (no clock, no locking), so the limiter
// and its tests can drive it step by step. Internal to cloud/.

#include <chrono>
#include <optional>

namespace rbxpipe::cloud {

/// One bucket: `capacity` tokens, refilled continuously at capacity/window, with server corrections.
class TokenBucket {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  /// A full bucket at `now`.
  TokenBucket(double capacity, std::chrono::nanoseconds window, TimePoint now);

  /// Takes one token when one is available at `now` and the bucket is not blocked.
  bool try_take(TimePoint now);
  /// The earliest time try_take may succeed (`now` when it would now).
  TimePoint next_available(TimePoint now);
  /// Caps the tokens at the server's `remaining`; with `reset`, no refill happens before now+reset, when the bucket
  /// becomes full (the server's window has reset).
  void correct(int remaining, std::optional<std::chrono::nanoseconds> reset, TimePoint now);
  /// Lowers the capacity (never raises it) to what the server says the limit is.
  void lower_capacity(double capacity, TimePoint now);
  /// Empties the bucket and takes nothing before now+wait.
  void block(std::chrono::nanoseconds wait, TimePoint now);
  /// Tokens at `now` (fractional).
  double tokens(TimePoint now);
  /// The current capacity.
  double capacity() const { return m_capacity; }

 private:
  void refill(TimePoint now);

  double m_capacity;
  std::chrono::nanoseconds m_window;
  double m_tokens;
  TimePoint m_last;
  std::optional<TimePoint> m_full_at;
  TimePoint m_blocked_until;
};

}  // namespace rbxpipe::cloud
