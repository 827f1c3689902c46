#include "cloud/operations_api.h"

#include <algorithm>

#include "base/clock.h"
#include "cloud/resource_json.h"

namespace rbxpipe::cloud {
namespace {

base::Clock& system_clock() {
  static base::SystemClock clock;
  return clock;
}

}  // namespace

OperationsApi::OperationsApi(OpenCloudClient& client, base::Clock* clock)
    : m_client(client), m_clock(clock != nullptr ? clock : client.options().clock) {
  if (m_clock == nullptr) m_clock = &system_clock();
}

base::Result<Operation> OperationsApi::get(const std::string& operation_id) {
  HttpRequest request;
  request.url = "/assets/v1/operations/" + operation_id;
  auto response = m_client.call(ApiCall{EndpointClass::operations, Idempotency::safe, std::move(request)});
  std::string what = "poll operation " + operation_id;
  if (!response) return std::move(response).error().with_context(what);
  auto json = detail::parse_body(response->http.body, what);
  if (!json) return std::move(json).error();
  Operation operation = detail::operation_from(*json);
  if (operation.operation_id.empty()) operation.operation_id = operation_id;
  return operation;
}

base::Result<Operation> OperationsApi::wait(const std::string& operation_id, const OperationWait& wait) {
  auto started = m_clock->monotonic();
  auto delay = wait.first_delay;
  while (true) {
    auto operation = get(operation_id);
    if (!operation) return operation;
    if (operation->done) return operation;
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock->monotonic() - started);
    if (elapsed + delay > wait.timeout)
      return base::Error{base::ErrorCode::timeout, "operation " + operation_id + " is still running after " +
                                                       std::to_string(elapsed.count() / 1000) +
                                                       " s; it can be resumed later with its id"};
    m_clock->sleep_for(delay);
    delay = std::min(wait.max_delay, std::chrono::milliseconds(static_cast<std::int64_t>(
                                         static_cast<double>(delay.count()) * wait.factor)));
  }
}

}  // namespace rbxpipe::cloud
