#pragma once
// The Open Cloud resources rbxpipe reads, as plain values. Parsers accept every shape the service is known to send
// (ids as strings or numbers, enums long or short, fields missing while in progress).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rbxpipe::cloud {

/// Who owns an asset.
struct CreatorRef {
  enum class Kind { user, group } kind = Kind::group;  ///< a user or a group
  std::int64_t id = 0;                                 ///< the user or group id
};

/// Where moderation stands for an asset or a version.
enum class ModerationState { unknown, reviewing, approved, rejected };

/// "Reviewing", "Approved", ... for messages.
std::string_view moderation_state_name(ModerationState state);

/// An asset (Assets API v1).
struct Asset {
  std::int64_t asset_id = 0;            ///< assetId
  std::string asset_type;               ///< short form ("Image"), whether the service said ASSET_TYPE_IMAGE or Image
  std::string display_name;             ///< displayName
  std::string description;              ///< description
  std::int64_t revision_id = 0;         ///< revisionId (version number of the content)
  std::optional<CreatorRef> creator;    ///< creationContext.creator
  ModerationState moderation = ModerationState::unknown;  ///< moderationResult.moderationState
  std::string state;                    ///< "Active", "Archived" or empty
};

/// An error as Open Cloud reports it inside a resource (operation or task).
struct RemoteError {
  std::string code;     ///< "3", "INVALID_ARGUMENT", "SCRIPT_ERROR" (numbers kept as text)
  std::string message;  ///< the message
};

/// A long-running operation (asset create or update).
struct Operation {
  std::string operation_id;          ///< the id (from operationId or path)
  bool done = false;                 ///< false also when the service omitted `done`
  std::optional<Asset> response;     ///< the asset once done without error
  std::optional<RemoteError> error;  ///< the failure once done with an error
};

/// One version of an asset.
struct AssetVersion {
  std::int64_t asset_id = 0;                              ///< from the path
  std::int64_t version = 0;                               ///< from the path
  ModerationState moderation = ModerationState::unknown;  ///< moderationResult
  std::optional<bool> published;                         ///< places only
};

/// A page of versions, newest first.
struct AssetVersionPage {
  std::vector<AssetVersion> versions;  ///< this page
  std::string next_page_token;         ///< empty on the last page
};

/// A Luau execution task.
struct LuauTask {
  std::string path;                  ///< universes/u/places/p/versions/v/luau-execution-sessions/s/tasks/t
  std::string state;                 ///< QUEUED, PROCESSING, COMPLETE, FAILED, CANCELLED
  std::optional<RemoteError> error;  ///< for FAILED
  std::vector<std::string> results;  ///< output.results as JSON text each
  /// True for COMPLETE, FAILED and CANCELLED.
  bool finished() const { return state == "COMPLETE" || state == "FAILED" || state == "CANCELLED"; }
};

/// One asset quota.
struct AssetQuota {
  std::string quota_type;      ///< RATE_LIMIT_UPLOAD, ...
  std::string asset_type;      ///< AUDIO, VIDEO, ...
  std::int64_t usage = 0;      ///< used in the period
  std::int64_t capacity = 0;   ///< allowed in the period
  std::string period;          ///< MONTH, DAY
  std::string reset_time;      ///< usageResetTime
};

/// What API key introspection says about a key.
struct ApiKeyInfo {
  std::string name;                     ///< the key's name
  std::int64_t authorized_user_id = 0;  ///< the user whose permissions it carries
  bool enabled = false;                 ///< not disabled
  bool expired = false;                 ///< expired or auto-expired
  std::string expiration_time;          ///< expirationTimeUtc, may be empty
  /// One granted API system with its operations and where it applies.
  struct Scope {
    std::string name;                      ///< "asset", "universe-places", ...
    std::vector<std::string> operations;   ///< "read", "write"
    std::vector<std::string> universe_ids; ///< "*" or ids
    std::vector<std::string> group_ids;    ///< "*" or ids
    std::vector<std::string> user_ids;     ///< "*" or ids
  };
  std::vector<Scope> scopes;  ///< granted scopes
  /// True when the key grants `operation` on `system` ("asset", "write").
  bool allows(std::string_view system, std::string_view operation) const;
  /// True when the key may act on `universe` for `system` (universe lists absent or "*" allow all).
  bool allows_universe(std::string_view system, std::int64_t universe) const;
};

}  // namespace rbxpipe::cloud
