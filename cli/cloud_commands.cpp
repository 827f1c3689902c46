// `rbxpipe cloud ...`: low-level Open Cloud calls printing JSON, for scripts and for checking a key or a setup.
// The API key comes from an environment variable (--api-key-env NAME, default RBXPIPE_API_KEY), never an argument.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "cli/command.h"
#include "cloud/assets_api.h"
#include "cloud/client.h"
#include "cloud/luau_api.h"
#include "cloud/operations_api.h"
#include "cloud/places_api.h"
#include "cloud/universes_api.h"

namespace rbxpipe::cli {
namespace {

using nlohmann::ordered_json;

struct CloudOptions {
  std::string api_key_env = "RBXPIPE_API_KEY";
  std::string url;  // empty: RBXPIPE_OPEN_CLOUD_URL, else the real service
};

// One field set per subcommand, filled by CLI11.
struct CloudArguments {
  std::string file, type = "Image", name, description = "Uploaded by rbxpipe", script_file;
  std::int64_t group = 0, user = 0, universe = 0, place = 0, asset = 0, version = 0;
  bool published = false, wait = true, include_logs = true, poll = false;
  std::string operation;
};

int fail(const base::Error& error) {
  ordered_json out{{"ok", false}, {"error", {{"code", base::error_code_name(error.code())}, {"message", error.to_string()}}}};
  if (cloud::request_may_have_arrived(error)) out["error"]["possibly_created"] = true;
  std::cout << out.dump(2) << '\n';
  return base::exit_code_for(error.code());
}

int succeed(ordered_json result) {
  ordered_json out{{"ok", true}};
  for (auto& [key, value] : result.items()) out[key] = value;
  std::cout << out.dump(2) << '\n';
  return k_exit_ok;
}

base::Result<std::unique_ptr<cloud::OpenCloudClient>> make_client(const CloudOptions& options) {
  const char* key = std::getenv(options.api_key_env.c_str());
  if (key == nullptr || *key == '\0')
    return base::Error{base::ErrorCode::unauthenticated,
                       "no API key: set " + options.api_key_env + " (or name another variable with --api-key-env)"};
  cloud::ClientOptions client;
  client.base_url = cloud::resolve_base_url(options.url.empty() ? std::nullopt : std::optional<std::string>(options.url));
  client.api_key = key;
  return std::make_unique<cloud::OpenCloudClient>(std::move(client));
}

ordered_json asset_json(const cloud::Asset& asset) {
  ordered_json out{{"asset_id", asset.asset_id},   {"asset_type", asset.asset_type},
                   {"display_name", asset.display_name}, {"revision", asset.revision_id},
                   {"moderation", cloud::moderation_state_name(asset.moderation)}};
  if (!asset.state.empty()) out["state"] = asset.state;
  return out;
}

ordered_json operation_json(const cloud::Operation& operation) {
  ordered_json out{{"operation_id", operation.operation_id}, {"done", operation.done}};
  if (operation.response) out["asset"] = asset_json(*operation.response);
  if (operation.error) out["remote_error"] = {{"code", operation.error->code}, {"message", operation.error->message}};
  return out;
}

int create_asset(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  auto bytes = base::read_file(args.file, std::size_t{30'000'000});
  if (!bytes) return fail(bytes.error());
  if ((args.group == 0) == (args.user == 0))
    return fail(base::Error{base::ErrorCode::usage, "give exactly one of --group and --user"});
  cloud::AssetUpload upload;
  upload.asset_type = args.type;
  std::filesystem::path path(args.file);
  upload.display_name = args.name.empty() ? path.stem().string() : args.name;
  upload.description = args.description;
  upload.creator = args.group != 0 ? cloud::CreatorRef{cloud::CreatorRef::Kind::group, args.group}
                                   : cloud::CreatorRef{cloud::CreatorRef::Kind::user, args.user};
  upload.file_name = path.filename().string();
  upload.content_type = cloud::content_type_for_file(upload.file_name);
  upload.content = std::move(bytes).value();
  cloud::AssetsApi assets(**client);
  auto operation = assets.create(upload);
  if (!operation) return fail(operation.error());
  if (args.wait && !operation->done) {
    cloud::OperationsApi operations(**client);
    auto finished = operations.wait(operation->operation_id);
    if (!finished) return fail(finished.error());
    operation = std::move(finished);
  }
  return succeed(operation_json(*operation));
}

int publish_place(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  auto bytes = base::read_file(args.file, std::size_t{110} << 20);
  if (!bytes) return fail(bytes.error());
  bool binary = std::filesystem::path(args.file).extension() == ".rbxl";
  cloud::PlacesApi places(**client);
  auto version = places.publish(args.universe, args.place, *bytes, binary,
                                args.published ? cloud::PlaceVersionType::published : cloud::PlaceVersionType::saved);
  if (!version) return fail(version.error());
  return succeed({{"universe_id", args.universe}, {"place_id", args.place}, {"version_number", *version},
                  {"version_type", args.published ? "Published" : "Saved"}});
}

int run_luau(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  auto script = base::read_file(args.script_file, std::size_t{4} << 20);
  if (!script) return fail(script.error());
  cloud::LuauApi luau(**client);
  auto task = luau.create_task(args.universe, args.place,
                               args.version != 0 ? std::optional<std::int64_t>(args.version) : std::nullopt, *script);
  if (!task) return fail(task.error());
  auto finished = luau.wait_task(task->path);
  if (!finished) return fail(finished.error());
  ordered_json out{{"path", finished->path}, {"state", finished->state}};
  if (finished->error) out["remote_error"] = {{"code", finished->error->code}, {"message", finished->error->message}};
  out["results"] = ordered_json::array();
  for (const auto& result : finished->results) out["results"].push_back(ordered_json::parse(result, nullptr, false));
  if (args.include_logs) {
    auto logs = luau.logs(finished->path);
    if (!logs) return fail(logs.error());
    out["logs"] = *logs;
  }
  int code = succeed(out);
  return finished->state == "COMPLETE" ? code : k_exit_failed;
}

int rollback_asset(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  cloud::AssetsApi assets(**client);
  auto version = assets.rollback(args.asset, args.version);
  if (!version) return fail(version.error());
  return succeed({{"asset_id", version->asset_id}, {"version", version->version},
                  {"moderation", cloud::moderation_state_name(version->moderation)}});
}

int introspect(const CloudOptions& options) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  auto info = cloud::introspect_api_key(**client);
  if (!info) return fail(info.error());
  ordered_json scopes = ordered_json::array();
  for (const auto& scope : info->scopes)
    scopes.push_back({{"name", scope.name}, {"operations", scope.operations}, {"universe_ids", scope.universe_ids},
                      {"group_ids", scope.group_ids}, {"user_ids", scope.user_ids}});
  return succeed({{"name", info->name}, {"authorized_user_id", info->authorized_user_id}, {"enabled", info->enabled},
                  {"expired", info->expired}, {"expiration_time", info->expiration_time}, {"scopes", scopes}});
}

int get_asset(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  cloud::AssetsApi assets(**client);
  auto asset = assets.get(args.asset);
  if (!asset) return fail(asset.error());
  return succeed({{"asset", asset_json(*asset)}});
}

int get_operation(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  cloud::OperationsApi operations(**client);
  auto operation = args.poll ? operations.wait(args.operation) : operations.get(args.operation);
  if (!operation) return fail(operation.error());
  return succeed(operation_json(*operation));
}

int restart(const CloudOptions& options, const CloudArguments& args) {
  auto client = make_client(options);
  if (!client) return fail(client.error());
  auto done = cloud::restart_servers(**client, args.universe, {});
  if (!done) return fail(done.error());
  return succeed({{"universe_id", args.universe}, {"restarted", true}});
}

}  // namespace

