// `rbxpipe tenant add | list | show | suspend | target | export | delete`: the tenant registry (platform/tenant) in
// $RBXPIPE_HOME/state.db. Export and delete cover everything a tenant owns: its records, API tokens and artifacts.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/paths.h"
#include "cli/command.h"
#include "platform/auth/api_token.h"
#include "platform/storage/artifact_store.h"
#include "platform/store/state_store.h"
#include "platform/tenant/tenant_export.h"
#include "platform/tenant/tenant_json.h"
#include "platform/tenant/tenant_registry.h"

namespace rbxpipe::cli {
namespace {

using nlohmann::ordered_json;
namespace tenant = platform::tenant;

struct TenantArguments {
  std::string id, name, creator, output;
  std::int64_t deploys_per_day = 0, uploads_per_day = 0, storage_bytes = 0;
  int weight = 1;
  bool resume = false, json = false, yes = false;
  // target
  std::string target, api_key;
  std::int64_t universe = 0, place = 0;
  std::string target_creator;
  bool is_protected = false, remove_target = false;
};

int fail(const base::Error& error, bool json) {
  if (json) {
    ordered_json out{{"ok", false}, {"error", {{"code", base::error_code_name(error.code())}, {"message", error.to_string()}}}};
    std::cout << out.dump(2) << '\n';
  } else {
    std::cerr << "rbxpipe tenant: " << error.to_string() << '\n';
  }
  return base::exit_code_for(error.code());
}

// Everything a tenant command needs, opened against the state folder.
struct TenantServices {
  std::filesystem::path home;
  std::unique_ptr<platform::store::StateStore> store;
  base::SystemClock clock;
  std::unique_ptr<tenant::TenantRegistry> registry;
};

base::Result<std::unique_ptr<TenantServices>> open_services() {
  auto services = std::make_unique<TenantServices>();
  services->home = base::rbxpipe_home();
  if (services->home.empty()) return base::Error(base::ErrorCode::usage, "no state folder: set RBXPIPE_HOME or pass --home");
  std::error_code error;
  std::filesystem::create_directories(services->home, error);
  auto store = platform::store::open_sqlite_store(platform::store::state_database_path(services->home));
  if (!store) return std::move(store).error();
  services->store = std::move(*store);
  RBXPIPE_TRY(services->store->migrate(tenant::tenant_migrations()));
  RBXPIPE_TRY(services->store->migrate(platform::auth::auth_migrations()));
  services->registry = std::make_unique<tenant::TenantRegistry>(*services->store, services->clock);
  return services;
}

// API tokens of a tenant: exported without their hashes, deleted with the tenant.
class TokensProvider final : public tenant::TenantDataProvider {
 public:
  explicit TokensProvider(platform::store::StateStore& store) : m_store(store) {}
  std::string name() const override { return "tokens"; }
  base::Result<tenant::TenantDataSection> export_tenant(const std::string& id) override {
    auto tokens = platform::auth::list_tokens(m_store, id);
    if (!tokens) return std::move(tokens).error();
    ordered_json out = ordered_json::array();
    for (const auto& token : *tokens)
      out.push_back({{"id", token.id}, {"name", token.name}, {"permissions", token.permissions},
                     {"created_at", base::format_rfc3339(token.created_at)}, {"revoked", token.revoked_at.has_value()}});
    return tenant::TenantDataSection{"tokens", out.dump(2) + "\n", {}};
  }
  base::Result<tenant::RemovalSummary> remove_tenant(const std::string& id) override {
    auto removed = platform::auth::remove_tenant_tokens(m_store, id);
    if (!removed) return std::move(removed).error();
    return tenant::RemovalSummary{"tokens", *removed, 0};
  }

 private:
  platform::store::StateStore& m_store;
};

// Content-addressed artifacts of a tenant: copied into the export, deleted with the tenant.
class ArtifactsProvider final : public tenant::TenantDataProvider {
 public:
  explicit ArtifactsProvider(std::unique_ptr<platform::storage::ArtifactStore> store) : m_store(std::move(store)) {}
  std::string name() const override { return "artifacts"; }
  base::Result<tenant::TenantDataSection> export_tenant(const std::string& id) override {
    auto hashes = m_store->list(id);
    if (!hashes) return std::move(hashes).error();
    tenant::TenantDataSection section{"artifacts", "[]\n", {}};
    ordered_json out = ordered_json::array();
    for (const auto& hash : *hashes) {
      auto bytes = m_store->get(id, hash);
      if (!bytes) return std::move(bytes).error();
      out.push_back({{"sha256", hash}, {"bytes", bytes->size()}});
      section.files.emplace_back(hash, std::move(*bytes));
    }
    section.records_json = out.dump(2) + "\n";
    return section;
  }
  base::Result<tenant::RemovalSummary> remove_tenant(const std::string& id) override {
    auto hashes = m_store->list(id);
    if (!hashes) return std::move(hashes).error();
    tenant::RemovalSummary summary{"artifacts", 0, 0};
    for (const auto& hash : *hashes) {
      RBXPIPE_TRY(m_store->remove(id, hash));
      ++summary.records;
    }
    return summary;
  }

