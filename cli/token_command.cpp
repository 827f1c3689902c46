// `rbxpipe token create | list | revoke`: API tokens for CI (platform/auth), kept in $RBXPIPE_HOME/state.db.
// `create` prints the token alone on stdout (so `TOKEN=$(rbxpipe token create ...)` works) and says on stderr that it
// will never be shown again; the database keeps only its SHA-256.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/clock.h"
#include "base/paths.h"
#include "cli/command.h"
#include "platform/auth/api_token.h"
#include "platform/store/state_store.h"

namespace rbxpipe::cli {
namespace {

using nlohmann::ordered_json;
namespace auth = platform::auth;

// Tokens without an explicit --expires-in last this long; "never" must be asked for.
constexpr std::string_view k_default_expiry = "90d";

struct TokenArguments {
  std::string tenant;
  std::vector<std::string> permissions;
  std::string expires_in{k_default_expiry};
  std::string name;
  std::string id;
  bool json = false;
};

int fail(const std::string& command, const base::Error& error, bool json) {
  if (json) {
    ordered_json out{{"ok", false},
                     {"error", {{"code", base::error_code_name(error.code())}, {"message", error.to_string()}}}};
    std::cout << out.dump(2) << '\n';
  } else {
    std::cerr << "rbxpipe token " << command << ": " << error.to_string() << '\n';
  }
  return base::exit_code_for(error.code());
}

base::Result<std::filesystem::path> state_home() {
  auto home = base::rbxpipe_home();
  if (home.empty()) return base::Error(base::ErrorCode::usage, "no state folder: set RBXPIPE_HOME or pass --home");
  return home;
}

base::Result<std::unique_ptr<platform::store::StateStore>> open_store(const std::filesystem::path& home) {
  std::error_code error;
  std::filesystem::create_directories(home, error);
  if (error) return base::Error(base::ErrorCode::io_error, "create " + home.string() + ": " + error.message());
  auto store = platform::store::open_sqlite_store(platform::store::state_database_path(home));
  if (!store) return std::move(store).error();
  RBXPIPE_TRY((*store)->migrate(auth::auth_migrations()));
  return store;
}

ordered_json optional_time(const std::optional<std::chrono::system_clock::time_point>& time) {
  return time ? ordered_json(base::format_rfc3339(*time)) : ordered_json(nullptr);
}

ordered_json token_json(const auth::ApiToken& token, std::chrono::system_clock::time_point now) {
  return ordered_json{{"id", token.id},
                      {"tenant", token.tenant},
                      {"name", token.name},
                      {"permissions", token.permissions},
                      {"status", auth::api_token_status(token, now)},
                      {"created_at", base::format_rfc3339(token.created_at)},
                      {"expires_at", optional_time(token.expires_at)},
                      {"revoked_at", optional_time(token.revoked_at)},
                      {"created_by", token.created_by}};
}

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

int run_create(const TokenArguments& args) {
  auth::CreateTokenOptions options;
  options.tenant = args.tenant;
  options.name = args.name;
  options.permissions = args.permissions;
  if (args.expires_in != "never") {
    auto duration = auth::parse_token_duration(args.expires_in);
    if (!duration) return fail("create", std::move(duration).error(), args.json);
    options.expires_in = *duration;
  }
  const char* user = std::getenv("USER");
  options.created_by = std::string("cli:") + (user != nullptr ? user : "unknown");

  auto home = state_home();
  if (!home) return fail("create", home.error(), args.json);
  auto store = open_store(*home);
  if (!store) return fail("create", store.error(), args.json);
  auto created = auth::create_token(**store, options, base::system_clock());
  if (!created) return fail("create", created.error(), args.json);

  const auth::ApiToken& record = created->record;
  if (args.json) {
    ordered_json out{{"ok", true}, {"token", created->token}};
    const ordered_json fields = token_json(record, base::system_clock().now());
    for (const auto& [key, value] : fields.items()) out[key] = value;
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << created->token << '\n';
    std::cerr << "Created API token " << record.id << " for tenant " << record.tenant << " ("
              << joined(record.permissions, ", ") << "), "
              << (record.expires_at ? "expires " + base::format_rfc3339(*record.expires_at)
                                    : std::string("never expires"))
              << ".\nCopy it now: it is not stored and cannot be shown again.\n";
  }
  return k_exit_ok;
}

int run_list(const TokenArguments& args) {
  auto home = state_home();
  if (!home) return fail("list", home.error(), args.json);
  std::vector<auth::ApiToken> tokens;
  // Listing must not create a state database where there is none.
  if (std::filesystem::exists(platform::store::state_database_path(*home))) {
    auto store = open_store(*home);
    if (!store) return fail("list", store.error(), args.json);
    auto listed = auth::list_tokens(**store, args.tenant.empty() ? std::nullopt : std::optional(args.tenant));
    if (!listed) return fail("list", listed.error(), args.json);
    tokens = std::move(listed).value();
  }
  const auto now = base::system_clock().now();
  if (args.json) {
    ordered_json list = ordered_json::array();
    for (const auto& token : tokens) list.push_back(token_json(token, now));
    std::cout << ordered_json{{"ok", true}, {"tokens", list}}.dump(2) << '\n';
    return k_exit_ok;
  }
  if (tokens.empty()) {
    std::cout << "No API tokens" << (args.tenant.empty() ? "" : " for tenant " + args.tenant) << ".\n";
    return k_exit_ok;
  }
  std::cout << std::left << std::setw(22) << "ID" << std::setw(16) << "TENANT" << std::setw(16) << "NAME"
            << std::setw(9) << "STATUS" << std::setw(22) << "EXPIRES"
            << "PERMISSIONS\n";
  for (const auto& token : tokens) {
    std::cout << std::setw(22) << token.id << std::setw(16) << token.tenant << std::setw(16)
              << (token.name.empty() ? "-" : token.name) << std::setw(9) << auth::api_token_status(token, now)
              << std::setw(22) << (token.expires_at ? base::format_rfc3339(*token.expires_at) : std::string("never"))
              << joined(token.permissions, ",") << '\n';
  }
  return k_exit_ok;
}

int run_revoke(const TokenArguments& args) {
  auto home = state_home();
  if (!home) return fail("revoke", home.error(), args.json);
  auto store = open_store(*home);
  if (!store) return fail("revoke", store.error(), args.json);
  auto& clock = base::system_clock();
  auto revoked =
      auth::revoke_token(**store, args.id, clock, args.tenant.empty() ? std::nullopt : std::optional(args.tenant));
  if (!revoked) return fail("revoke", revoked.error(), args.json);
  const auth::ApiToken& record = revoked->token;
  if (args.json) {
    ordered_json out{{"ok", true}, {"already_revoked", revoked->already_revoked}};
    const ordered_json fields = token_json(record, clock.now());
    for (const auto& [key, value] : fields.items()) out[key] = value;
    std::cout << out.dump(2) << '\n';
  } else if (revoked->already_revoked) {
    std::cout << "API token " << record.id << " was already revoked at " << base::format_rfc3339(*record.revoked_at)
              << '\n';
  } else {
    std::cout << "Revoked API token " << record.id << " (tenant " << record.tenant << ")\n";
  }
  return k_exit_ok;
}

}  // namespace

void add_token_commands(CLI::App& app, CommandState& state) {
  auto args = std::make_shared<TokenArguments>();
  auto* token = app.add_subcommand("token", "API tokens for CI, bound to one tenant and a set of permissions");
  token->require_subcommand(1);

  auto* create = token->add_subcommand("create", "Create a token and print it once (only its hash is stored)");
  create->add_option("--tenant", args->tenant, "Tenant the token acts in")->required();
  create->add_option("--permission", args->permissions, "Permission to grant (repeatable): deploy, lesson:read, ...")
      ->required()
      ->take_all();
  create->add_option("--expires-in", args->expires_in, "Lifetime: 90s, 15m, 12h, 30d, 2w or never (default 90d)");
  create->add_option("--name", args->name, "A label shown by `token list` (e.g. ci-main)");
  create->add_flag("--json", args->json, "Print the result (including the token) as JSON");
  create->callback([args, &state] { state.exit_code = run_create(*args); });

  auto* list = token->add_subcommand("list", "List tokens (never the tokens themselves)");
  list->add_option("--tenant", args->tenant, "Only this tenant's tokens");
  list->add_flag("--json", args->json, "Print the result as JSON");
  list->callback([args, &state] { state.exit_code = run_list(*args); });

  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id; it stops working at once");
  revoke->add_option("id", args->id, "Token id (tok_...) as `token list` shows it")->required();
  revoke->add_option("--tenant", args->tenant, "Refuse unless the token belongs to this tenant");
  revoke->add_flag("--json", args->json, "Print the result as JSON");
  revoke->callback([args, &state] { state.exit_code = run_revoke(*args); });
}

}  // namespace rbxpipe::cli
