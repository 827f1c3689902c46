#include "cloud/emulator/emulator.h"

#include "cloud/emulator/http_front.h"
#include "cloud/emulator/service.h"

namespace rbxpipe::cloud::emulator {

namespace {

constexpr const char* k_host = "127.0.0.1";

// The clock of a scenario with "clock": {"mode": "manual"}: time moves only through POST /_emulator/clock.
class ManualClock final : public base::Clock {
 public:
  explicit ManualClock(std::chrono::system_clock::time_point start) : m_wall(start) {}
  std::chrono::system_clock::time_point now() const override {
    std::lock_guard lock(m_mutex);
    return m_wall;
  }
  std::chrono::steady_clock::time_point monotonic() const override {
    std::lock_guard lock(m_mutex);
    return m_monotonic;
  }
  void sleep_for(std::chrono::nanoseconds duration) override {
    std::lock_guard lock(m_mutex);
    m_wall += std::chrono::duration_cast<std::chrono::system_clock::duration>(duration);
    m_monotonic += std::chrono::duration_cast<std::chrono::steady_clock::duration>(duration);
  }

 private:
  mutable std::mutex m_mutex;
  std::chrono::system_clock::time_point m_wall;
  std::chrono::steady_clock::time_point m_monotonic{};
};

AssetSnapshot snapshot(const AssetRecord& asset, TimePoint now) {
  const auto& latest = asset.versions.back();
  return {asset.id, asset.type, asset.display_name, asset.creator.key(), latest.number,
          asset.archived, moderation_state(latest, now), latest.sha256};
}

}  // namespace

struct Emulator::Impl {
  std::unique_ptr<ManualClock> own_clock;
  std::unique_ptr<Service> service;
  std::unique_ptr<HttpFront> front;
  int port = 0;
};

Emulator::Emulator(Scenario scenario, EmulatorOptions options) : m_impl(std::make_unique<Impl>()) {
  base::Clock* clock = options.clock;
  bool fake = clock != nullptr;
  if (clock == nullptr && scenario.clock == ClockMode::manual) {
    m_impl->own_clock = std::make_unique<ManualClock>(scenario.clock_start);
    clock = m_impl->own_clock.get();
    fake = true;
  }
  if (clock == nullptr) clock = &base::system_clock();
  m_impl->service = std::make_unique<Service>(std::move(scenario), *clock, fake, std::move(options.state_file));
}

Emulator::~Emulator() { stop(); }

base::Result<void> Emulator::start(int port) {
  if (m_impl->front) return base::Error(base::ErrorCode::conflict, "the emulator is already running");
  RBXPIPE_TRY(m_impl->service->load());
  Service* service = m_impl->service.get();
  auto front =
      std::make_unique<HttpFront>([service](Request request) { return service->dispatch(std::move(request)); });
  auto bound = front->start(k_host, port);
  if (!bound) return std::move(bound).error();
  m_impl->port = *bound;
  m_impl->front = std::move(front);
  return base::ok();
}

void Emulator::stop() {
  if (!m_impl->front) return;
  m_impl->front->stop();
  m_impl->front.reset();
}

int Emulator::port() const { return m_impl->port; }

std::string Emulator::base_url() const { return std::string("http://") + k_host + ":" + std::to_string(port()); }

std::optional<std::string> Emulator::asset_content(std::int64_t asset_id, int version) const {
  return m_impl->service->inspect([&](const World& world, TimePoint) { return asset_bytes(world, asset_id, version); });
}

std::optional<AssetSnapshot> Emulator::asset(std::int64_t asset_id) const {
  return m_impl->service->inspect([&](const World& world, TimePoint now) -> std::optional<AssetSnapshot> {
    auto found = world.assets.find(asset_id);
    if (found == world.assets.end()) return std::nullopt;
    return snapshot(found->second, now);
  });
}

std::vector<AssetSnapshot> Emulator::assets() const {
  return m_impl->service->inspect([&](const World& world, TimePoint now) {
    std::vector<AssetSnapshot> all;
    for (const auto& [id, asset] : world.assets) all.push_back(snapshot(asset, now));
    return all;
  });
}

std::optional<int> Emulator::live_place_version(std::int64_t place_id) const {
  return m_impl->service->inspect([&](const World& world, TimePoint) -> std::optional<int> {
    auto found = world.places.find(place_id);
    if (found == world.places.end()) return std::nullopt;
    return found->second.live_version;
  });
}

std::optional<std::string> Emulator::live_place_sha256(std::int64_t place_id) const {
  return m_impl->service->inspect([&](const World& world, TimePoint) -> std::optional<std::string> {
    auto found = world.places.find(place_id);
    if (found == world.places.end() || !found->second.live_version) return std::nullopt;
    for (const auto& version : found->second.versions) {
      if (version.number == *found->second.live_version) return version.sha256;
    }
    return std::nullopt;
  });
}

std::vector<PlaceVersionSnapshot> Emulator::place_versions(std::int64_t place_id) const {
  return m_impl->service->inspect([&](const World& world, TimePoint) {
    std::vector<PlaceVersionSnapshot> versions;
    auto found = world.places.find(place_id);
    if (found == world.places.end()) return versions;
    for (const auto& version : found->second.versions) {
      versions.push_back({version.number, version.published, version.sha256, version.size});
    }
    return versions;
  });
}

std::optional<std::string> Emulator::place_content(std::int64_t place_id, int version) const {
  return m_impl->service->inspect([&](const World& world, TimePoint) { return place_bytes(world, place_id, version); });
}

std::vector<RequestRecord> Emulator::request_log() const { return m_impl->service->request_log(); }

std::vector<RestartCall> Emulator::restart_calls() const {
  return m_impl->service->inspect([](const World& world, TimePoint) { return world.restarts; });
}

void Emulator::add_faults(const std::vector<FaultSpec>& faults) { m_impl->service->add_faults(faults); }

void Emulator::clear_faults() { m_impl->service->clear_faults(); }

void Emulator::reset() { m_impl->service->reset(); }

std::string Emulator::state_json() const { return m_impl->service->state_json(); }

const Scenario& Emulator::scenario() const { return m_impl->service->scenario(); }

}  // namespace rbxpipe::cloud::emulator
