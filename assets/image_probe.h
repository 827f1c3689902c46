#pragma once
// Image probing: the format from magic bytes and the dimensions from the header, without decoding any pixels.

#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace rbxpipe::assets {

/// Formats we recognise; only png, jpeg, bmp and tga are accepted as image inputs.
enum class ImageFormat { unknown, png, jpeg, bmp, tga, gif, webp, svg, tiff, psd, ico, heif };

/// Lower-case name of a format ("png").
std::string_view image_format_name(ImageFormat format);

/// What a header says about an image, plus the problems found reading it.
struct ImageInfo {
  ImageFormat format = ImageFormat::unknown;  ///< detected format
  int width = 0;                              ///< pixels per row from the header (0 when unknown)
  int height = 0;                             ///< rows from the header (0 when unknown)
  std::vector<base::Diagnostic> diagnostics;  ///< errors make the image unusable

  /// True when the header was read and the format is accepted.
  bool ok() const { return !base::has_errors(diagnostics); }
};

/// The format named by the magic bytes; TGA has none, so it needs a ".tga" `path` and a sane header.
ImageFormat detect_image_format(std::string_view bytes, std::string_view path);

/// Detects the format and reads the dimensions from the header (PNG IHDR, JPEG SOFn, BMP, TGA); `path` is used
/// for diagnostics and the TGA extension. Allocates nothing proportional to the claimed dimensions.
ImageInfo probe_image(std::string_view bytes, std::string_view path);

}  // namespace rbxpipe::assets
