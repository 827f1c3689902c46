#pragma once
// Internal to cloud/emulator/: the emulated service behind the HTTP front: routing, authentication, budgets,
// faults, the request log, persistence and the /_emulator/ control routes. One mutex guards all of it.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "cloud/emulator/emulator.h"
#include "cloud/emulator/exchange.h"
#include "cloud/emulator/fault_queue.h"
#include "cloud/emulator/rate_buckets.h"
#include "cloud/emulator/routes.h"
#include "cloud/emulator/world.h"

namespace rbxpipe::cloud::emulator {

/// The service.
class Service {
 public:
  /// A service for `scenario` timed by `clock`; `clock_is_fake` lets POST /_emulator/clock advance it.
  Service(Scenario scenario, base::Clock& clock, bool clock_is_fake, std::optional<std::filesystem::path> state_file);

  /// Loads the state file when it exists.
  base::Result<void> load();
  /// Answers one request.
  Dispatched dispatch(Request request);

  /// Runs `read` on the state under the lock.
  template <typename Read>
  auto inspect(Read read) const {
    std::lock_guard lock(m_mutex);
    return read(m_world, m_clock.now());
  }
  /// Every request answered so far.
  std::vector<RequestRecord> request_log() const;
  /// Queues faults.
  void add_faults(const std::vector<FaultSpec>& faults);
  /// Drops queued faults.
  void clear_faults();
  /// Back to the scenario's initial state.
  void reset();
  /// The state as JSON text (GET /_emulator/state).
  std::string state_json() const;
  /// The scenario.
  const Scenario& scenario() const { return m_scenario; }

 private:
  Dispatched dispatch_locked(Request& request);
  Dispatched apply_fault(const FaultSpec& fault, Response committed, int sequence);
  Response control(const Request& request);
  void reset_locked();
  void persist_locked();
  void log(const Request& request, const Route* route, int status, std::string fault, std::string owner);

  Scenario m_scenario;
  base::Clock& m_clock;
  bool m_clock_is_fake = false;
  std::optional<std::filesystem::path> m_state_file;
  std::vector<Route> m_routes;

  mutable std::mutex m_mutex;
  World m_world;
  RateBuckets m_buckets;
  FaultQueue m_faults;
  std::vector<RequestRecord> m_log;
  int m_sequence = 0;
};

}  // namespace rbxpipe::cloud::emulator
