#pragma once
// PNG chunk walk: every chunk's bounds and CRC (zlib crc32), which stb_image does not verify.

#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace rbxpipe::assets {

/// Walks the chunks of a PNG (signature already checked) up to IEND; one error naming the chunk and its byte
/// offset for a bad CRC, a chunk running past the end, or a file ending before IEND. Empty when all is well.
std::vector<base::Diagnostic> verify_png_chunks(std::string_view bytes, std::string_view path);

}  // namespace rbxpipe::assets
