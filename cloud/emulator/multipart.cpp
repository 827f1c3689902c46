#include "cloud/emulator/multipart.h"

#include "cloud/emulator/exchange.h"

namespace rbxpipe::cloud::emulator {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Reads `key=value` parameters after the first ';' of a header value; values may be quoted with \" escapes.
std::optional<std::string> header_parameter(std::string_view value, std::string_view wanted) {
  std::size_t at = value.find(';');
  while (at != std::string_view::npos && at < value.size()) {
    ++at;
    while (at < value.size() && (value[at] == ' ' || value[at] == '\t')) ++at;
    std::size_t equals = value.find('=', at);
    if (equals == std::string_view::npos) return std::nullopt;
    std::string key = to_lower(trim(value.substr(at, equals - at)));
    std::size_t cursor = equals + 1;
    std::string parsed;
    if (cursor < value.size() && value[cursor] == '"') {
      ++cursor;
      while (cursor < value.size() && value[cursor] != '"') {
        if (value[cursor] == '\\' && cursor + 1 < value.size()) ++cursor;
        parsed += value[cursor++];
      }
      ++cursor;  // closing quote
      at = value.find(';', cursor);
    } else {
      std::size_t end = value.find(';', cursor);
      parsed = std::string(trim(value.substr(cursor, end == std::string_view::npos ? end : end - cursor)));
      at = end;
    }
    if (key == wanted) return parsed;
  }
  return std::nullopt;
}

// Finds "--boundary" at the start of a line (or of the body) from `from`.
std::size_t find_delimiter(std::string_view body, const std::string& delimiter, std::size_t from) {
  std::size_t at = body.find(delimiter, from);
  while (at != std::string_view::npos) {
    if (at == 0 || body[at - 1] == '\n') return at;
    at = body.find(delimiter, at + 1);
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto boundary = header_parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return std::nullopt;
  return boundary;
}

base::Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::vector<MultipartPart> parts;
  std::size_t at = find_delimiter(body, delimiter, 0);
  if (at == std::string_view::npos) {
    return base::Error(base::ErrorCode::invalid_input, "the multipart boundary does not occur in the body");
  }
  while (true) {
    std::size_t after = at + delimiter.size();
    if (body.substr(after, 2) == "--") return parts;  // the close delimiter
    std::size_t line_end = body.find('\n', after);
    if (line_end == std::string_view::npos) break;
    std::size_t cursor = line_end + 1;
    MultipartPart part;
    // Part headers, up to an empty line.
    while (true) {
      std::size_t end = body.find('\n', cursor);
      if (end == std::string_view::npos) {
        return base::Error(base::ErrorCode::invalid_input, "a multipart part's headers never end");
      }
      std::string_view line = trim(body.substr(cursor, end - cursor));
      cursor = end + 1;
      if (line.empty()) break;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = to_lower(trim(line.substr(0, colon)));
      std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        part.name = header_parameter(value, "name").value_or("");
        part.filename = header_parameter(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    std::size_t next = find_delimiter(body, delimiter, cursor);
    if (next == std::string_view::npos) {
      return base::Error(base::ErrorCode::invalid_input, "the multipart body has no closing boundary");
    }
    // The line break before the delimiter belongs to the delimiter, not to the part.
    std::size_t content_end = next;
    if (content_end > cursor && body[content_end - 1] == '\n') --content_end;
    if (content_end > cursor && body[content_end - 1] == '\r') --content_end;
    part.body = std::string(body.substr(cursor, content_end - cursor));
    if (part.name.empty()) return base::Error(base::ErrorCode::invalid_input, "a multipart part has no name");
    parts.push_back(std::move(part));
    at = next;
  }
  return base::Error(base::ErrorCode::invalid_input, "the multipart body has no closing boundary");
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace rbxpipe::cloud::emulator
