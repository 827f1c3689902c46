#pragma once
// StateStore: the state database every platform module shares (tenants, tokens, releases, the journal). SQLite in
// WAL mode is the implementation; the interface keeps SQL dialect details out of callers so PostgreSQL can follow.
// Each module registers its own migrations; the store applies them in order, once, inside transactions.
//
// SQLite failures map to base::ErrorCode: busy after the timeout -> conflict; UNIQUE/PRIMARY KEY -> already_exists;
// NOT NULL/CHECK -> invalid_input; FOREIGN KEY -> conflict; a damaged or foreign file -> io_error naming it and
// saying what to do; disk and permission problems -> io_error; bad SQL -> internal (a bug in the caller).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace rbxpipe::platform::store {

/// A value bound to a statement parameter or read from a column.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

/// One result row: values in column order.
struct Row {
  std::vector<Value> values;  ///< column values
  /// Column `i` as an integer (0 for NULL).
  std::int64_t integer(std::size_t i) const;
  /// Column `i` as text ("" for NULL).
  std::string text(std::size_t i) const;
  /// True when column `i` is NULL.
  bool is_null(std::size_t i) const;
};

/// One schema change of one module: `module` + `version` identify it; `sql` runs once.
struct Migration {
  std::string module;   ///< "tenant", "auth", "journal", ... ([a-z0-9_-]+)
  int version = 0;      ///< 1, 2, 3... within the module, without gaps
  std::string sql;      ///< statements to run (several, separated by ';'); no BEGIN/COMMIT and no PRAGMA
                        ///< foreign_keys (both are no-ops or errors inside the migration's transaction)
};

/// Work inside one transaction. One statement per call; statements use `?` placeholders. Valid only during the
/// transact() call that handed it out.
class Transaction {
 public:
  virtual ~Transaction() = default;
  /// Runs a statement; returns the number of rows changed.
  virtual base::Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  /// Runs a query (or a statement with RETURNING); returns every row.
  virtual base::Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  /// The rowid of the last insert.
  virtual std::int64_t last_insert_id() const = 0;
};

/// The shared state database.
class StateStore {
 public:
  virtual ~StateStore() = default;
  /// Applies every registered migration not applied yet, in (module, version) order, each in its own transaction
  /// recorded in `schema_migrations`. Idempotent; safe when several processes migrate at once. Refuses (conflict)
  /// before changing anything when the database holds a version of a listed module newer than `migrations` know;
  /// modules not listed are left alone, so each module may migrate on its own. Badly numbered input is internal.
  virtual base::Result<void> migrate(const std::vector<Migration>& migrations) = 0;
  /// Runs `work` in a transaction: committed when it returns ok, rolled back otherwise (its error is returned).
  /// Busy databases (another process writing) are waited for up to the store's busy timeout, then `conflict`.
  /// Writes take the lock at the start (BEGIN IMMEDIATE), so concurrent writers queue instead of deadlocking.
  /// Calling transact() from inside `work` nests as a savepoint: its failure undoes only its own changes.
  /// Other threads calling the same store wait until the transaction ends.
  virtual base::Result<void> transact(const std::function<base::Result<void>(Transaction&)>& work) = 0;
  /// Runs a read-only query outside an explicit transaction (a statement that writes is refused as internal).
  virtual base::Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  /// Migrations applied so far, as "module:version", sorted by module then version.
  virtual base::Result<std::vector<std::string>> applied_migrations() = 0;
};

/// Options of the SQLite store.
struct SqliteOptions {
  int busy_timeout_ms = 5000;  ///< how long to wait for another writer
};

/// Opens (creating it, mode 0600, and its folders when missing) the SQLite store at `path` in WAL mode with foreign
/// keys on and synchronous FULL. A damaged or non-SQLite file is an io_error that names it.
base::Result<std::unique_ptr<StateStore>> open_sqlite_store(const std::filesystem::path& path,
                                                            const SqliteOptions& options = {});

/// The store of a state folder: `<home>/state.db` (CONTRACTS.md §1).
std::filesystem::path state_database_path(const std::filesystem::path& home);

}  // namespace rbxpipe::platform::store
