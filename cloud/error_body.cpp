// Error bodies come from several layers (gateway, v1 and v2 services, ASP.NET, HTML fronts), see open-cloud.md §5.3.
// Each shape is recognised by its fields; anything else falls back to text, so no body can make this fail.

#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "cloud/client.h"

namespace rbxpipe::cloud {

namespace {

constexpr std::size_t k_max_message = 400;

std::string_view reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 499: return "Client Closed Request";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return status >= 500 ? "Server Error" : "Error";
  }
}

// Collapses whitespace runs and control characters to single spaces and bounds the length, so a message is one
// readable line whatever the server put in it.
std::string tidy(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c) != 0 || c < 0x20 || c == 0x7f) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  if (out.size() > k_max_message) out = out.substr(0, k_max_message) + "...";
  return out;
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string join(const std::string& a, std::string_view separator, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + std::string(separator) + b;
}

// "{"errors":{"assetId":["The value 'a' is not valid."]}}" -> "assetId: The value 'a' is not valid."
std::string validation_errors(const nlohmann::json& errors) {
  std::string out;
  for (const auto& [field, problems] : errors.items()) {
    std::string text;
    if (problems.is_array()) {
      for (const auto& problem : problems) text = join(text, " ", text_of(problem));
    } else {
      text = text_of(problems);
    }
    out = join(out, "; ", field.empty() ? text : field + ": " + text);
  }
  return out;
}

// Gateway: {"errors":[{"code":0,"message":"Invalid API Key"}]}
std::string gateway_errors(const nlohmann::json& errors) {
  std::string out;
  for (const auto& entry : errors) {
    if (entry.is_object() && entry.contains("message")) {
      out = join(out, "; ", text_of(entry["message"]));
    } else {
      out = join(out, "; ", text_of(entry));
    }
  }
  return out;
}

std::string from_object(const nlohmann::json& doc) {
  // Our own and some services' nesting: {"error":{"code":..,"message":..}}.
  if (auto error = doc.find("error"); error != doc.end() && error->is_object()) return from_object(*error);
  if (auto errors = doc.find("errors"); errors != doc.end()) {
    if (errors->is_array()) return gateway_errors(*errors);
    if (errors->is_object()) {
      const std::string title = doc.contains("title") ? text_of(doc["title"]) : std::string();
      return join(title, " ", validation_errors(*errors));
    }
  }
  std::string code;
  if (auto found = doc.find("code"); found != doc.end() && found->is_string()) code = found->get<std::string>();
  if (auto found = doc.find("error"); found != doc.end() && found->is_string()) code = found->get<std::string>();
  std::string message;
  if (auto found = doc.find("message"); found != doc.end()) message = text_of(*found);
  if (message.empty() && doc.contains("title")) {
    // ASP.NET problem+json: the title is the message, the trace id is what support asks for.
    message = text_of(doc["title"]);
    if (auto detail = doc.find("detail"); detail != doc.end()) message = join(message, " ", text_of(*detail));
    std::string trace;
    if (auto found = doc.find("traceId"); found != doc.end()) trace = text_of(*found);
    auto extensions = doc.find("extensions");
    if (trace.empty() && extensions != doc.end() && extensions->is_object() && extensions->contains("traceId")) {
      trace = text_of((*extensions)["traceId"]);
    }
    if (!trace.empty()) message += " (trace " + trace + ")";
  }
  if (auto details = doc.find("errorDetails"); details != doc.end() && details->is_array()) {
    for (const auto& detail : *details) {
      if (detail.is_object() && detail.contains("errorDetailType")) {
        message = join(message, " ", "[" + text_of(detail["errorDetailType"]) + "]");
      }
    }
  }
  if (!code.empty() && !message.empty() && message.find(code) == std::string::npos) return code + ": " + message;
  return message.empty() ? code : message;
}

// The most telling text of an HTML error page: an element of class "error-message" (the legacy web tier), else
// the title, else the visible text.
std::string from_html(std::string_view html) {
  auto inner_text = [](std::string_view fragment) {
    std::string text;
    bool in_tag = false;
    for (char ch : fragment) {
      if (ch == '<') {
        in_tag = true;
        text += ' ';
      } else if (ch == '>') {
        in_tag = false;
      } else if (!in_tag) {
        text += ch;
      }
    }
    return tidy(text);
  };
  auto element_after = [&](std::size_t at) -> std::string {
    const auto open_end = html.find('>', at);
    if (open_end == std::string_view::npos) return {};
    const auto close = html.find("</", open_end);
    return inner_text(html.substr(open_end + 1, close == std::string_view::npos ? std::string_view::npos
                                                                                : close - open_end - 1));
  };
  if (auto at = html.find("error-message"); at != std::string_view::npos) {
    if (std::string text = element_after(at); !text.empty()) return text;
  }
  std::string lowered(html.substr(0, 4096));
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto at = lowered.find("<title"); at != std::string::npos) {
    if (std::string text = element_after(at); !text.empty()) return text;
  }
  auto body = lowered.find("<body");
  return inner_text(body == std::string::npos ? html : html.substr(body));
}

bool looks_like_html(std::string_view body) {
  const auto start = body.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && body[start] == '<';
}

}  // namespace

std::string error_message_from_body(int status, std::string_view body) {
  std::string message;
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_discarded()) {
    if (doc.is_object()) {
      message = from_object(doc);
    } else if (doc.is_string()) {
      message = doc.get<std::string>();  // e.g. "\"InvalidImage\""
    } else if (doc.is_array()) {
      message = gateway_errors(doc);
    }
  } else if (looks_like_html(body)) {
    message = from_html(body);
  } else {
    message = std::string(body);
  }
  message = tidy(message);
  if (message.empty()) return std::string(reason_phrase(status)) + " (no details in the response)";
  return message;
}

}  // namespace rbxpipe::cloud
