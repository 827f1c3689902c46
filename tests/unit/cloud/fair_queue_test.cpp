#include "cloud/fair_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace rbxpipe::cloud {
namespace {

std::string serve(FairQueue& queue, const std::map<FairQueue::Ticket, std::string>& owner_of,
                  const FairQueue::WeightOf& weights, int count) {
  std::string order;
  for (int i = 0; i < count; ++i) {
    auto ticket = queue.pop(weights);
    if (!ticket) break;
    order += owner_of.at(*ticket);
  }
  return order;
}

TEST(FairQueue, ServesTenantsInProportionToWeightInterleaved) {
  FairQueue queue;
  std::map<FairQueue::Ticket, std::string> owner_of;
  for (int i = 0; i < 12; ++i) owner_of[queue.push("a")] = "A";
  for (int i = 0; i < 12; ++i) owner_of[queue.push("b")] = "B";
  const auto weights = [](const std::string& tenant) { return tenant == "a" ? 3 : 1; };
  EXPECT_EQ(serve(queue, owner_of, weights, 8), "AABAAABA");
}

TEST(FairQueue, EqualWeightsAlternateSoALargeJobCannotStarveASmallOne) {
  FairQueue queue;
  std::map<FairQueue::Ticket, std::string> owner_of;
  for (int i = 0; i < 100; ++i) owner_of[queue.push("lesson")] = "L";
  owner_of[queue.push("deploy")] = "D";
  owner_of[queue.push("deploy")] = "D";
  EXPECT_EQ(serve(queue, owner_of, {}, 5), "LDLDL");
}

TEST(FairQueue, IsFirstInFirstOutWithinATenant) {
  FairQueue queue;
  const auto first = queue.push("a");
  const auto second = queue.push("a");
  const auto third = queue.push("a");
  EXPECT_EQ(queue.pop({}), first);
  EXPECT_EQ(queue.pop({}), second);
  EXPECT_EQ(queue.pop({}), third);
  EXPECT_TRUE(queue.empty());
}

TEST(FairQueue, RemovedTicketsAreNeverServed) {
  FairQueue queue;
  const auto kept = queue.push("a");
  const auto dropped = queue.push("b");
  EXPECT_TRUE(queue.remove(dropped));
  EXPECT_FALSE(queue.remove(dropped));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.pop({}), kept);
  EXPECT_FALSE(queue.pop({}));
}

TEST(FairQueue, ATenantWithOneRequestAtATimeKeepsItsWeightedShare) {
  // A job that re-queues right after each grant is empty for a moment every time; its share must still follow its
  // weight (1 against 3), not become an equal turn.
  FairQueue queue;
  std::map<FairQueue::Ticket, std::string> owner_of;
  for (int i = 0; i < 40; ++i) owner_of[queue.push("big")] = "B";
  const auto weights = [](const std::string& tenant) { return tenant == "big" ? 3 : 1; };
  bool small_waiting = false;
  std::string order;
  for (int i = 0; i < 16; ++i) {
    if (!small_waiting) owner_of[queue.push("small")] = "S";
    const std::string served = owner_of.at(*queue.pop(weights));
    small_waiting = served != "S";
    order += served;
  }
  EXPECT_EQ(std::count(order.begin(), order.end(), 'S'), 4) << order;
}

}  // namespace
}  // namespace rbxpipe::cloud
