#pragma once
// multipart/form-data bodies (RFC 7578) for asset uploads and rollbacks.

#include <string>
#include <string_view>
#include <vector>

namespace rbxpipe::cloud {

/// One part.
struct MultipartPart {
  std::string name;          ///< form field name ("request", "fileContent")
  std::string content;       ///< the bytes
  std::string file_name;     ///< empty: a plain field
  std::string content_type;  ///< empty: none sent
};

/// A body and the Content-Type header value that goes with it.
struct MultipartBody {
  std::string content_type;  ///< "multipart/form-data; boundary=..."
  std::string body;          ///< the encoded parts
};

/// Encodes parts with a boundary that occurs in none of them (derived from their content, so the same parts give the
/// same bytes).
MultipartBody encode_multipart(const std::vector<MultipartPart>& parts);

}  // namespace rbxpipe::cloud
