#include "cloud/emulator/world.h"

#include <array>
#include <cstdio>

#include "base/sha256.h"

namespace rbxpipe::cloud::emulator {

namespace {

// SplitMix64: a tiny, well-mixed generator, so the n-th UUID of a seed is a pure function of (seed, n) and a
// persisted counter is all a restart needs to continue the sequence.
std::uint64_t split_mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27U)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31U);
}

std::chrono::hours period_length(const std::string& period) {
  return period == "DAY" ? std::chrono::hours(24) : std::chrono::hours(24 * 30);
}

}  // namespace

std::string World::new_uuid() {
  ++uuid_count;
  std::uint64_t high = split_mix(seed * 0x100000001b3ULL + uuid_count * 2);
  std::uint64_t low = split_mix(seed * 0x100000001b3ULL + uuid_count * 2 + 1);
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32U),
                static_cast<unsigned>((high >> 16U) & 0xffffU), static_cast<unsigned>(high & 0xffffU),
                static_cast<unsigned>(low >> 48U), static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text.data();
}

std::string World::store_blob(std::string bytes) {
  std::string hash = base::sha256_hex(bytes);
  blobs.try_emplace(hash, std::move(bytes));
  return hash;
}

QuotaCounter* World::quota(const Scenario& scenario, std::int64_t user_id, const std::string& asset_type,
                           TimePoint now) {
  auto key = std::make_pair(user_id, asset_type);
  auto found = quotas.find(key);
  if (found == quotas.end()) {
    const QuotaSpec* spec = nullptr;
    for (const auto& candidate : scenario.assets.quotas) {
      if (candidate.asset_type != asset_type) continue;
      if (candidate.user_id == user_id) {
        spec = &candidate;
        break;
      }
      if (!candidate.user_id && spec == nullptr) spec = &candidate;
    }
    if (spec == nullptr) return nullptr;
    QuotaCounter counter{user_id,     asset_type, spec->period,
                         spec->capacity, spec->usage, now + period_length(spec->period)};
    found = quotas.emplace(key, counter).first;
  }
  QuotaCounter& counter = found->second;
  // Periods roll over from the first use, not at calendar boundaries (the docs say usageResetTime is not aligned).
  while (now >= counter.reset_at) {
    counter.usage = 0;
    counter.reset_at += period_length(counter.period);
  }
  return &counter;
}

World make_world(const Scenario& scenario) {
  World world;
  world.seed = scenario.seed;
  world.next_asset_id = scenario.assets.first_id;
  for (const auto& universe : scenario.universes) {
    world.universes.insert(universe.id);
    for (const auto& place : universe.places) {
      PlaceRecord record;
      record.id = place.id;
      record.universe_id = universe.id;
      record.team_create_locked = place.team_create_locked;
      for (int number = 1; number <= place.versions; ++number) {
        record.versions.push_back({number, false, "", 0, scenario.clock_start});
      }
      world.places.emplace(place.id, std::move(record));
    }
  }
  return world;
}

std::optional<std::string> asset_bytes(const World& world, std::int64_t id, int version) {
  auto asset = world.assets.find(id);
  if (asset == world.assets.end()) return std::nullopt;
  for (const auto& record : asset->second.versions) {
    if (version == 0 ? &record == &asset->second.versions.back() : record.number == version) {
      auto blob = world.blobs.find(record.sha256);
      if (blob != world.blobs.end()) return blob->second;
    }
  }
  return std::nullopt;
}

std::optional<std::string> place_bytes(const World& world, std::int64_t id, int version) {
  auto place = world.places.find(id);
  if (place == world.places.end() || place->second.versions.empty()) return std::nullopt;
  int wanted = version == 0 ? place->second.latest() : version;
  for (const auto& record : place->second.versions) {
    if (record.number != wanted) continue;
    auto blob = world.blobs.find(record.sha256);
    if (blob != world.blobs.end()) return blob->second;
  }
  return std::nullopt;
}

std::string moderation_state(const AssetVersionRecord& version, TimePoint now) {
  if (version.moderation == "Reviewing" || now < version.moderation_at) return "Reviewing";
  return version.moderation;
}

}  // namespace rbxpipe::cloud::emulator
