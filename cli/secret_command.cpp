// `rbxpipe secret set NAME | list | rm NAME`: the sealed keystore in the state folder (platform/secrets).
// A value is read from standard input, never from an argument, so it stays out of shell history and `ps`.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include "base/paths.h"
#include "cli/command.h"
#include "platform/tenant/tenant.h"
#include "platform/secrets/keystore.h"

namespace rbxpipe::cli {
namespace {

using nlohmann::ordered_json;

// One byte over the keystore's limit, so an oversized value is reported instead of silently cut.
constexpr std::size_t k_max_stdin_value = 64 * 1024 + 1;

struct SecretArguments {
  std::string name;
  std::string tenant;  // when set, the name is the tenant's: "<tenant>.<name>"
  bool json = false;
};

// Wipes the value buffer when the command ends, whichever way it ends.
struct SecretBuffer {
  std::string text;
  ~SecretBuffer() { OPENSSL_cleanse(text.data(), text.size()); }
};

int fail(const std::string& command, const base::Error& error, bool json) {
  if (json) {
    ordered_json out{{"ok", false},
                     {"error", {{"code", base::error_code_name(error.code())}, {"message", error.to_string()}}}};
    std::cout << out.dump(2) << '\n';
  } else {
    std::cerr << "rbxpipe secret " << command << ": " << error.to_string() << '\n';
  }
  return base::exit_code_for(error.code());
}

// Reads one line from a terminal without echoing it.
bool read_hidden_line(const std::string& name, std::string& value) {
  std::cerr << "Value for " << name << " (input hidden): " << std::flush;
  termios saved{};
  const bool can_hide = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (can_hide) {
    termios hidden = saved;
    hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden);
  }
  const bool got = static_cast<bool>(std::getline(std::cin, value));
  if (can_hide) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << '\n';
  return got;
}

// The value from stdin: a hidden prompt on a terminal, else everything piped in minus one trailing newline.
base::Result<void> read_value(const std::string& name, SecretBuffer& value) {
  if (::isatty(STDIN_FILENO) != 0) {
    if (!read_hidden_line(name, value.text)) return base::Error(base::ErrorCode::invalid_input, "no value entered");
  } else {
    char buffer[4096];
    std::size_t n = 0;
    while (value.text.size() < k_max_stdin_value && (n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
      value.text.append(buffer, n);
    }
    OPENSSL_cleanse(buffer, sizeof buffer);
    // `echo value | rbxpipe secret set NAME` must store "value", not "value\n".
    if (!value.text.empty() && value.text.back() == '\n') value.text.pop_back();
    if (!value.text.empty() && value.text.back() == '\r') value.text.pop_back();
  }
  if (value.text.empty()) {
    return base::Error(base::ErrorCode::invalid_input,
                       "no value on standard input: pipe it in, e.g. `rbxpipe secret set " + name + " < file`");
  }
  return base::ok();
}

base::Result<platform::secrets::Keystore> open_keystore(bool create_key) {
  const auto home = base::rbxpipe_home();
  if (home.empty()) {
    return base::Error(base::ErrorCode::usage, "no state folder: set RBXPIPE_HOME or pass --home");
  }
  auto options = platform::secrets::KeystoreOptions::from_environment(home);
  options.create_key = create_key;
  return platform::secrets::Keystore::open(std::move(options));
}

int run_set(const SecretArguments& args) {
  SecretBuffer value;
  if (auto read = read_value(args.name, value); !read) return fail("set", read.error(), args.json);
  auto store = open_keystore(true);
  if (!store) return fail("set", store.error(), args.json);
  if (auto stored = store->set(args.name, value.text); !stored) return fail("set", stored.error(), args.json);

  const bool created = store->key_source() == platform::secrets::KeySource::created;
  if (created) {
    std::cerr << "Created the master key file " << store->key_file().string()
              << " (mode 0600). Back it up: without it the keystore cannot be opened.\n";
  }
  if (args.json) {
    ordered_json out{{"ok", true}, {"name", args.name}, {"keystore", store->path().string()}};
    out["created_key_file"] = created ? ordered_json(store->key_file().string()) : ordered_json(nullptr);
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << "Stored secret " << args.name << " in " << store->path().string() << '\n';
  }
  return k_exit_ok;
}

int run_list(const SecretArguments& args) {
  auto store = open_keystore(false);
  if (!store) return fail("list", store.error(), args.json);
  const auto names = store->list();
  if (args.json) {
    std::cout << ordered_json{{"ok", true}, {"secrets", names}}.dump(2) << '\n';
  } else {
    for (const auto& name : names) std::cout << name << '\n';
  }
  return k_exit_ok;
}

int run_remove(const SecretArguments& args) {
  auto store = open_keystore(false);
  if (!store) return fail("rm", store.error(), args.json);
  if (auto removed = store->remove(args.name); !removed) return fail("rm", removed.error(), args.json);
  if (args.json) {
    std::cout << ordered_json{{"ok", true}, {"removed", args.name}}.dump(2) << '\n';
  } else {
    std::cout << "Removed secret " << args.name << '\n';
  }
  return k_exit_ok;
}

// Turns a tenant's secret name into its keystore entry; false (after saying why) for a bad tenant id.
bool scoped(SecretArguments& args, const std::string& command) {
  if (args.tenant.empty()) return true;
  auto name = platform::tenant::tenant_secret_name(args.tenant, args.name);
  if (!name) {
    fail(command, name.error(), args.json);
    return false;
  }
  args.name = *name;
  return true;
}

}  // namespace

void add_secret_commands(CLI::App& app, CommandState& state) {
  auto args = std::make_shared<SecretArguments>();
  auto* secret = app.add_subcommand(
      "secret", "Secrets sealed in $RBXPIPE_HOME/keys.sealed (master key: RBXPIPE_MASTER_KEY or master.key)");
  secret->require_subcommand(1);

  auto* set = secret->add_subcommand("set", "Store a secret; the value is read from standard input");
  set->add_option("name", args->name, "Secret name: A-Z, a-z, 0-9, '_', '.', '-'")->required();
  set->add_flag("--json", args->json, "Print the result as JSON");
  set->add_option("--tenant", args->tenant, "Store it for a tenant (its deploy targets' secret:NAME references)");
  set->callback([args, &state] { state.exit_code = scoped(*args, "set") ? run_set(*args) : k_exit_invalid_input; });

  auto* list = secret->add_subcommand("list", "Print the secrets' names (never their values)");
  list->add_flag("--json", args->json, "Print the result as JSON");
  list->callback([args, &state] { state.exit_code = run_list(*args); });

  auto* remove = secret->add_subcommand("rm", "Delete a secret");
  remove->add_option("name", args->name, "Secret name")->required();
  remove->add_flag("--json", args->json, "Print the result as JSON");
  remove->add_option("--tenant", args->tenant, "The tenant the secret belongs to");
  remove->callback([args, &state] { state.exit_code = scoped(*args, "rm") ? run_remove(*args) : k_exit_invalid_input; });
}

}  // namespace rbxpipe::cli
