#include "platform/store/sqlite_store.h"

#include <exception>
#include <string>
#include <utility>

namespace rbxpipe::platform::store {

namespace detail {

namespace {

// The Transaction handed to callers: a thin view of the connection for the duration of one transact() call.
class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& connection) : m_connection(connection) {}

  base::Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params) override {
    return m_connection.execute(sql, params);
  }
  base::Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
    return m_connection.query(sql, params, QueryMode::any);
  }
  std::int64_t last_insert_id() const override { return m_connection.last_insert_id(); }

 private:
  Connection& m_connection;
};

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Connection> connection) : m_connection(std::move(connection)) {}

base::Result<void> SqliteStore::in_transaction(const std::function<base::Result<void>(Connection&)>& work) {
  std::lock_guard lock(m_mutex);
  const bool outermost = m_depth == 0;
  const std::string savepoint = "rbxpipe_" + std::to_string(m_depth);
  // BEGIN IMMEDIATE takes the write lock up front: two processes then queue on the busy timeout instead of both
  // reading under a shared lock and deadlocking when each tries to write.
  if (outermost) {
    RBXPIPE_TRY(m_connection->run_script("BEGIN IMMEDIATE"));
  } else {
    RBXPIPE_TRY(m_connection->run_script("SAVEPOINT " + savepoint));
  }
  ++m_depth;

  auto undo = [&] {
    // Best effort: a failed ROLLBACK leaves SQLite to roll back when the connection closes.
    if (outermost) {
      (void)m_connection->run_script("ROLLBACK");
    } else {
      (void)m_connection->run_script("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    }
  };

  base::Result<void> result;
  try {
    result = work(*m_connection);
  } catch (...) {
    --m_depth;
    undo();
    throw;  // a bug in the caller; the transaction is undone before it propagates
  }
  --m_depth;
  if (!result) {
    undo();
    return result;
  }
  auto committed = m_connection->run_script(outermost ? std::string("COMMIT") : "RELEASE " + savepoint);
  if (!committed) {
    undo();
    return committed;
  }
  return base::ok();
}

base::Result<void> SqliteStore::transact(const std::function<base::Result<void>(Transaction&)>& work) {
  return in_transaction([&](Connection& connection) {
    SqliteTransaction transaction(connection);
    return work(transaction);
  });
}

base::Result<std::vector<Row>> SqliteStore::query(std::string_view sql, const std::vector<Value>& params) {
  std::lock_guard lock(m_mutex);
  return m_connection->query(sql, params, QueryMode::read_only);
}

base::Result<std::vector<std::string>> SqliteStore::applied_migrations() {
  std::lock_guard lock(m_mutex);
  auto table = m_connection->query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
                                   {}, QueryMode::read_only);
  if (!table) return std::move(table).error();
  std::vector<std::string> applied;
  if (table->empty()) return applied;
  auto rows = m_connection->query("SELECT module, version FROM schema_migrations ORDER BY module, version", {},
                                  QueryMode::read_only);
  if (!rows) return std::move(rows).error();
  for (const Row& row : *rows) applied.push_back(row.text(0) + ":" + std::to_string(row.integer(1)));
  return applied;
}

}  // namespace detail

std::int64_t Row::integer(std::size_t i) const {
  if (i >= values.size()) return 0;
  const Value& value = values[i];
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  if (const auto* text = std::get_if<std::string>(&value)) {
    try {
      return std::stoll(*text);
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

std::string Row::text(std::size_t i) const {
  if (i >= values.size()) return {};
  const Value& value = values[i];
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return std::to_string(*real);
  return {};
}

bool Row::is_null(std::size_t i) const {
  return i >= values.size() || std::holds_alternative<std::monostate>(values[i]);
}

base::Result<std::unique_ptr<StateStore>> open_sqlite_store(const std::filesystem::path& path,
                                                            const SqliteOptions& options) {
  auto connection = detail::Connection::open(path, options.busy_timeout_ms);
  if (!connection) return std::move(connection).error();
  return std::unique_ptr<StateStore>(std::make_unique<detail::SqliteStore>(std::move(*connection)));
}

std::filesystem::path state_database_path(const std::filesystem::path& home) { return home / "state.db"; }

}  // namespace rbxpipe::platform::store
