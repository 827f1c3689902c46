// GET /assets/v1/operations/{id}: each poll counts, the scripted number of polls (and seconds) pass before done.
#include "cloud/emulator/asset_shapes.h"

namespace rbxpipe::cloud::emulator {

namespace {

Response get_operation(RouteContext& context) {
  auto found = context.world.operations.find(context.request.captures.at(0));
  if (found == context.world.operations.end()) return status_error(404, "NOT_FOUND", "Operation not found.");
  ++found->second.polls;
  context.changed = true;
  return json_response(200, operation_resource(found->second, context.world, context.scenario, context.now));
}

}  // namespace

void add_operation_routes(std::vector<Route>& routes) {
  routes.push_back({"operations.get", "GET", std::regex("/assets/v1/operations/([^/]+)"), "operations",
                    {"asset:read"}, false, AuthMode::any, false, get_operation});
}

}  // namespace rbxpipe::cloud::emulator
