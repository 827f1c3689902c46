#pragma once
// Project: rbxpipe.json and lesson.json as typed values (CONTRACTS.md §2-3), ready for every stage.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/lesson.h"

namespace rbxpipe::pipeline {

/// Where the lesson data goes and whether the Luau runtime is injected.
struct LessonConfig {
  std::string file = "lesson/lesson.json";              ///< lesson.json, relative to the project root
  std::string public_path = "ReplicatedStorage.Lesson";  ///< client-readable modules (Data, translations)
  std::string server_path = "ServerStorage.LessonAnswers";  ///< the answer key, server only
  bool runtime = true;                                   ///< inject luau/runtime/ modules
};

/// One named group of asset inputs ("images", "audio", "models").
struct AssetGroupConfig {
  std::string name;              ///< the group's key in rbxpipe.json
  std::string glob;              ///< files it takes, relative to the project root
  int max_size = 1024;           ///< images: warn above, downscale to this many pixels per side
  bool bleed = true;             ///< images: bleed colour into transparent pixels
  bool pack = false;             ///< images: pack into spritesheets
  bool update_in_place = false;  ///< models: one asset per input, updated by new versions
  int sheet_size = 1024;         ///< packed images: the largest spritesheet side, pixels
  int padding = 2;               ///< packed images: pixels of repeated edge around each image in a sheet
};

/// How the Assets module is generated.
struct CodegenConfig {
  std::string module = "ReplicatedStorage.Assets";  ///< instance path of the generated ModuleScript
  std::string style = "nested";                     ///< "nested" by folder or "flat"
  std::optional<std::string> luau_file;             ///< also write the module to this file
  std::optional<std::string> typescript_file;       ///< also write a .d.ts here
};

/// External Luau tools to run and their time limit.
struct LuauConfig {
  std::vector<std::string> analyzers;  ///< "luau-analyze", "selene", "stylua"
  int timeout_s = 60;                  ///< per tool run
};

/// The Roblox creator that owns uploaded assets.
struct Creator {
  enum class Kind { user, group } kind = Kind::group;  ///< a user or a group
  std::int64_t id = 0;                                 ///< the user or group id
};

/// Where the API key of an environment comes from (never the key itself).
struct ApiKeyRef {
  enum class Kind { none, env, secret } kind = Kind::none;  ///< no reference, an environment variable or a keystore entry
  std::string name;                                         ///< the variable or secret name
};

/// One deploy target.
struct EnvironmentConfig {
  std::string name;                           ///< its key in rbxpipe.json
  std::int64_t universe = 0;                  ///< the experience (universe) id
  std::int64_t place = 0;                     ///< the place id published to
  Creator creator;                            ///< owner of the uploaded assets
  ApiKeyRef api_key;                          ///< where the Open Cloud key comes from
  std::optional<std::string> open_cloud_url;  ///< empty: the real service
  std::optional<std::string> smoke_test;      ///< Luau script run through Luau Execution before going live
  int moderation_wait_s = 120;                ///< how long to wait for asset moderation
  bool moderation_proceed_on_timeout = false; ///< "proceed" instead of "fail" when the wait runs out
  bool restart_servers = true;                ///< restart servers running older versions after publishing
  bool is_protected = false;                  ///< deploying needs deploy:protected
};

/// rbxpipe.json, with defaults filled in.
struct ProjectConfig {
  std::string name;                                    ///< lesson id
  std::string version;                                 ///< semantic version of the content
  std::string tenant = "local";                        ///< owning tenant
  std::string project_file = "default.project.json";  ///< the Rojo project it builds
  std::optional<LessonConfig> lesson;                  ///< lesson data, when present
  std::vector<AssetGroupConfig> assets;                ///< asset groups in file order
  CodegenConfig codegen;                               ///< Assets module generation
  LuauConfig luau;                                     ///< external analyzers
  std::optional<std::string> default_env;              ///< the environment used without --env
  std::vector<EnvironmentConfig> environments;         ///< deploy targets in file order

  /// The environment called `name`, or nullptr.
  const EnvironmentConfig* find_environment(const std::string& env_name) const;
  /// `requested` when given, else default_env, else the only environment; nullptr when none applies.
  const EnvironmentConfig* select_environment(const std::optional<std::string>& requested) const;
};

/// A loaded project: where it lives, its configuration and its lesson data.
struct Project {
  std::filesystem::path root;         ///< the project folder
  std::filesystem::path config_file;  ///< rbxpipe.json, or empty for a bare Rojo project
  ProjectConfig config;               ///< the parsed configuration
  std::optional<Lesson> lesson;       ///< the parsed lesson, when configured and valid

  /// `root / relative`.
  std::filesystem::path resolve(const std::string& relative) const { return root / relative; }
};

}  // namespace rbxpipe::pipeline
