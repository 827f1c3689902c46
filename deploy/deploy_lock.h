#pragma once
// DeployLock: a lease on (tenant, environment) in the state database, so two deploys never publish to the same
// place at once. The holder renews it from a background thread; a lease whose holder stopped renewing expires, and
// one held by a process of this host that no longer exists is taken over at once.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/result.h"
#include "platform/store/state_store.h"

namespace rbxpipe::deploy {

/// How a lease is taken.
struct LockOptions {
  std::chrono::milliseconds lease{30'000};    ///< how long a lease lasts without renewal
  std::chrono::milliseconds wait{0};          ///< how long to wait for a held lease (0: fail at once)
  std::chrono::milliseconds poll{250};        ///< how often to look again while waiting
};

/// Who holds a lease.
struct LockHolder {
  std::string holder;       ///< "host:pid:nonce"
  std::string host;         ///< host name
  std::int64_t pid = 0;     ///< process id on that host
  std::string acquired_at;  ///< RFC 3339 UTC
};

/// A held lease; released (row deleted) by release() or the destructor.
class DeployLock {
 public:
  /// Takes the lease for `environment` of `tenant`: conflict naming the holder when it is held past `options.wait`.
  static base::Result<std::unique_ptr<DeployLock>> acquire(platform::store::StateStore& store,
                                                           const std::string& tenant, const std::string& environment,
                                                           const LockOptions& options = {});
  /// Breaks any lease on `environment` (`--force-unlock`); returns the holder that was removed, if any.
  static base::Result<std::optional<LockHolder>> force_unlock(platform::store::StateStore& store,
                                                              const std::string& tenant,
                                                              const std::string& environment);
  /// The current holder, if any (expired leases included).
  static base::Result<std::optional<LockHolder>> holder(platform::store::StateStore& store, const std::string& tenant,
                                                        const std::string& environment);

  ~DeployLock();
  DeployLock(const DeployLock&) = delete;
  DeployLock& operator=(const DeployLock&) = delete;

  /// Stops renewing and deletes the lease when it is still ours.
  void release();
  /// False once a renewal found the lease taken by someone else (the deploy must stop before its next side effect).
  bool held() const;

 private:
  DeployLock(platform::store::StateStore& store, std::string tenant, std::string environment, std::string holder,
             std::chrono::milliseconds lease);
  void renew_loop();

  platform::store::StateStore& m_store;
  std::string m_tenant;
  std::string m_environment;
  std::string m_holder;
  std::chrono::milliseconds m_lease;
  mutable std::mutex m_mutex;
  std::condition_variable m_stop_signal;
  bool m_stopping = false;
  bool m_held = true;
  std::thread m_renewer;
};

}  // namespace rbxpipe::deploy
