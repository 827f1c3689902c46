#pragma once
// Internal to cloud/emulator/: everything the emulated service remembers (assets, operations, places, Luau tasks,
// quotas, restart calls, uploaded bytes). Guarded by the service's mutex; persisted by world_json.cpp.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cloud/emulator/emulator.h"
#include "cloud/emulator/scenario.h"

namespace rbxpipe::cloud::emulator {

using TimePoint = std::chrono::system_clock::time_point;

/// One version of an asset's content.
struct AssetVersionRecord {
  int number = 1;                          ///< 1, 2, ...
  std::string sha256;                      ///< content hash (key into World::blobs)
  std::size_t size = 0;                    ///< bytes
  std::string content_type;                ///< MIME it was uploaded with
  TimePoint created;                       ///< revisionCreateTime
  std::string moderation = "Approved";     ///< where moderation ends
  TimePoint moderation_at;                 ///< Reviewing until this time
};

/// One asset.
struct AssetRecord {
  std::int64_t id = 0;                              ///< asset id
  std::string type;                                 ///< Image, Decal, Audio, Model, Animation, Video, Mesh
  std::string display_name;                         ///< displayName
  std::string description;                          ///< description
  Owner creator;                                    ///< creationContext.creator
  bool archived = false;                            ///< state Archived
  std::string icon;                                 ///< icon (an asset path), may be empty
  std::string previews_json = "[]";                 ///< previews as JSON text
  std::map<std::string, std::string> social_links;  ///< "githubSocialLink" -> JSON text {title, uri}
  std::vector<AssetVersionRecord> versions;         ///< oldest first, never empty
};

/// One asset operation (create or content update).
struct OperationRecord {
  std::string id;            ///< UUID
  std::int64_t asset_id = 0; ///< the asset it produced or updated (0 when it fails)
  int revision = 0;          ///< the version it produced
  TimePoint created;         ///< when it started
  int polls = 0;             ///< GETs seen so far
  OperationSpec spec;        ///< how it plays out
};

/// One place version.
struct PlaceVersionRecord {
  int number = 0;            ///< versionNumber
  bool published = false;    ///< Published rather than Saved
  std::string sha256;        ///< content hash (empty for versions that existed before start)
  std::size_t size = 0;      ///< bytes
  TimePoint created;         ///< when it was published
};

/// One place.
struct PlaceRecord {
  std::int64_t id = 0;                       ///< place id
  std::int64_t universe_id = 0;              ///< owning universe
  bool team_create_locked = false;           ///< publishes answer 409
  std::vector<PlaceVersionRecord> versions;  ///< oldest first
  std::optional<int> live_version;           ///< the last Published version
  /// The newest version number (0 when there is none).
  int latest() const { return versions.empty() ? 0 : versions.back().number; }
};

/// One Luau execution task.
struct TaskRecord {
  std::string path;             ///< universes/u/places/p/versions/v/luau-execution-sessions/s/tasks/t
  std::int64_t universe_id = 0; ///< universe
  std::int64_t place_id = 0;    ///< place
  int version = 0;              ///< place version it runs against
  std::string script;           ///< the script
  std::string timeout;          ///< "300s"
  std::int64_t user_id = 0;     ///< key's user
  TimePoint created;            ///< createTime
  TimePoint updated;            ///< updateTime
  int polls = 0;                ///< GETs seen so far
  std::string state = "QUEUED"; ///< current state
  std::optional<TimePoint> finished;  ///< when it reached a terminal state
  LuauOutcomeSpec outcome;      ///< how it plays out
};

/// An upload quota counter of one user and asset type.
struct QuotaCounter {
  std::int64_t user_id = 0;   ///< user
  std::string asset_type;     ///< Audio, Video
  std::string period;         ///< MONTH or DAY
  int capacity = 0;           ///< uploads per period
  int usage = 0;              ///< used this period
  TimePoint reset_at;         ///< when usage returns to 0
};

/// The whole remembered state.
struct World {
  std::map<std::int64_t, AssetRecord> assets;            ///< by id
  std::map<std::string, OperationRecord> operations;     ///< by UUID
  std::set<std::int64_t> universes;                      ///< known universe ids
  std::map<std::int64_t, PlaceRecord> places;            ///< by place id
  std::map<std::string, TaskRecord> tasks;               ///< by path
  std::vector<RestartCall> restarts;                     ///< restartServers calls
  std::map<std::pair<std::int64_t, std::string>, QuotaCounter> quotas;  ///< by (user, asset type)
  std::map<std::string, std::string> blobs;              ///< sha256 -> bytes
  std::int64_t next_asset_id = 1;                        ///< id of the next asset
  std::uint64_t seed = 1;                                ///< UUID seed
  std::uint64_t uuid_count = 0;                          ///< UUIDs generated so far

  /// A deterministic version-4 UUID: the next one for this seed.
  std::string new_uuid();
  /// Stores bytes under their SHA-256 and returns the hash.
  std::string store_blob(std::string bytes);
  /// The quota counter of a user and type, created from the scenario on first use and reset when its period ended;
  /// nullptr when the scenario sets no quota for that type.
  QuotaCounter* quota(const Scenario& scenario, std::int64_t user_id, const std::string& asset_type, TimePoint now);
};

/// The initial world of a scenario.
World make_world(const Scenario& scenario);

/// Bytes of an asset version (0: the latest), or nullopt.
std::optional<std::string> asset_bytes(const World& world, std::int64_t asset_id, int version);
/// Bytes of a place version (0: the latest), or nullopt (also for versions that existed before start).
std::optional<std::string> place_bytes(const World& world, std::int64_t place_id, int version);

/// An asset version's moderation state at `now`: Reviewing until moderation_at, then its outcome.
std::string moderation_state(const AssetVersionRecord& version, TimePoint now);

}  // namespace rbxpipe::cloud::emulator
