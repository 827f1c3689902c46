// SqliteStore::migrate: the `schema_migrations` bookkeeping and the refusal of databases from a newer rbxpipe.
#include <algorithm>
#include <map>
#include <string>

#include "platform/store/sqlite_store.h"

namespace rbxpipe::platform::store::detail {

namespace {

using base::Error;
using base::ErrorCode;

constexpr std::string_view k_create_table =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (module, version))";

bool valid_module_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// A module's migrations must be exactly 1..N: a gap or a duplicate is a mistake in the code that registers them.
base::Result<std::vector<Migration>> sorted_and_checked(const std::vector<Migration>& migrations) {
  std::vector<Migration> sorted = migrations;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Migration& a, const Migration& b) {
    return a.module != b.module ? a.module < b.module : a.version < b.version;
  });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Migration& migration = sorted[i];
    if (!valid_module_name(migration.module)) {
      return Error(ErrorCode::internal, "migration module name '" + migration.module + "' must match [a-z0-9_-]+");
    }
    const bool first_of_module = i == 0 || sorted[i - 1].module != migration.module;
    const int expected = first_of_module ? 1 : sorted[i - 1].version + 1;
    if (migration.version != expected) {
      return Error(ErrorCode::internal, "migrations of module '" + migration.module + "' must be numbered 1, 2, 3...: "
                                            "expected version " + std::to_string(expected) + ", found " +
                                            std::to_string(migration.version));
    }
    if (migration.sql.find_first_not_of(" \t\r\n;") == std::string::npos) {
      return Error(ErrorCode::internal, "migration " + migration.module + ":" + std::to_string(migration.version) +
                                            " has no SQL");
    }
  }
  return sorted;
}

}  // namespace

base::Result<void> SqliteStore::migrate(const std::vector<Migration>& migrations) {
  auto checked = sorted_and_checked(migrations);
  if (!checked) return std::move(checked).error();
  const std::vector<Migration>& sorted = *checked;

  std::map<std::string, int> known;  // module -> newest version this code has
  for (const Migration& migration : sorted) known[migration.module] = migration.version;

  // Refuse before changing anything: a newer rbxpipe may have reshaped tables this code would misread or damage.
  auto compatible = in_transaction([&](Connection& connection) -> base::Result<void> {
    RBXPIPE_TRY(connection.execute(k_create_table, {}));
    auto rows = connection.query("SELECT module, MAX(version) FROM schema_migrations GROUP BY module", {},
                                 QueryMode::any);
    if (!rows) return std::move(rows).error();
    for (const Row& row : *rows) {
      const auto it = known.find(row.text(0));
      if (it == known.end() || row.integer(1) <= it->second) continue;
      return Error(ErrorCode::conflict,
                   "the state database " + connection.path().string() + " was written by a newer rbxpipe: module '" +
                       it->first + "' is at schema version " + std::to_string(row.integer(1)) +
                       " but this rbxpipe knows versions up to " + std::to_string(it->second) +
                       "; upgrade rbxpipe or use another --home");
    }
    return base::ok();
  });
  if (!compatible) return compatible;

  for (const Migration& migration : sorted) {
    const std::string id = migration.module + ":" + std::to_string(migration.version);
    auto applied = in_transaction([&](Connection& connection) -> base::Result<void> {
      // Checked again inside the write lock: another process may have applied it since the check above.
      auto done = connection.query("SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?",
                                   {migration.module, std::int64_t{migration.version}}, QueryMode::any);
      if (!done) return std::move(done).error();
      if (!done->empty()) return base::ok();
      RBXPIPE_TRY(connection.run_script(migration.sql));
      RBXPIPE_TRY(connection.execute(
          "INSERT INTO schema_migrations (module, version, applied_at) "
          "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
          {migration.module, std::int64_t{migration.version}}));
      return base::ok();
    });
    if (!applied) return std::move(applied).error().with_context("apply migration " + id);
  }
  return base::ok();
}

}  // namespace rbxpipe::platform::store::detail