 private:
  std::unique_ptr<platform::storage::ArtifactStore> m_store;
};

std::vector<std::unique_ptr<tenant::TenantDataProvider>> providers(TenantServices& services) {
  std::vector<std::unique_ptr<tenant::TenantDataProvider>> all;
  all.push_back(std::make_unique<TokensProvider>(*services.store));
  all.push_back(std::make_unique<ArtifactsProvider>(
      platform::storage::make_local_artifact_store(platform::storage::artifacts_root(services.home))));
  all.push_back(tenant::make_registry_provider(*services.registry));  // last: the others name the tenant
  return all;
}

void print_tenant(const tenant::Tenant& found, bool json) {
  if (json) {
    std::cout << tenant::tenant_to_json(found, 2) << '\n';
    return;
  }
  std::cout << found.id << "  " << found.name << "  creator " << tenant::format_creator(found.creator) << "  "
            << tenant::tenant_status_name(found.status) << "  weight " << found.weight << '\n';
  for (const auto& target : found.targets)
    std::cout << "  target " << target.name << ": universe " << target.universe << ", place " << target.place
              << (target.is_protected ? ", protected" : "") << (target.api_key_ref.empty() ? "" : ", key " + target.api_key_ref)
              << '\n';
}

int add(const TenantArguments& args) {
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  auto creator = tenant::parse_creator(args.creator);
  if (!creator) return fail(creator.error(), args.json);
  tenant::Tenant created;
  created.id = args.id;
  created.name = args.name.empty() ? args.id : args.name;
  created.creator = *creator;
  created.quotas = {args.deploys_per_day, args.uploads_per_day, args.storage_bytes};
  created.weight = args.weight;
  auto added = (*services)->registry->add(created);
  if (!added) return fail(added.error(), args.json);
  print_tenant(*added, args.json);
  return k_exit_ok;
}

int list(const TenantArguments& args) {
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  auto tenants = (*services)->registry->list();
  if (!tenants) return fail(tenants.error(), args.json);
  if (args.json) {
    std::string out = "[";
    for (std::size_t i = 0; i < tenants->size(); ++i) out += (i ? "," : "") + tenant::tenant_to_json((*tenants)[i]);
    std::cout << ordered_json::parse(out + "]").dump(2) << '\n';
  } else {
    for (const auto& found : *tenants) print_tenant(found, false);
    if (tenants->empty()) std::cout << "no tenants\n";
  }
  return k_exit_ok;
}

int show(const TenantArguments& args) {
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  auto found = (*services)->registry->get(args.id);
  if (!found) return fail(found.error(), args.json);
  print_tenant(*found, args.json);
  return k_exit_ok;
}

int suspend(const TenantArguments& args) {
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  auto status = args.resume ? tenant::TenantStatus::active : tenant::TenantStatus::suspended;
  auto done = (*services)->registry->set_status(args.id, status);
  if (!done) return fail(done.error(), args.json);
  std::cout << "tenant " << args.id << " is " << tenant::tenant_status_name(status) << '\n';
  return k_exit_ok;
}

int target(const TenantArguments& args) {
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  if (args.remove_target) {
    auto removed = (*services)->registry->remove_target(args.id, args.target);
    if (!removed) return fail(removed.error(), args.json);
    std::cout << "removed deploy target " << args.target << " of tenant " << args.id << '\n';
    return k_exit_ok;
  }
  tenant::DeployTarget entry{args.target, args.universe, args.place, std::nullopt, args.api_key, args.is_protected};
  if (!args.target_creator.empty()) {
    auto creator = tenant::parse_creator(args.target_creator);
    if (!creator) return fail(creator.error(), args.json);
    entry.creator = *creator;
  }
  auto put = (*services)->registry->put_target(args.id, entry);
  if (!put) return fail(put.error(), args.json);
  print_tenant((*services)->registry->get(args.id).value(), args.json);
  return k_exit_ok;
}

int export_archive(const TenantArguments& args) {
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  std::string output = args.output.empty() ? args.id + "-export.tar.gz" : args.output;
  auto written = tenant::export_tenant(args.id, providers(**services), output);
  if (!written) return fail(written.error(), args.json);
  std::cout << "exported tenant " << args.id << " to " << output << " (" << *written << " bytes)\n";
  return k_exit_ok;
}

int remove(const TenantArguments& args) {
  if (!args.yes) {
    std::cerr << "rbxpipe tenant delete: this removes every record, token and artifact of '" << args.id
              << "'; run it again with --yes (consider 'rbxpipe tenant export' first)\n";
    return k_exit_usage;
  }
  auto services = open_services();
  if (!services) return fail(services.error(), args.json);
  if (auto found = (*services)->registry->get(args.id); !found) return fail(found.error(), args.json);
  auto removed = tenant::remove_tenant(args.id, providers(**services));
  if (!removed) return fail(removed.error(), args.json);
  ordered_json out = ordered_json::object();
  for (const auto& summary : *removed) out[summary.name] = summary.records;
  if (args.json) {
    std::cout << ordered_json{{"ok", true}, {"tenant", args.id}, {"removed", out}}.dump(2) << '\n';
  } else {
    std::cout << "deleted tenant " << args.id << ":";
    for (const auto& summary : *removed) std::cout << ' ' << summary.records << ' ' << summary.name;
    std::cout << '\n';
  }
  return k_exit_ok;
}

}  // namespace

void add_tenant_commands(CLI::App& app, CommandState& state) {
  auto args = std::make_shared<TenantArguments>();
  auto* root = app.add_subcommand("tenant", "Tenants: each school's Roblox creator, deploy targets, quotas and share");
  root->require_subcommand(1);

  auto* add_command = root->add_subcommand("add", "Register a tenant");
  add_command->add_option("id", args->id, "Tenant id ([a-z0-9-]+)")->required();
  add_command->add_option("--name", args->name, "Display name (default: the id)");
  add_command->add_option("--creator", args->creator, "Roblox creator: group:ID or user:ID")->required();
  add_command->add_option("--deploys-per-day", args->deploys_per_day, "Quota (0: unlimited)");
  add_command->add_option("--uploads-per-day", args->uploads_per_day, "Asset upload quota (0: unlimited)");
  add_command->add_option("--storage-bytes", args->storage_bytes, "Artifact storage quota (0: unlimited)");
  add_command->add_option("--weight", args->weight, "Fair-share weight for Open Cloud budgets (1-100)");
  add_command->add_flag("--json", args->json, "Print JSON");
  add_command->callback([args, &state] { state.exit_code = add(*args); });

  auto* list_command = root->add_subcommand("list", "List tenants");
  list_command->add_flag("--json", args->json, "Print JSON");
  list_command->callback([args, &state] { state.exit_code = list(*args); });

  auto* show_command = root->add_subcommand("show", "Show one tenant");
  show_command->add_option("id", args->id, "Tenant id")->required();
  show_command->add_flag("--json", args->json, "Print JSON");
  show_command->callback([args, &state] { state.exit_code = show(*args); });

  auto* suspend_command = root->add_subcommand("suspend", "Suspend a tenant (nothing but reads and exports)");
  suspend_command->add_option("id", args->id, "Tenant id")->required();
  suspend_command->add_flag("--resume", args->resume, "Make it active again");
  suspend_command->callback([args, &state] { state.exit_code = suspend(*args); });

  auto* target_command = root->add_subcommand("target", "Add, change or remove a named deploy target");
  target_command->add_option("id", args->id, "Tenant id")->required();
  target_command->add_option("name", args->target, "Target name")->required();
  target_command->add_option("--universe", args->universe, "Universe id");
  target_command->add_option("--place", args->place, "Place id");
  target_command->add_option("--creator", args->target_creator, "Asset owner for this target (group:ID or user:ID)");
  target_command->add_option("--api-key", args->api_key, "Key reference: env:NAME or secret:NAME (never a key)");
  target_command->add_flag("--protected", args->is_protected, "Deploying needs deploy:protected");
  target_command->add_flag("--remove", args->remove_target, "Remove the target");
  target_command->add_flag("--json", args->json, "Print JSON");
  target_command->callback([args, &state] { state.exit_code = target(*args); });

  auto* export_command = root->add_subcommand("export", "Write all of a tenant's records and artifacts to a .tar.gz");
  export_command->add_option("id", args->id, "Tenant id")->required();
  export_command->add_option("-o,--output", args->output, "Archive path (default: <id>-export.tar.gz)");
  export_command->callback([args, &state] { state.exit_code = export_archive(*args); });

  auto* delete_command = root->add_subcommand("delete", "Delete a tenant and everything it owns");
  delete_command->add_option("id", args->id, "Tenant id")->required();
  delete_command->add_flag("--yes", args->yes, "Really delete");
  delete_command->add_flag("--json", args->json, "Print JSON");
  delete_command->callback([args, &state] { state.exit_code = remove(*args); });
}

}  // namespace rbxpipe::cli
