#include "cloud/emulator/exchange.h"

#include <algorithm>

namespace rbxpipe::cloud::emulator {

std::string to_lower(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return lowered;
}

std::optional<std::string> Request::header(std::string_view name) const {
  std::string wanted = to_lower(name);
  for (const auto& [key, value] : headers) {
    if (key == wanted) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string Request::media_type() const {
  std::string type = header("content-type").value_or("");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  std::size_t start = type.find_first_not_of(" \t");
  return to_lower(start == std::string::npos ? "" : type.substr(start));
}

void Response::set_header(std::string name, std::string value) {
  std::string lowered = to_lower(name);
  std::erase_if(headers, [&](const auto& field) { return to_lower(field.first) == lowered; });
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  std::string lowered = to_lower(name);
  for (const auto& [key, value] : headers) {
    if (to_lower(key) == lowered) return value;
  }
  return std::nullopt;
}

}  // namespace rbxpipe::cloud::emulator
