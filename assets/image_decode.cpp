#include "assets/image_decode.h"

#include <stb_image.h>

#include <climits>
#include <cstring>
#include <memory>
#include <string>

#include "assets/image_diagnostic.h"
#include "assets/image_png_chunks.h"

namespace rbxpipe::assets {
namespace {

void append(std::vector<base::Diagnostic>& to, std::vector<base::Diagnostic> from) {
  for (auto& diagnostic : from) to.push_back(std::move(diagnostic));
}

std::string upper_name(ImageFormat format) {
  std::string name(image_format_name(format));
  for (char& c : name) c = static_cast<char>(c - ('a' <= c && c <= 'z' ? 'a' - 'A' : 0));
  return name;
}

}  // namespace

DecodedImage decode_image(std::string_view bytes, std::string_view path, const ImageLimits& limits, bool will_downscale) {
  DecodedImage result;
  ImageInfo info = probe_image(bytes, path);
  result.format = info.format;
  result.diagnostics = std::move(info.diagnostics);
  if (base::has_errors(result.diagnostics)) return result;
  append(result.diagnostics, check_image_limits(info, path, limits, will_downscale));
  if (base::has_errors(result.diagnostics)) return result;
  if (info.format == ImageFormat::png) {
    append(result.diagnostics, verify_png_chunks(bytes, path));
    if (base::has_errors(result.diagnostics)) return result;
  }
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    result.diagnostics.push_back(image_diagnostic(base::Severity::error, image_codes::k_too_large, path,
                                                  "image file is larger than 2 GB"));
    return result;
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                            &height, &channels, 4),
      stbi_image_free);
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    result.diagnostics.push_back(image_diagnostic(
        base::Severity::error, image_codes::k_decode_failed, path,
        "corrupt " + upper_name(info.format) + ": the pixel data could not be decoded (" +
            (reason ? std::string(reason) : std::string("unknown reason")) + ")"));
    return result;
  }
  if (width != info.width || height != info.height) {
    result.diagnostics.push_back(image_diagnostic(
        base::Severity::error, image_codes::k_decode_failed, path,
        "corrupt " + upper_name(info.format) + ": the header says " + std::to_string(info.width) + "x" +
            std::to_string(info.height) + " but the pixels are " + std::to_string(width) + "x" + std::to_string(height)));
    return result;
  }
  Image image;
  image.width = width;
  image.height = height;
  auto size = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
  image.pixels.resize(size);
  std::memcpy(image.pixels.data(), pixels.get(), size);
  result.image = std::move(image);
  return result;
}

}  // namespace rbxpipe::assets
