#pragma once
// Size limits for image inputs: what Roblox refuses, what it downscales, and what is suspiciously small.

#include <string_view>
#include <vector>

#include "assets/image_probe.h"
#include "base/diagnostic.h"

namespace rbxpipe::assets {

/// The sizes that decide whether an image is refused or warned about.
struct ImageLimits {
  int max_size = 1024;     ///< larger sides are warned about (and downscaled when processing asks for it)
  int refuse_size = 8000;  ///< a side of this many pixels or more is refused before decoding
  int tiny_size = 8;       ///< a side of this many pixels or fewer is warned about
};

/// Diagnostics for the header dimensions in `info`: an error at refuse_size or more, a warning above max_size
/// (saying whether it will be downscaled) and a warning at tiny_size or less.
std::vector<base::Diagnostic> check_image_limits(const ImageInfo& info, std::string_view path, const ImageLimits& limits,
                                                 bool will_downscale);

}  // namespace rbxpipe::assets
