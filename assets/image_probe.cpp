#include "assets/image_probe.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <string>

#include "assets/image_bytes.h"
#include "assets/image_diagnostic.h"

namespace rbxpipe::assets {
namespace {

using base::Severity;
namespace codes = image_codes;
namespace ib = image_bytes;

constexpr std::string_view k_png_signature = "\x89PNG\r\n\x1a\n";

bool starts_with(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

// The `count` bytes at `offset`, or "" when the file is shorter (substr would throw).
std::string_view bytes_at(std::string_view bytes, std::size_t offset, std::size_t count) {
  return offset <= bytes.size() ? bytes.substr(offset, count) : std::string_view();
}

std::string lower_extension(std::string_view path) {
  auto slash = path.find_last_of("/\\");
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// Claimed dimensions can exceed int; clamp so the limit check refuses them instead of overflowing.
int clamp_dimension(std::uint32_t value) { return value > static_cast<std::uint32_t>(INT_MAX) ? INT_MAX : static_cast<int>(value); }

bool looks_like_svg(std::string_view bytes) {
  std::size_t pos = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  while (pos < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[pos]))) ++pos;
  if (pos >= bytes.size() || bytes[pos] != '<') return false;
  return bytes.substr(0, 4096).find("<svg") != std::string_view::npos;
}

bool tga_header_is_sane(std::string_view bytes) {
  if (bytes.size() < 18) return false;
  auto color_map = *ib::u8(bytes, 1);
  auto type = *ib::u8(bytes, 2);
  auto depth = *ib::u8(bytes, 16);
  bool known_type = type == 1 || type == 2 || type == 3 || type == 9 || type == 10 || type == 11;
  bool mapped = type == 1 || type == 9;
  bool known_depth = depth == 8 || depth == 15 || depth == 16 || depth == 24 || depth == 32;
  return color_map <= 1 && known_type && (mapped == (color_map == 1)) && known_depth;
}

std::string hex_prefix(std::string_view bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < std::min<std::size_t>(bytes.size(), 8); ++i) {
    auto byte = static_cast<unsigned char>(bytes[i]);
    if (!out.empty()) out += ' ';
    out += k_digits[byte >> 4];
    out += k_digits[byte & 15];
  }
  return out;
}

void corrupt(ImageInfo& info, std::string_view path, std::string message) {
  info.diagnostics.push_back(image_diagnostic(Severity::error, codes::k_corrupt_header, path, std::move(message)));
}

void probe_png(std::string_view bytes, std::string_view path, ImageInfo& info) {
  // The first chunk must be IHDR: length 13, type, width, height, then 5 bytes and a CRC (33 bytes in all).
  if (bytes.size() < 33) {
    corrupt(info, path, "truncated PNG: the file has " + std::to_string(bytes.size()) +
                            " bytes, too few for the IHDR header (33 bytes)");
    return;
  }
  if (*ib::be(bytes, 8, 4) != 13 || bytes.substr(12, 4) != "IHDR") {
    corrupt(info, path, "corrupt PNG: the first chunk at byte 8 is not a 13-byte IHDR");
    return;
  }
  info.width = clamp_dimension(*ib::be(bytes, 16, 4));
  info.height = clamp_dimension(*ib::be(bytes, 20, 4));
}

bool is_sof_marker(std::uint32_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

void probe_jpeg(std::string_view bytes, std::string_view path, ImageInfo& info) {
  std::size_t pos = 2;
  while (pos < bytes.size()) {
    if (*ib::u8(bytes, pos) != 0xFF) {
      corrupt(info, path, "corrupt JPEG: expected a marker at byte " + std::to_string(pos) + " before the frame header");
      return;
    }
    while (pos < bytes.size() && *ib::u8(bytes, pos) == 0xFF) ++pos;  // fill bytes
    auto marker = ib::u8(bytes, pos);
    if (!marker) break;
    std::size_t marker_at = pos - 1;
    ++pos;
    if (*marker == 0x01 || *marker == 0xD8 || (*marker >= 0xD0 && *marker <= 0xD7)) continue;  // no payload
    if (*marker == 0xD9 || *marker == 0xDA) {
      corrupt(info, path, "corrupt JPEG: image data at byte " + std::to_string(marker_at) + " before any frame header (SOF)");
      return;
    }
    auto length = ib::be(bytes, pos, 2);
    if (!length || *length < 2 || pos + *length > bytes.size()) {
      corrupt(info, path, "truncated JPEG: the segment at byte " + std::to_string(marker_at) + " runs past the end of the file (" +
                              std::to_string(bytes.size()) + " bytes)");
      return;
    }
    if (is_sof_marker(*marker)) {
      if (*length < 8) {
        corrupt(info, path, "corrupt JPEG: the frame header at byte " + std::to_string(marker_at) + " is too short");
        return;
      }
      info.height = clamp_dimension(*ib::be(bytes, pos + 3, 2));
      info.width = clamp_dimension(*ib::be(bytes, pos + 5, 2));
      return;
    }
    pos += *length;
  }
  corrupt(info, path, "truncated JPEG: the file ends at byte " + std::to_string(bytes.size()) + " before its frame header (SOF)");
}

void probe_bmp(std::string_view bytes, std::string_view path, ImageInfo& info) {
  auto header_size = ib::le(bytes, 14, 4);
  if (!header_size) {
    corrupt(info, path, "truncated BMP: the file has " + std::to_string(bytes.size()) + " bytes, too few for its headers");
    return;
  }
  if (*header_size == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit unsigned sides
    auto width = ib::le(bytes, 18, 2);
    auto height = ib::le(bytes, 20, 2);
    if (!width || !height) {
      corrupt(info, path, "truncated BMP: the file ends inside its 12-byte info header at byte 14");
      return;
    }
    info.width = clamp_dimension(*width);
    info.height = clamp_dimension(*height);
    return;
  }
  if (*header_size < 16 || *header_size > 124) {
    corrupt(info, path, "corrupt BMP: unknown info header size " + std::to_string(*header_size) + " at byte 14");
    return;
  }
  auto width = ib::le(bytes, 18, 4);
  auto height = ib::le(bytes, 22, 4);
  if (!width || !height) {
    corrupt(info, path, "truncated BMP: the file ends inside its info header at byte 14");
    return;
  }
  auto signed_width = static_cast<std::int32_t>(*width);
  auto signed_height = static_cast<std::int32_t>(*height);
  if (signed_width < 0 || signed_height == INT32_MIN) {
    corrupt(info, path, "corrupt BMP: impossible dimensions in the info header at byte 18");
    return;
  }
  info.width = signed_width;
  info.height = signed_height < 0 ? -signed_height : signed_height;  // negative height: rows stored top-down
}

void probe_tga(std::string_view bytes, std::string_view path, ImageInfo& info) {
  if (!tga_header_is_sane(bytes)) {
    corrupt(info, path, "corrupt TGA: the 18-byte header does not describe a TGA image");
    return;
  }
  info.width = clamp_dimension(*ib::le(bytes, 12, 2));
  info.height = clamp_dimension(*ib::le(bytes, 14, 2));
}

std::string unsupported_message(ImageFormat format) {
  switch (format) {
    case ImageFormat::svg: return "SVG is not accepted by Roblox: export it as PNG";
    case ImageFormat::webp: return "WebP is not accepted by Roblox: convert it to PNG";
    case ImageFormat::gif: return "GIF is not accepted by Roblox: convert it to PNG (one file per frame)";
    case ImageFormat::tiff: return "TIFF is not accepted by Roblox: export it as PNG";
    case ImageFormat::psd: return "a Photoshop document is not accepted by Roblox: export it as PNG";
    case ImageFormat::ico: return "ICO is not accepted by Roblox: convert it to PNG";
    case ImageFormat::heif: return "HEIC/AVIF is not accepted by Roblox: convert it to PNG or JPEG";
    default: return "this format is not accepted by Roblox: convert it to PNG";
  }
}

}  // namespace

std::string_view image_format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::unknown: return "unknown";
    case ImageFormat::png: return "png";
    case ImageFormat::jpeg: return "jpeg";
    case ImageFormat::bmp: return "bmp";
    case ImageFormat::tga: return "tga";
    case ImageFormat::gif: return "gif";
    case ImageFormat::webp: return "webp";
    case ImageFormat::svg: return "svg";
    case ImageFormat::tiff: return "tiff";
    case ImageFormat::psd: return "psd";
    case ImageFormat::ico: return "ico";
    case ImageFormat::heif: return "heif";
  }
  return "unknown";
}

