#include "assets/image_process.h"

#include "assets/image_bleed.h"
#include "assets/image_decode.h"
#include "assets/image_diagnostic.h"
#include "assets/image_resize.h"
#include "assets/png_writer.h"

namespace rbxpipe::assets {

ProcessedImage process_image(std::string_view bytes, std::string_view path, const ImageOptions& options) {
  ProcessedImage result;
  ImageLimits limits;
  limits.max_size = options.max_size;
  DecodedImage decoded = decode_image(bytes, path, limits, options.downscale);
  result.source_format = decoded.format;
  result.diagnostics = std::move(decoded.diagnostics);
  if (!decoded.image) return result;
  Image image = std::move(*decoded.image);
  bool too_large = fit_within(image.width, image.height, options.max_size) != ImageSize{image.width, image.height};
  if (options.downscale && too_large) image = downscale(image, options.max_size);
  if (options.bleed) bleed_alpha(image);
  auto png = encode_png(image);
  if (!png) {
    result.diagnostics.push_back(image_diagnostic(base::Severity::error, image_codes::k_decode_failed, path,
                                                  "image could not be encoded as PNG: " + png.error().message()));
    return result;
  }
  result.png = std::move(png).value();
  result.width = image.width;
  result.height = image.height;
  return result;
}

}  // namespace rbxpipe::assets
