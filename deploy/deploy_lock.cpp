// DeployLock: leases are rows of deploy_locks; expiry is wall-clock milliseconds so other processes can judge it.
#include "deploy/deploy_lock.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <random>

namespace rbxpipe::deploy {

using platform::store::Transaction;

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string host_name() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return "unknown-host";
  return buffer;
}

// A process of this host that no longer exists cannot renew its lease: it is safe to take over at once.
bool holder_is_dead(const LockHolder& holder) {
  if (holder.host != host_name() || holder.pid <= 0) return false;
  return ::kill(static_cast<pid_t>(holder.pid), 0) != 0 && errno == ESRCH;
}

std::string new_holder_id() {
  std::random_device random;
  return host_name() + ":" + std::to_string(::getpid()) + ":" + std::to_string(random() % 1000000);
}

struct LeaseRow {
  LockHolder holder;
  std::int64_t expires_ms = 0;
};

base::Result<std::optional<LeaseRow>> read_lease(Transaction& transaction, const std::string& tenant,
                                                 const std::string& environment) {
  auto rows = transaction.query(
      "SELECT holder, host, pid, acquired_at, expires_ms FROM deploy_locks WHERE tenant = ? AND environment = ?",
      {tenant, environment});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<LeaseRow>{};
  const auto& row = rows->front();
  return std::optional<LeaseRow>{LeaseRow{{row.text(0), row.text(1), row.integer(2), row.text(3)}, row.integer(4)}};
}

std::string describe(const LockHolder& holder) {
  return "process " + std::to_string(holder.pid) + " on " + holder.host + " since " + holder.acquired_at;
}

}  // namespace

base::Result<std::unique_ptr<DeployLock>> DeployLock::acquire(platform::store::StateStore& store,
                                                              const std::string& tenant,
                                                              const std::string& environment,
                                                              const LockOptions& options) {
  const std::string holder = new_holder_id();
  const auto deadline = std::chrono::steady_clock::now() + options.wait;
  while (true) {
    std::optional<LockHolder> blocker;
    auto taken = store.transact([&](Transaction& transaction) -> base::Result<void> {
      auto lease = read_lease(transaction, tenant, environment);
      if (!lease) return std::move(lease).error();
      if (*lease && (*lease)->expires_ms > now_ms() && !holder_is_dead((*lease)->holder)) {
        blocker = (*lease)->holder;
        return {};
      }
      auto changed = transaction.execute(
          "INSERT INTO deploy_locks (tenant, environment, holder, host, pid, acquired_at, expires_ms) VALUES "
          "(?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, environment) DO UPDATE SET holder = excluded.holder, "
          "host = excluded.host, pid = excluded.pid, acquired_at = excluded.acquired_at, "
          "expires_ms = excluded.expires_ms",
          {tenant, environment, holder, host_name(), std::int64_t{::getpid()},
           base::format_rfc3339(std::chrono::system_clock::now()), now_ms() + options.lease.count()});
      if (!changed) return std::move(changed).error();
      return {};
    });
    if (!taken) return std::move(taken).error();
    if (!blocker) {
      return std::unique_ptr<DeployLock>(new DeployLock(store, tenant, environment, holder, options.lease));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return base::Error(base::ErrorCode::conflict,
                         "environment '" + environment + "' is being deployed by " + describe(*blocker) +
                             "; wait for it (--lock-wait SECONDS) or break the lock with --force-unlock");
    }
    std::this_thread::sleep_for(options.poll);
  }
}

base::Result<std::optional<LockHolder>> DeployLock::force_unlock(platform::store::StateStore& store,
                                                                 const std::string& tenant,
                                                                 const std::string& environment) {
  std::optional<LockHolder> removed;
  auto done = store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto lease = read_lease(transaction, tenant, environment);
    if (!lease) return std::move(lease).error();
    if (*lease) removed = (*lease)->holder;
    auto changed = transaction.execute("DELETE FROM deploy_locks WHERE tenant = ? AND environment = ?",
                                       {tenant, environment});
    if (!changed) return std::move(changed).error();
    return {};
  });
  if (!done) return std::move(done).error();
  return removed;
}

base::Result<std::optional<LockHolder>> DeployLock::holder(platform::store::StateStore& store,
                                                           const std::string& tenant,
                                                           const std::string& environment) {
  std::optional<LockHolder> found;
  auto done = store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto lease = read_lease(transaction, tenant, environment);
    if (!lease) return std::move(lease).error();
    if (*lease) found = (*lease)->holder;
    return {};
  });
  if (!done) return std::move(done).error();
  return found;
}

DeployLock::DeployLock(platform::store::StateStore& store, std::string tenant, std::string environment,
                       std::string holder, std::chrono::milliseconds lease)
    : m_store(store),
      m_tenant(std::move(tenant)),
      m_environment(std::move(environment)),
      m_holder(std::move(holder)),
      m_lease(lease) {
  m_renewer = std::thread([this] { renew_loop(); });
}

DeployLock::~DeployLock() { release(); }

void DeployLock::renew_loop() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    m_stop_signal.wait_for(lock, std::max(m_lease / 3, std::chrono::milliseconds(10)),
                           [this] { return m_stopping; });
    if (m_stopping) break;
    lock.unlock();
    std::int64_t changed_rows = 0;
    auto renewed = m_store.transact([&](Transaction& transaction) -> base::Result<void> {
      auto changed = transaction.execute(
          "UPDATE deploy_locks SET expires_ms = ? WHERE tenant = ? AND environment = ? AND holder = ?",
          {now_ms() + m_lease.count(), m_tenant, m_environment, m_holder});
      if (!changed) return std::move(changed).error();
      changed_rows = *changed;
      return {};
    });
    lock.lock();
    // A failed renewal (database busy) is tried again next period; a lease someone else took is lost for good.
    if (renewed && changed_rows == 0) m_held = false;
  }
}

void DeployLock::release() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_stopping = true;
  }
  m_stop_signal.notify_all();
  if (m_renewer.joinable()) m_renewer.join();
  auto removed = m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto changed = transaction.execute("DELETE FROM deploy_locks WHERE tenant = ? AND environment = ? AND holder = ?",
                                       {m_tenant, m_environment, m_holder});
    if (!changed) return std::move(changed).error();
    return {};
  });
  (void)removed;  // a lease we could not delete expires on its own
}

bool DeployLock::held() const {
  std::lock_guard lock(m_mutex);
  return m_held;
}

}  // namespace rbxpipe::deploy
