#include "assets/asset_hash.h"

#include "base/sha256.h"

namespace rbxpipe::assets {

std::string canonical_settings(const ProcessingSettings& settings) {
  std::string text = "rbxpipe-assets/" + std::to_string(k_processing_version) +
                     ";max_size=" + std::to_string(settings.max_size) + ";bleed=" + (settings.bleed ? "1" : "0") +
                     ";pack=" + (settings.pack ? "1" : "0") +
                     ";update_in_place=" + (settings.update_in_place ? "1" : "0");
  if (settings.pack) {
    text += ";sheet_size=" + std::to_string(settings.sheet_size) + ";padding=" + std::to_string(settings.padding);
  }
  return text;
}

std::string content_hash(std::string_view bytes, const ProcessingSettings& settings) {
  base::Sha256 hash;
  // The settings text never holds a NUL, so the separator keeps settings and bytes from running into each other.
  hash.update(canonical_settings(settings));
  hash.update(std::string_view("\0", 1));
  hash.update(bytes);
  return base::to_hex(hash.finish());
}

}  // namespace rbxpipe::assets
