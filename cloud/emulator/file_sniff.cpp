#include "cloud/emulator/file_sniff.h"

#include <array>
#include <cstdint>
#include <cstdlib>

namespace rbxpipe::cloud::emulator {

namespace {

struct TypeMimes {
  std::string_view type;
  std::array<std::string_view, 5> mimes;
};

constexpr std::array<TypeMimes, 7> k_mimes = {{
    {"Image", {"image/png", "image/jpeg", "image/bmp", "image/tga", ""}},
    {"Decal", {"image/png", "image/jpeg", "image/bmp", "image/tga", ""}},
    {"Audio", {"audio/mpeg", "audio/ogg", "audio/wav", "audio/flac", ""}},
    {"Model", {"model/fbx", "model/gltf+json", "model/gltf-binary", "model/x-rbxm", ""}},
    {"Animation", {"model/x-rbxm", "", "", "", ""}},
    {"Video", {"video/mp4", "video/mov", "", "", ""}},
    {"Mesh", {"model/x-file-mesh-data", "", "", "", ""}},
}};

std::uint32_t byte_at(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint8_t>(bytes[at]);
}

std::uint32_t big_endian_32(std::string_view bytes, std::size_t at) {
  return (byte_at(bytes, at) << 24U) | (byte_at(bytes, at + 1) << 16U) | (byte_at(bytes, at + 2) << 8U) |
         byte_at(bytes, at + 3);
}

std::uint32_t little_endian_16(std::string_view bytes, std::size_t at) {
  return byte_at(bytes, at) | (byte_at(bytes, at + 1) << 8U);
}

std::int32_t little_endian_32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = byte_at(bytes, at) | (byte_at(bytes, at + 1) << 8U) | (byte_at(bytes, at + 2) << 16U) |
                        (byte_at(bytes, at + 3) << 24U);
  return static_cast<std::int32_t>(value);
}

bool starts_with(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

// TGA has no magic number: a plausible header (colour map type 0/1, a known image type, sane pixel depth) it is.
bool plausible_tga(std::string_view bytes) {
  if (bytes.size() < 18) return false;
  std::uint32_t map_type = byte_at(bytes, 1);
  std::uint32_t image_type = byte_at(bytes, 2);
  std::uint32_t depth = byte_at(bytes, 16);
  bool known_type = image_type == 1 || image_type == 2 || image_type == 3 || image_type == 9 || image_type == 10 ||
                    image_type == 11;
  bool known_depth = depth == 8 || depth == 15 || depth == 16 || depth == 24 || depth == 32;
  return map_type <= 1 && known_type && known_depth;
}

std::optional<ImageSize> jpeg_size(std::string_view bytes) {
  std::size_t at = 2;
  while (at + 9 < bytes.size()) {
    if (byte_at(bytes, at) != 0xFF) return std::nullopt;
    std::uint32_t marker = byte_at(bytes, at + 1);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    std::uint32_t length = (byte_at(bytes, at + 2) << 8U) | byte_at(bytes, at + 3);
    bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (start_of_frame) {
      long height = static_cast<long>((byte_at(bytes, at + 5) << 8U) | byte_at(bytes, at + 6));
      long width = static_cast<long>((byte_at(bytes, at + 7) << 8U) | byte_at(bytes, at + 8));
      return ImageSize{width, height};
    }
    if (length < 2) return std::nullopt;
    at += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

bool mime_allowed(std::string_view asset_type, std::string_view mime) {
  for (const auto& entry : k_mimes) {
    if (entry.type != asset_type) continue;
    for (auto allowed : entry.mimes) {
      if (!allowed.empty() && allowed == mime) return true;
    }
  }
  return false;
}

bool magic_matches(std::string_view mime, std::string_view bytes) {
  if (mime == "image/png") return starts_with(bytes, "\x89PNG\r\n\x1a\n");
  if (mime == "image/jpeg") return starts_with(bytes, "\xFF\xD8\xFF");
  if (mime == "image/bmp") return starts_with(bytes, "BM") && bytes.size() >= 26;
  if (mime == "image/tga") return plausible_tga(bytes);
  if (mime == "audio/mpeg") {
    return starts_with(bytes, "ID3") ||
           (bytes.size() >= 2 && byte_at(bytes, 0) == 0xFF && (byte_at(bytes, 1) & 0xE0U) == 0xE0U);
  }
  if (mime == "audio/ogg") return starts_with(bytes, "OggS");
  if (mime == "audio/wav") return bytes.size() >= 12 && starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WAVE";
  if (mime == "audio/flac") return starts_with(bytes, "fLaC");
  if (mime == "model/fbx") {
    return starts_with(bytes, "Kaydara FBX Binary") ||
           bytes.substr(0, 4096).find("FBXHeaderExtension") != std::string_view::npos;
  }
  if (mime == "model/gltf+json") {
    std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string_view::npos && bytes[first] == '{';
  }
  if (mime == "model/gltf-binary") return starts_with(bytes, "glTF");
  if (mime == "model/x-rbxm") return starts_with(bytes, "<roblox");
  if (mime == "model/x-file-mesh-data") return starts_with(bytes, "version ");
  if (mime == "video/mp4" || mime == "video/mov") {
    if (bytes.size() < 8) return false;
    std::string_view box = bytes.substr(4, 4);
    return (box == "ftyp" || box == "moov" || box == "mdat" || box == "wide" || box == "free");
  }
  return false;
}

std::optional<ImageSize> image_size(std::string_view mime, std::string_view bytes) {
  if (mime == "image/png") {
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return std::nullopt;
    return ImageSize{static_cast<long>(big_endian_32(bytes, 16)), static_cast<long>(big_endian_32(bytes, 20))};
  }
  if (mime == "image/jpeg") return jpeg_size(bytes);
  if (mime == "image/bmp") {
    if (bytes.size() < 26) return std::nullopt;
    // Top-down bitmaps store a negative height.
    return ImageSize{std::labs(little_endian_32(bytes, 18)), std::labs(little_endian_32(bytes, 22))};
  }
  if (mime == "image/tga") {
    if (bytes.size() < 18) return std::nullopt;
    return ImageSize{static_cast<long>(little_endian_16(bytes, 12)), static_cast<long>(little_endian_16(bytes, 14))};
  }
  return std::nullopt;
}

}  // namespace rbxpipe::cloud::emulator
