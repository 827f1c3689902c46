#pragma once
// Internal to platform/store: the SQLite StateStore (open_sqlite_store is the public door).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "platform/store/sqlite_connection.h"
#include "platform/store/state_store.h"

namespace rbxpipe::platform::store::detail {

/// StateStore over one SQLite connection; safe to share between threads (calls are serialized).
class SqliteStore final : public StateStore {
 public:
  /// Takes over an open connection.
  explicit SqliteStore(std::unique_ptr<Connection> connection);

  base::Result<void> migrate(const std::vector<Migration>& migrations) override;
  base::Result<void> transact(const std::function<base::Result<void>(Transaction&)>& work) override;
  base::Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params = {}) override;
  base::Result<std::vector<std::string>> applied_migrations() override;

 private:
  /// Runs `work` on the raw connection inside BEGIN IMMEDIATE (or a savepoint when nested).
  base::Result<void> in_transaction(const std::function<base::Result<void>(Connection&)>& work);

  std::recursive_mutex m_mutex;  // recursive: a transaction's work may call transact again (a savepoint)
  std::unique_ptr<Connection> m_connection;
  int m_depth = 0;  // open transactions and savepoints on this connection
};

}  // namespace rbxpipe::platform::store::detail
