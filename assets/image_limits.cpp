#include "assets/image_limits.h"

#include <algorithm>
#include <string>

#include "assets/image_diagnostic.h"

namespace rbxpipe::assets {

std::vector<base::Diagnostic> check_image_limits(const ImageInfo& info, std::string_view path, const ImageLimits& limits,
                                                 bool will_downscale) {
  std::vector<base::Diagnostic> diagnostics;
  std::string size = std::to_string(info.width) + "x" + std::to_string(info.height);
  int longest = std::max(info.width, info.height);
  int shortest = std::min(info.width, info.height);
  if (longest >= limits.refuse_size) {
    diagnostics.push_back(image_diagnostic(base::Severity::error, image_codes::k_too_large, path,
                                           "image is " + size + ": a side of " + std::to_string(limits.refuse_size) +
                                               " px or more is refused",
                                           "scale it down to " + std::to_string(limits.max_size) + " px or less"));
    return diagnostics;
  }
  if (longest > limits.max_size) {
    std::string outcome = will_downscale ? "it will be downscaled" : "Roblox will downscale it";
    diagnostics.push_back(image_diagnostic(base::Severity::warning, image_codes::k_above_maximum, path,
                                           "image is " + size + ", larger than the maximum of " +
                                               std::to_string(limits.max_size) + " px: " + outcome));
  }
  if (shortest > 0 && shortest <= limits.tiny_size) {
    diagnostics.push_back(image_diagnostic(base::Severity::warning, image_codes::k_tiny, path,
                                           "image is " + size + ": a side of " + std::to_string(limits.tiny_size) +
                                               " px or less is unusually small",
                                           "check that this is the intended file; small icons can go in a spritesheet"));
  }
  return diagnostics;
}

}  // namespace rbxpipe::assets
