#pragma once
// FairQueue: tickets of several tenants waiting on one bucket, served by smooth weighted round robin across tenants
// and first-in first-out within a tenant. Not thread-safe (the limiter locks around it). Internal to cloud/.

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rbxpipe::cloud {

/// Waiting tickets grouped by tenant.
class FairQueue {
 public:
  /// Identifies one waiting request.
  using Ticket = std::uint64_t;
  /// A tenant's weight (values below 1 count as 1).
  using WeightOf = std::function<int(const std::string& tenant)>;

  /// Queues a ticket for `tenant` behind that tenant's earlier tickets.
  Ticket push(const std::string& tenant);
  /// Withdraws a waiting ticket; false when it is not queued.
  bool remove(Ticket ticket);
  /// The ticket to serve next: each waiting tenant earns its weight, the richest (earliest on a tie) is served and
  /// pays the total, so over time tenants are served in proportion to their weights, interleaved.
  std::optional<Ticket> pop(const WeightOf& weight_of);
  /// True when nothing waits.
  bool empty() const { return m_lanes.empty(); }
  /// Number of waiting tickets.
  std::size_t size() const;

 private:
  struct Lane {
    std::string tenant;
    std::deque<Ticket> tickets;
    long long credit = 0;
  };

  std::vector<Lane> m_lanes;  // tenants with waiting tickets, in the order they started waiting
  Ticket m_next = 1;
};

}  // namespace rbxpipe::cloud
