#include "cloud/client_errors.h"

#include <gtest/gtest.h>

namespace rbxpipe::cloud {
namespace {

ApiCall call_of(EndpointClass endpoint, std::string method, std::string url, std::size_t body_size = 0) {
  ApiCall call;
  call.endpoint = endpoint;
  call.request.method = std::move(method);
  call.request.url = std::move(url);
  call.request.body.assign(body_size, 'x');
  return call;
}

HttpResponse answer(int status, std::string body = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

TEST(CallLabel, IsTheMethodAndPathWithoutTheHost) {
  HttpRequest request;
  request.method = "PATCH";
  request.url = "https://apis.roblox.com/assets/v1/assets/5?updateMask=displayName";
  EXPECT_EQ(call_label(request), "PATCH /assets/v1/assets/5?updateMask=displayName");
  request.url = "http://127.0.0.1:7878";
  EXPECT_EQ(call_label(request), "PATCH /");
}

TEST(ErrorForResponse, StatusesMapToErrorCodes) {
  const ApiCall call = call_of(EndpointClass::assets, "GET", "https://h/assets/v1/assets/1");
  const std::pair<int, base::ErrorCode> cases[] = {
      {400, base::ErrorCode::invalid_input}, {401, base::ErrorCode::unauthenticated},
      {403, base::ErrorCode::forbidden},     {404, base::ErrorCode::not_found},
      {408, base::ErrorCode::timeout},       {409, base::ErrorCode::conflict},
      {413, base::ErrorCode::too_large},     {418, base::ErrorCode::invalid_input},
      {429, base::ErrorCode::rate_limited},  {499, base::ErrorCode::unavailable},
      {501, base::ErrorCode::unsupported},   {503, base::ErrorCode::unavailable},
  };
  for (const auto& [status, code] : cases) {
    EXPECT_EQ(error_for_response(call, "GET /x", answer(status)).code(), code) << status;
  }
}

TEST(ErrorForResponse, OnlyServerErrorsAndClientTimeoutsAreRetryable) {
  for (int status : {408, 499, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(status)) << status;
  for (int status : {400, 401, 403, 404, 409, 413, 429, 501}) EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(ErrorForResponse, ForbiddenWithoutScopeWordsPointsAtPermissions) {
  const ApiCall call = call_of(EndpointClass::restart_servers, "POST", "https://h/cloud/v2/universes/1:restartServers");
  const auto error = error_for_response(call, "POST /cloud/v2/universes/1:restartServers",
                                        answer(403, R"({"code":"PERMISSION_DENIED","message":"Forbidden."})"));
  EXPECT_EQ(error.message(),
            "POST /cloud/v2/universes/1:restartServers: HTTP 403: PERMISSION_DENIED: Forbidden.; the API key or its "
            "owner lacks permission (this call needs universe:write): check the key's access permissions, its "
            "experiences and its accepted IP addresses");
}

TEST(ErrorForResponse, ServerErrorOnAPlaceOver10MiBIsTooLarge) {
  const ApiCall big = call_of(EndpointClass::place_publishing, "POST", "https://h/universes/v1/1/places/2/versions",
                              11 * 1024 * 1024);
  EXPECT_TRUE(is_oversized_place_failure(big, answer(500)));
  const auto error = error_for_response(big, "POST /universes/v1/1/places/2/versions", answer(500));
  EXPECT_EQ(error.code(), base::ErrorCode::too_large);
  EXPECT_NE(error.message().find("11.0 MiB"), std::string::npos);
  const ApiCall small = call_of(EndpointClass::place_publishing, "POST", "https://h/universes/v1/1/places/2/versions",
                                1024);
  EXPECT_FALSE(is_oversized_place_failure(small, answer(500)));
}

}  // namespace
}  // namespace rbxpipe::cloud
