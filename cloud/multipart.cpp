#include "cloud/multipart.h"

#include "base/sha256.h"

namespace rbxpipe::cloud {
namespace {

// Quotes and backslashes in field and file names would end the quoted string early.
std::string quote_field(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\r' || c == '\n') continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace

MultipartBody encode_multipart(const std::vector<MultipartPart>& parts) {
  std::string seed;
  for (const auto& part : parts) seed += base::sha256_hex(part.content);
  std::string boundary = "rbxpipe-" + base::sha256_hex(seed).substr(0, 32);
  // A 128-bit hash collision with file content is not a practical concern, but checking is cheap.
  for (int salt = 0;; ++salt) {
    bool clash = false;
    for (const auto& part : parts) clash = clash || part.content.find(boundary) != std::string::npos;
    if (!clash) break;
    boundary = "rbxpipe-" + base::sha256_hex(seed + std::to_string(salt)).substr(0, 32);
  }
  MultipartBody out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  std::size_t size = 0;
  for (const auto& part : parts) size += part.content.size() + 200;
  out.body.reserve(size);
  for (const auto& part : parts) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=" + quote_field(part.name);
    if (!part.file_name.empty()) out.body += "; filename=" + quote_field(part.file_name);
    out.body += "\r\n";
    if (!part.content_type.empty()) out.body += "Content-Type: " + part.content_type + "\r\n";
    out.body += "\r\n";
    out.body += part.content;
    out.body += "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace rbxpipe::cloud
