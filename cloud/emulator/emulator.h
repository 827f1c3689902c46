#pragma once
// Emulator: a local, deterministic Open Cloud (Assets, Place Publishing, Luau Execution, restartServers, asset
// quotas, key introspection) served over HTTP/1.1 on 127.0.0.1, with scripted outcomes, rate limits, faults and
// inspection routes under /_emulator/. Tests drive it in-process; `rbxpipe emulate` runs it as a process.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "cloud/emulator/scenario.h"

namespace rbxpipe::cloud::emulator {

/// How an emulator is run.
struct EmulatorOptions {
  /// Time source. nullptr: the system clock, or the emulator's own manual clock when the scenario says so. An
  /// injected clock is treated as a fake: POST /_emulator/clock advances it through sleep_for.
  base::Clock* clock = nullptr;
  /// Where state persists: loaded at start when it exists, rewritten atomically after every change (uploaded bytes
  /// go to `<file>.blobs/<sha256>`). nullopt: memory only.
  std::optional<std::filesystem::path> state_file;
};

/// One request the emulator answered (control routes under /_emulator/ are not logged).
struct RequestRecord {
  int sequence = 0;      ///< 1, 2, 3... in arrival order
  std::string method;    ///< GET, POST, ...
  std::string path;      ///< path without the query
  std::string route;     ///< route name ("assets.create"), empty when no route matched
  int status = 0;        ///< status sent; 0 when the connection was reset
  std::string fault;     ///< the fault applied ("reset", "status_500"...), empty for none
  std::string owner;     ///< rate-limit owner ("group:1"), empty when unauthenticated
  std::chrono::system_clock::time_point time;  ///< emulator clock time of arrival
};

/// An asset as it stands.
struct AssetSnapshot {
  std::int64_t id = 0;            ///< asset id
  std::string type;               ///< Image, Audio, Model...
  std::string display_name;       ///< current displayName
  std::string creator;            ///< "user:42" / "group:1"
  int revision = 0;               ///< latest version number
  bool archived = false;          ///< archived via :archive
  std::string moderation_state;   ///< Reviewing, Approved or Rejected (latest version, now)
  std::string sha256;             ///< latest version's content hash
};

/// One version of a place.
struct PlaceVersionSnapshot {
  int number = 0;          ///< versionNumber
  bool published = false;  ///< versionType=Published
  std::string sha256;      ///< content hash (empty for versions that existed before start)
  std::size_t size = 0;    ///< bytes
};

/// One restartServers call.
struct RestartCall {
  std::int64_t universe_id = 0;            ///< the universe
  std::vector<std::int64_t> place_ids;     ///< placeIds (empty: all places)
  bool close_all_versions = false;         ///< closeAllVersions
  bool bleed_off_servers = false;          ///< bleedOffServers
  std::optional<int> bleed_off_minutes;    ///< bleedOffDurationMinutes
  std::chrono::system_clock::time_point time;  ///< when it was called
};

/// The emulator. Inspection methods are thread-safe and may be called while it serves.
class Emulator {
 public:
  /// An emulator serving `scenario` (not yet listening).
  explicit Emulator(Scenario scenario, EmulatorOptions options = {});
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  /// Loads the state file (when given) and serves on 127.0.0.1:`port` in background threads; 0 picks a free port.
  base::Result<void> start(int port = 0);
  /// Stops serving and waits for the threads (also done by the destructor).
  void stop();
  /// The port it listens on (0 before start).
  int port() const;
  /// "http://127.0.0.1:<port>".
  std::string base_url() const;

  /// Bytes of an asset version (0: the latest), or nullopt.
  std::optional<std::string> asset_content(std::int64_t asset_id, int version = 0) const;
  /// One asset, or nullopt.
  std::optional<AssetSnapshot> asset(std::int64_t asset_id) const;
  /// Every asset, by id.
  std::vector<AssetSnapshot> assets() const;
  /// The version players get (the last Published one), or nullopt.
  std::optional<int> live_place_version(std::int64_t place_id) const;
  /// SHA-256 (hex) of the live version's content, or nullopt.
  std::optional<std::string> live_place_sha256(std::int64_t place_id) const;
  /// Every version of a place, oldest first.
  std::vector<PlaceVersionSnapshot> place_versions(std::int64_t place_id) const;
  /// Bytes of a place version (0: the latest), or nullopt.
  std::optional<std::string> place_content(std::int64_t place_id, int version = 0) const;
  /// Every request answered so far.
  std::vector<RequestRecord> request_log() const;
  /// Every restartServers call so far.
  std::vector<RestartCall> restart_calls() const;
  /// Queues faults after those already queued.
  void add_faults(const std::vector<FaultSpec>& faults);
  /// Drops every queued fault.
  void clear_faults();
  /// Back to the scenario's initial state: assets, places, tasks, budgets, faults and the log.
  void reset();
  /// The whole state as GET /_emulator/state returns it (JSON text).
  std::string state_json() const;
  /// The scenario it serves.
  const Scenario& scenario() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace rbxpipe::cloud::emulator
