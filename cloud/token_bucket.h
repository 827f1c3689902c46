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
  /// Caps the tokens at the server's `remaining`; with `reset`, tokens accrue at the rate that would make the
  /// server full at now+reset (its own rate when it refills continuously; conservative for fixed windows), after
  /// which the configured rate applies again.
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
  std::optional<TimePoint> m_full_at;  // while set, tokens accrue at m_fill_rate (the server's observed rate)
  double m_fill_rate = 0;               // tokens per nanosecond until m_full_at
  TimePoint m_blocked_until;
};

}  // namespace rbxpipe::cloud
