#include "cloud/token_bucket.h"

#include <algorithm>
#include <cmath>

namespace rbxpipe::cloud {

namespace {
// Refill arithmetic in doubles leaves 0.999999... after sleeping exactly until the computed time; count it as whole.
constexpr double k_epsilon = 1e-9;
}  // namespace

TokenBucket::TokenBucket(double capacity, std::chrono::nanoseconds window, TimePoint now)
    : m_capacity(std::max(capacity, 1.0)),
      m_window(std::max(window, std::chrono::nanoseconds(1))),
      m_tokens(m_capacity),
      m_last(now),
      m_blocked_until(now) {}

void TokenBucket::refill(TimePoint now) {
  if (now <= m_last) return;
  if (m_full_at) {
    const TimePoint until = std::min(now, *m_full_at);
    m_tokens = std::min(m_capacity, m_tokens + static_cast<double>((until - m_last).count()) * m_fill_rate);
    m_last = until;
    if (now < *m_full_at) return;
    m_full_at.reset();
  }
  const double elapsed = static_cast<double>((now - m_last).count());
  m_tokens = std::min(m_capacity, m_tokens + elapsed * m_capacity / static_cast<double>(m_window.count()));
  m_last = now;
}

bool TokenBucket::try_take(TimePoint now) {
  refill(now);
  if (now < m_blocked_until || m_tokens < 1.0 - k_epsilon) return false;
  m_tokens = std::max(0.0, m_tokens - 1.0);
  return true;
}

TokenBucket::TimePoint TokenBucket::next_available(TimePoint now) {
  refill(now);
  TimePoint at = now;
  if (m_tokens < 1.0 - k_epsilon) {
    if (m_full_at && m_fill_rate > 0) {
      const double nanos = std::ceil((1.0 - m_tokens) / m_fill_rate);
      at = now + std::chrono::nanoseconds(static_cast<long long>(nanos));
      // Past the observed span the configured rate applies; either way a token is there by then.
      at = std::min(at, *m_full_at + std::chrono::nanoseconds(static_cast<long long>(
                                         std::ceil(static_cast<double>(m_window.count()) / m_capacity))));
    } else {
      const double missing = 1.0 - m_tokens;
      const double nanos = std::ceil(missing * static_cast<double>(m_window.count()) / m_capacity);
      at = now + std::chrono::nanoseconds(static_cast<long long>(nanos));
    }
  }
  return std::max(at, m_blocked_until);
}

void TokenBucket::correct(int remaining, std::optional<std::chrono::nanoseconds> reset, TimePoint now) {
  refill(now);
  m_tokens = std::min(m_tokens, static_cast<double>(std::max(remaining, 0)));
  // The latest answer describes the server's window best, so it replaces an earlier reset time.
  if (reset && remaining < m_capacity && reset->count() > 0) {
    m_full_at = now + *reset;
    m_fill_rate = (m_capacity - m_tokens) / static_cast<double>(reset->count());
  }
}

void TokenBucket::lower_capacity(double capacity, TimePoint now) {
  if (capacity < 1.0 || capacity >= m_capacity) return;
  refill(now);
  m_capacity = capacity;
  m_tokens = std::min(m_tokens, m_capacity);
}

void TokenBucket::block(std::chrono::nanoseconds wait, TimePoint now) {
  refill(now);
  m_tokens = 0;
  m_blocked_until = std::max(m_blocked_until, now + wait);
}

double TokenBucket::tokens(TimePoint now) {
  refill(now);
  return m_tokens;
}

}  // namespace rbxpipe::cloud
