#include "cloud/fair_queue.h"

#include <algorithm>

namespace rbxpipe::cloud {

FairQueue::Ticket FairQueue::push(const std::string& tenant) {
  const Ticket ticket = m_next++;
  auto lane = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const Lane& l) { return l.tenant == tenant; });
  if (lane == m_lanes.end()) {
    m_lanes.push_back(Lane{tenant, {}, 0});
    lane = std::prev(m_lanes.end());
  }
  lane->tickets.push_back(ticket);
  return ticket;
}

bool FairQueue::remove(Ticket ticket) {
  for (auto lane = m_lanes.begin(); lane != m_lanes.end(); ++lane) {
    auto found = std::find(lane->tickets.begin(), lane->tickets.end(), ticket);
    if (found == lane->tickets.end()) continue;
    lane->tickets.erase(found);
    if (lane->tickets.empty()) m_lanes.erase(lane);
    return true;
  }
  return false;
}

std::optional<FairQueue::Ticket> FairQueue::pop(const WeightOf& weight_of) {
  if (m_lanes.empty()) return std::nullopt;
  long long total = 0;
  Lane* richest = nullptr;
  for (Lane& lane : m_lanes) {
    const long long weight = std::max(1, weight_of ? weight_of(lane.tenant) : 1);
    lane.credit += weight;
    total += weight;
    if (richest == nullptr || lane.credit > richest->credit) richest = &lane;
  }
  richest->credit -= total;
  const Ticket ticket = richest->tickets.front();
  richest->tickets.pop_front();
  // A tenant with nothing left leaves the rotation with its credit: an idle tenant banks no share. Coming back
  // level costs at most one turn of drift, and a tenant re-queuing after every grant still gets its weighted share.
  if (richest->tickets.empty()) m_lanes.erase(m_lanes.begin() + (richest - m_lanes.data()));
  return ticket;
}

std::size_t FairQueue::size() const {
  std::size_t count = 0;
  for (const Lane& lane : m_lanes) count += lane.tickets.size();
  return count;
}

}  // namespace rbxpipe::cloud
