#pragma once
// Internal to platform/store: one SQLite connection with statement helpers and SQLite-to-Error mapping.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "platform/store/state_store.h"

struct sqlite3;

namespace rbxpipe::platform::store::detail {

/// Whether a query must be read-only (outside transactions) or may change rows (`INSERT ... RETURNING`).
enum class QueryMode { read_only, any };

/// An open SQLite database handle; not thread-safe (the store serializes access).
class Connection {
 public:
  /// Opens `path` (creating it with mode 0600 when missing), WAL mode, foreign keys on, synchronous FULL.
  static base::Result<std::unique_ptr<Connection>> open(const std::filesystem::path& path, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one statement with `params`; returns the number of rows changed.
  base::Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params);
  /// Runs one statement with `params`; returns every row.
  base::Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params, QueryMode mode);
  /// Runs several statements without parameters (migration scripts, BEGIN/COMMIT).
  base::Result<void> run_script(std::string_view sql);
  /// The rowid of the last insert on this connection.
  std::int64_t last_insert_id() const;
  /// The database file.
  const std::filesystem::path& path() const { return m_path; }

  /// The Error for SQLite result code `rc` while doing `what` (busy: conflict; corrupt: io_error; ...).
  base::Error error(int rc, std::string_view what) const;

 private:
  Connection(sqlite3* db, std::filesystem::path path, int busy_timeout_ms);

  sqlite3* m_db;
  std::filesystem::path m_path;
  int m_busy_timeout_ms;
};

}  // namespace rbxpipe::platform::store::detail
