#include <gtest/gtest.h>

#include "cloud/client.h"

namespace rbxpipe::cloud {
namespace {

TEST(ErrorBody, GatewayErrorsArrayGivesItsMessages) {
  EXPECT_EQ(error_message_from_body(401, R"({"errors":[{"code":0,"message":"Invalid API Key"}]})"),
            "Invalid API Key");
  EXPECT_EQ(error_message_from_body(401, R"({"errors":[{"code":0,"message":"A"},{"code":0,"message":"B"}]})"), "A; B");
}

TEST(ErrorBody, V2StatusGivesCodeAndMessage) {
  EXPECT_EQ(error_message_from_body(400, R"({"code":"INVALID_ARGUMENT","message":"AssetName is moderated.","details":[]})"),
            "INVALID_ARGUMENT: AssetName is moderated.");
}

TEST(ErrorBody, V1ErrorFieldGivesCodeMessageAndDetailTypes) {
  EXPECT_EQ(error_message_from_body(
                403, R"({"error":"INSUFFICIENT_SCOPE","message":"Missing scope.","errorDetails":[{"errorDetailType":"ScopeDetail"}]})"),
            "INSUFFICIENT_SCOPE: Missing scope. [ScopeDetail]");
}

TEST(ErrorBody, ValidationProblemListsFieldErrors) {
  const auto message = error_message_from_body(
      400, R"({"errors":{"assetId":["The value 'a' is not valid."]},"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1",)"
           R"("title":"One or more validation errors occurred.","status":400,"extensions":{"traceId":"00-abc"}})");
  EXPECT_EQ(message, "One or more validation errors occurred. assetId: The value 'a' is not valid.");
}

TEST(ErrorBody, ProblemJsonGivesTitleAndTrace) {
  EXPECT_EQ(error_message_from_body(500, R"({"type":"https://tools.ietf.org/html/rfc7231#section-6.6.1",)"
                                         R"("title":"An error occurred while processing your request.","status":500,"traceId":"00-9f"})"),
            "An error occurred while processing your request. (trace 00-9f)");
}

TEST(ErrorBody, OperationStatusWithNumericCodeGivesMessage) {
  EXPECT_EQ(error_message_from_body(200, R"({"code":3,"message":"InvalidImage","details":[]})"), "InvalidImage");
}

TEST(ErrorBody, NestedErrorObjectIsRead) {
  EXPECT_EQ(error_message_from_body(409, R"({"error":{"code":"conflict","message":"deploy lock held"}})"),
            "conflict: deploy lock held");
}

TEST(ErrorBody, JsonStringBodyIsTheMessage) {
  EXPECT_EQ(error_message_from_body(400, R"("InvalidImage")"), "InvalidImage");
}

TEST(ErrorBody, HtmlPageGivesItsErrorMessageElement) {
  const std::string html =
      "<!DOCTYPE html><html><head><title>Roblox</title></head><body><div class=\"request-error-page-content\">"
      "<h3 class=\"error-message\">\n  Bad Request\n </h3></div></body></html>";
  EXPECT_EQ(error_message_from_body(400, html), "Bad Request");
}

TEST(ErrorBody, HtmlPageWithoutErrorElementGivesItsTitle) {
  EXPECT_EQ(error_message_from_body(502, "<html><head><TITLE>502 Bad Gateway</TITLE></head><body><h1>502</h1></body></html>"),
            "502 Bad Gateway");
}

TEST(ErrorBody, EmptyBodyGivesTheReasonPhrase) {
  EXPECT_EQ(error_message_from_body(503, ""), "Service Unavailable (no details in the response)");
  EXPECT_EQ(error_message_from_body(429, "  \n"), "Too Many Requests (no details in the response)");
}

TEST(ErrorBody, PlainTextAndMalformedJsonAreTidiedText) {
  EXPECT_EQ(error_message_from_body(500, "upstream\r\n  connect error"), "upstream connect error");
  EXPECT_EQ(error_message_from_body(500, "{\"code\": \"INTERNAL\", "), "{\"code\": \"INTERNAL\",");
}

TEST(ErrorBody, LongBodiesAreCut) {
  const auto message = error_message_from_body(500, std::string(5000, 'x'));
  EXPECT_LT(message.size(), 500u);
  EXPECT_TRUE(message.ends_with("..."));
}

}  // namespace
}  // namespace rbxpipe::cloud
