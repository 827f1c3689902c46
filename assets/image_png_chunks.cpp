#include "assets/image_png_chunks.h"

#include <zlib.h>

#include <cstdio>
#include <string>

#include "assets/image_bytes.h"
#include "assets/image_diagnostic.h"

namespace rbxpipe::assets {
namespace {

std::string hex32(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

// Chunk types are four ASCII letters; anything else is shown escaped so the message stays printable.
std::string printable_type(std::string_view type) {
  std::string out;
  for (char c : type) {
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    out += letter ? std::string(1, c) : "?";
  }
  return out;
}

}  // namespace

std::vector<base::Diagnostic> verify_png_chunks(std::string_view bytes, std::string_view path) {
  std::vector<base::Diagnostic> diagnostics;
  auto fail = [&](std::string_view code, std::string message) {
    diagnostics.push_back(image_diagnostic(base::Severity::error, code, path, std::move(message)));
    return diagnostics;
  };
  std::size_t pos = 8;
  while (true) {
    auto length = image_bytes::be(bytes, pos, 4);
    if (!length || bytes.size() - pos < 8) {
      return fail(image_codes::k_corrupt_header, "truncated PNG: the file ends at byte " + std::to_string(bytes.size()) +
                                                     " before the IEND chunk");
    }
    std::string type = printable_type(bytes.substr(pos + 4, 4));
    // 12 = length + type + CRC around the data.
    if (*length > 0x7fffffffu || bytes.size() - pos < 12 || bytes.size() - pos - 12 < *length) {
      return fail(image_codes::k_corrupt_header, "truncated PNG: chunk " + type + " at byte " + std::to_string(pos) +
                                                     " claims " + std::to_string(*length) + " bytes but the file ends at byte " +
                                                     std::to_string(bytes.size()));
    }
    auto covered = bytes.substr(pos + 4, 4 + *length);
    auto computed = static_cast<std::uint32_t>(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(covered.data()), static_cast<uInt>(covered.size())));
    auto stored = *image_bytes::be(bytes, pos + 8 + *length, 4);
    if (computed != stored) {
      return fail(image_codes::k_bad_chunk_crc, "corrupt PNG: chunk " + type + " at byte " + std::to_string(pos) +
                                                    " has CRC " + hex32(stored) + " but its contents give " + hex32(computed));
    }
    if (type == "IEND") return diagnostics;
    pos += 12 + *length;
  }
}

}  // namespace rbxpipe::assets