ImageFormat detect_image_format(std::string_view bytes, std::string_view path) {
  if (starts_with(bytes, k_png_signature)) return ImageFormat::png;
  if (starts_with(bytes, "\xFF\xD8\xFF")) return ImageFormat::jpeg;
  if (starts_with(bytes, "BM") && bytes.size() >= 14) return ImageFormat::bmp;
  if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) return ImageFormat::gif;
  if (starts_with(bytes, "RIFF") && bytes_at(bytes, 8, 4) == "WEBP") return ImageFormat::webp;
  if (starts_with(bytes, std::string_view("II*\0", 4)) || starts_with(bytes, std::string_view("MM\0*", 4))) return ImageFormat::tiff;
  if (starts_with(bytes, "8BPS")) return ImageFormat::psd;
  if (starts_with(bytes, std::string_view("\0\0\1\0", 4)) && lower_extension(path) == "ico") return ImageFormat::ico;
  if (bytes_at(bytes, 4, 4) == "ftyp") return ImageFormat::heif;
  if (looks_like_svg(bytes)) return ImageFormat::svg;
  auto ext = lower_extension(path);
  if (ext == "tga") return ImageFormat::tga;  // no magic: probe_image checks the header
  if (ext == "svg") return ImageFormat::svg;
  return ImageFormat::unknown;
}

ImageInfo probe_image(std::string_view bytes, std::string_view path) {
  ImageInfo info;
  if (bytes.empty()) {
    info.diagnostics.push_back(image_diagnostic(Severity::error, codes::k_empty_file, path, "image file is empty (0 bytes)"));
    return info;
  }
  info.format = detect_image_format(bytes, path);
  switch (info.format) {
    case ImageFormat::png: probe_png(bytes, path, info); break;
    case ImageFormat::jpeg: probe_jpeg(bytes, path, info); break;
    case ImageFormat::bmp: probe_bmp(bytes, path, info); break;
    case ImageFormat::tga: probe_tga(bytes, path, info); break;
    case ImageFormat::unknown:
      info.diagnostics.push_back(image_diagnostic(
          Severity::error, codes::k_unknown_format, path,
          "not a PNG, JPEG, BMP or TGA image (first bytes: " + hex_prefix(bytes) + ")",
          "Roblox accepts PNG, JPEG, BMP and TGA images; export the file as PNG"));
      return info;
    default:
      info.diagnostics.push_back(image_diagnostic(Severity::error, codes::k_unsupported_format, path,
                                                  unsupported_message(info.format)));
      return info;
  }
  if (info.ok() && (info.width == 0 || info.height == 0)) {
    info.diagnostics.push_back(image_diagnostic(Severity::error, codes::k_zero_size, path,
                                                "image header says " + std::to_string(info.width) + "x" +
                                                    std::to_string(info.height) + ": an image needs at least one pixel"));
  }
  return info;
}

}  // namespace rbxpipe::assets
