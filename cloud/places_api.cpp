#include "cloud/places_api.h"

#include "cloud/resource_json.h"

namespace rbxpipe::cloud {

base::Result<std::int64_t> PlacesApi::publish(std::int64_t universe_id, std::int64_t place_id,
                                              const std::string& bytes, bool binary, PlaceVersionType type) {
  HttpRequest request;
  request.method = "POST";
  request.url = "/universes/v1/" + std::to_string(universe_id) + "/places/" + std::to_string(place_id) +
                "/versions?versionType=" + (type == PlaceVersionType::published ? "Published" : "Saved");
  request.headers.set("Content-Type", binary ? "application/octet-stream" : "application/xml");
  request.body = bytes;
  std::string what = std::string("publish place ") + std::to_string(place_id) + " of universe " +
                     std::to_string(universe_id) + (type == PlaceVersionType::published ? " (Published)" : " (Saved)");
  // A repeated publish only adds a version, so lost answers are retried (bounded by the client).
  auto response = m_client.call(ApiCall{EndpointClass::place_publishing, Idempotency::repeatable, std::move(request)});
  if (!response) {
    auto error = std::move(response).error();
    if (error.code() == base::ErrorCode::conflict)
      return base::Error{base::ErrorCode::conflict,
                         error.message() + " (a 409 usually means the place is open in Team Create, or is not part "
                                           "of the universe; close Team Create and publish again)"}
          .with_context(what);
    if (error.code() == base::ErrorCode::unavailable && bytes.size() > (std::size_t{10} << 20))
      return base::Error{base::ErrorCode::too_large,
                         error.message() + " (the file is " + std::to_string(bytes.size() >> 20) +
                             " MiB; Open Cloud refuses places over 10 MiB with a 500, so this will not pass by "
                             "retrying: make the place smaller or use .rbxl instead of .rbxlx)"}
          .with_context(what);
    return std::move(error).with_context(what);
  }
  // The answer is JSON whatever its Content-Type says (text/plain in the reference).
  auto json = detail::parse_body(response->http.body, what);
  if (!json) return std::move(json).error();
  auto version = detail::integer_field(*json, "versionNumber");
  if (!version) return base::Error{base::ErrorCode::unavailable, what + ": the answer has no versionNumber"};
  return *version;
}

}  // namespace rbxpipe::cloud
