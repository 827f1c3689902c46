#pragma once
// Internal to cloud/emulator/: queued faults, first in first out per route, each used up after `times` hits unless
// it is an "always" fault.

#include <optional>
#include <string_view>
#include <vector>

#include "cloud/emulator/scenario.h"

namespace rbxpipe::cloud::emulator {

/// The queue.
class FaultQueue {
 public:
  /// Replaces the queue with `faults`.
  void assign(const std::vector<FaultSpec>& faults) { m_faults = faults; }
  /// Appends faults.
  void add(const std::vector<FaultSpec>& faults) { m_faults.insert(m_faults.end(), faults.begin(), faults.end()); }
  /// Drops every fault.
  void clear() { m_faults.clear(); }
  /// The fault that hits a request of `route` now, if any (consuming one use of it).
  std::optional<FaultSpec> take(std::string_view route);
  /// The faults still queued.
  const std::vector<FaultSpec>& pending() const { return m_faults; }

 private:
  std::vector<FaultSpec> m_faults;
};

}  // namespace rbxpipe::cloud::emulator
