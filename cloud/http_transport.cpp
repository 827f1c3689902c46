#include "cloud/http_transport.h"

#include <algorithm>
#include <cctype>

namespace rbxpipe::cloud {

namespace {

// The context entry that says the request left this process. A context entry (rather than a separate flag) keeps
// base::Error free of transport knowledge and survives the context callers add on top.
constexpr std::string_view k_sent_marker = "request sent";

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void HttpHeaders::add(std::string name, std::string value) { m_fields.emplace_back(std::move(name), std::move(value)); }

void HttpHeaders::set(std::string name, std::string value) {
  std::erase_if(m_fields, [&](const auto& field) { return equals_ignoring_case(field.first, name); });
  m_fields.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> HttpHeaders::get(std::string_view name) const {
  for (const auto& [field, value] : m_fields) {
    if (equals_ignoring_case(field, name)) return value;
  }
  return std::nullopt;
}

bool request_may_have_arrived(const base::Error& error) {
  const auto& context = error.context();
  return std::find(context.begin(), context.end(), k_sent_marker) != context.end();
}

base::Error mark_may_have_arrived(base::Error error) {
  if (request_may_have_arrived(error)) return error;
  // with_context prepends, so rebuild the chain to put the marker innermost, next to the transport's message.
  base::Error marked = base::Error(error.code(), error.message()).with_context(std::string(k_sent_marker));
  const auto& context = error.context();
  for (auto it = context.rbegin(); it != context.rend(); ++it) marked = std::move(marked).with_context(*it);
  return marked;
}

}  // namespace rbxpipe::cloud