void add_cloud_commands(CLI::App& app, CommandState& state) {
  auto options = std::make_shared<CloudOptions>();
  auto args = std::make_shared<CloudArguments>();
  auto* cloud = app.add_subcommand("cloud", "Low-level Open Cloud calls that print JSON (key from RBXPIPE_API_KEY)");
  cloud->require_subcommand(1);
  cloud->add_option("--api-key-env", options->api_key_env, "Environment variable holding the API key")
      ->capture_default_str();
  cloud->add_option("--open-cloud-url", options->url,
                    "Base URL (default: RBXPIPE_OPEN_CLOUD_URL, else https://apis.roblox.com)");

  auto* create = cloud->add_subcommand("create-asset", "Upload a file as a new asset and wait for its operation");
  create->add_option("file", args->file, "The file (.png, .ogg, .rbxm, ...)")->required();
  create->add_option("--type", args->type, "Image, Audio, Model, Animation, Decal, Video")->capture_default_str();
  create->add_option("--name", args->name, "Display name (default: the file name)");
  create->add_option("--description", args->description, "Description")->capture_default_str();
  create->add_option("--group", args->group, "Owning group id");
  create->add_option("--user", args->user, "Owning user id");
  create->add_flag("!--no-wait", args->wait, "Print the operation without waiting for it");
  create->callback([options, args, &state] { state.exit_code = create_asset(*options, *args); });

  auto* publish = cloud->add_subcommand("publish-place", "Upload a .rbxl/.rbxlx as a new place version");
  publish->add_option("file", args->file, "The place file")->required();
  publish->add_option("--universe", args->universe, "Universe (experience) id")->required();
  publish->add_option("--place", args->place, "Place id")->required();
  publish->add_flag("--published", args->published, "Publish live (default: Saved, for Studio only)");
  publish->callback([options, args, &state] { state.exit_code = publish_place(*options, *args); });

  auto* luau = cloud->add_subcommand("run-luau", "Run a Luau script against a place version and print its logs");
  luau->add_option("script", args->script_file, "The .luau file")->required();
  luau->add_option("--universe", args->universe, "Universe id")->required();
  luau->add_option("--place", args->place, "Place id")->required();
  luau->add_option("--version", args->version, "Place version (default: the latest)");
  luau->add_flag("!--no-logs", args->include_logs, "Do not fetch the task's logs");
  luau->callback([options, args, &state] { state.exit_code = run_luau(*options, *args); });

  auto* rollback = cloud->add_subcommand("rollback-asset", "Make an earlier version of an asset current again");
  rollback->add_option("asset", args->asset, "Asset id")->required();
  rollback->add_option("--version", args->version, "The version to return to")->required();
  rollback->callback([options, args, &state] { state.exit_code = rollback_asset(*options, *args); });

  auto* key = cloud->add_subcommand("introspect", "Show the API key's scopes, owner and expiry");
  key->callback([options, &state] { state.exit_code = introspect(*options); });

  auto* asset = cloud->add_subcommand("get-asset", "Show an asset and its moderation state");
  asset->add_option("asset", args->asset, "Asset id")->required();
  asset->callback([options, args, &state] { state.exit_code = get_asset(*options, *args); });

  auto* operation = cloud->add_subcommand("operation", "Show (or wait for) an asset operation");
  operation->add_option("id", args->operation, "Operation id")->required();
  operation->add_flag("--wait", args->poll, "Poll until it is done");
  operation->callback([options, args, &state] { state.exit_code = get_operation(*options, *args); });

  auto* restart_command = cloud->add_subcommand("restart-servers", "Restart servers running older place versions");
  restart_command->add_option("--universe", args->universe, "Universe id")->required();
  restart_command->callback([options, args, &state] { state.exit_code = restart(*options, *args); });
}

}  // namespace rbxpipe::cli
