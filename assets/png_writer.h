#pragma once
// Deterministic PNG encoding: the same pixels always give the same bytes.

#include <string>

#include "assets/image.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// Encodes `image` as an 8-bit RGBA PNG; invalid_input for empty or inconsistent images.
base::Result<std::string> encode_png(const Image& image);

}  // namespace rbxpipe::assets
