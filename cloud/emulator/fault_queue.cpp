#include "cloud/emulator/fault_queue.h"

namespace rbxpipe::cloud::emulator {

std::optional<FaultSpec> FaultQueue::take(std::string_view route) {
  for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
    if (it->route != "*" && it->route != route) continue;
    // Only the first fault for this route is consulted: a later one waits its turn even while this one skips.
    if (it->skip > 0) {
      --it->skip;
      return std::nullopt;
    }
    FaultSpec hit = *it;
    if (!it->always && --it->times <= 0) m_faults.erase(it);
    return hit;
  }
  return std::nullopt;
}

}  // namespace rbxpipe::cloud::emulator
