#pragma once
// Asset operations: poll one, or wait for it with backoff (open-cloud.md §1.2). A missing `done` means false.

#include <chrono>
#include <string>

#include "base/result.h"
#include "cloud/client.h"
#include "cloud/models.h"

namespace rbxpipe::cloud {

/// How long and how often to poll.
struct OperationWait {
  std::chrono::milliseconds first_delay{1000};  ///< before the second poll (the first is immediate)
  double factor = 2.0;                          ///< each delay multiplies by this
  std::chrono::milliseconds max_delay{10'000};  ///< delay cap
  std::chrono::milliseconds timeout{180'000};   ///< give up after this (the operation id stays valid)
};

/// Polls operations over a client.
class OperationsApi {
 public:
  /// Uses `client`, which must outlive this; waits sleep on `clock` (nullptr: the client's clock).
  explicit OperationsApi(OpenCloudClient& client, base::Clock* clock = nullptr);

  /// The operation now.
  base::Result<Operation> get(const std::string& operation_id);
  /// Polls until done; a done operation with an error is returned as is (not an Error). timeout when it is still
  /// running after `wait.timeout` (the message carries the operation id, to resume later).
  base::Result<Operation> wait(const std::string& operation_id, const OperationWait& wait = {});

 private:
  OpenCloudClient& m_client;
  base::Clock* m_clock;
};

}  // namespace rbxpipe::cloud
