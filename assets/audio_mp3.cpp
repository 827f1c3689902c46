// MP3 probing: finds the first MPEG audio frame (after any ID3v2 tag) confirmed by the frame that follows it, then
// takes the duration from a Xing/Info or VBRI header when one is there, else from the size and the bitrate.
#include <algorithm>
#include <array>
#include <string>

#include "assets/audio_bytes.h"
#include "assets/audio_probe.h"

namespace rbxpipe::assets {

namespace {

using audio_bytes::be32;
using audio_bytes::byte_at;
using audio_bytes::has_tag;

// How far past the tag we look for the first frame before calling the data junk.
constexpr std::size_t k_max_scan = 64 * 1024;

// Bitrates in kbit/s by [row][index]: rows are MPEG-1 layer I, II, III, then MPEG-2/2.5 layer I, layers II and III.
constexpr std::array<std::array<int, 15>, 5> k_bitrates{{
    {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
    {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
    {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
}};
constexpr std::array<int, 3> k_mpeg1_rates{44100, 48000, 32000};

base::Error mp3_error(std::string message) { return base::Error(base::ErrorCode::invalid_input, "MP3: " + message); }

struct FrameHeader {
  int version = 1;  // 1, 2, or 25 for MPEG 2.5
  int layer = 3;
  int bitrate_kbps = 0;
  int sample_rate = 0;
  int channels = 2;
  int samples = 0;           // per frame
  std::size_t length = 0;    // bytes, header included
  bool has_crc = false;
};

std::optional<FrameHeader> parse_header(std::string_view bytes, std::size_t offset) {
  if (offset + 4 > bytes.size()) return std::nullopt;
  std::uint32_t word = be32(bytes, offset);
  if ((word >> 21) != 0x7ffu) return std::nullopt;
  std::uint32_t version_bits = (word >> 19) & 3u;
  std::uint32_t layer_bits = (word >> 17) & 3u;
  std::uint32_t bitrate_index = (word >> 12) & 0xfu;
  std::uint32_t rate_index = (word >> 10) & 3u;
  // Reserved version or layer, the "free" and "bad" bitrates and the reserved rate are not frames.
  if (version_bits == 1 || layer_bits == 0 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3) {
    return std::nullopt;
  }
  FrameHeader header;
  header.version = version_bits == 3 ? 1 : version_bits == 2 ? 2 : 25;
  header.layer = 4 - static_cast<int>(layer_bits);
  std::size_t row = header.version == 1 ? static_cast<std::size_t>(header.layer - 1) : header.layer == 1 ? 3 : 4;
  header.bitrate_kbps = k_bitrates[row][bitrate_index];
  int divisor = header.version == 1 ? 1 : header.version == 2 ? 2 : 4;
  header.sample_rate = k_mpeg1_rates[rate_index] / divisor;
  header.channels = ((word >> 6) & 3u) == 3 ? 1 : 2;
  header.has_crc = ((word >> 16) & 1u) == 0;
  std::size_t padding = (word >> 9) & 1u;
  if (header.layer == 1) {
    header.samples = 384;
    header.length = (static_cast<std::size_t>(12 * 1000 * header.bitrate_kbps / header.sample_rate) + padding) * 4;
  } else {
    header.samples = header.layer == 3 && header.version != 1 ? 576 : 1152;
    auto slots = static_cast<std::size_t>(header.samples / 8 * 1000 * header.bitrate_kbps / header.sample_rate);
    header.length = slots + padding;
  }
  return header;
}

// Frame count from a Xing/Info header (after the side information) or a VBRI header (32 bytes after the header).
std::optional<std::uint32_t> vbr_frame_count(std::string_view bytes, std::size_t frame, const FrameHeader& header,
                                             bool& is_vbri) {
  std::size_t side_info = header.version == 1 ? (header.channels == 1 ? 17 : 32) : (header.channels == 1 ? 9 : 17);
  std::size_t xing = frame + 4 + side_info + (header.has_crc ? 2 : 0);
  if (has_tag(bytes, xing, "Xing") || has_tag(bytes, xing, "Info")) {
    if (xing + 12 > bytes.size()) return std::nullopt;
    std::uint32_t flags = be32(bytes, xing + 4);
    if ((flags & 1u) == 0) return std::nullopt;
    return be32(bytes, xing + 8);
  }
  std::size_t vbri = frame + 4 + 32;
  if (has_tag(bytes, vbri, "VBRI") && vbri + 18 <= bytes.size()) {
    is_vbri = true;
    return be32(bytes, vbri + 14);
  }
  return std::nullopt;
}

}  // namespace

base::Result<AudioInfo> probe_mp3(std::string_view bytes) {
  if (bytes.empty()) return mp3_error("file is empty");
  std::size_t start = audio_bytes::id3v2_length(bytes);
  if (start >= bytes.size()) return mp3_error("nothing follows the ID3v2 tag");
  std::optional<FrameHeader> first;
  std::size_t frame = start;
  std::size_t scan_end = std::min(bytes.size(), start + k_max_scan);
  for (; frame + 4 <= scan_end; ++frame) {
    if (byte_at(bytes, frame) != 0xffu) continue;
    auto header = parse_header(bytes, frame);
    if (!header) continue;
    // A lone sync pattern is common in junk; a frame counts only when the next one follows it (or the file ends).
    std::size_t next = frame + header->length;
    if (next + 4 <= bytes.size() && !parse_header(bytes, next)) continue;
    if (next > bytes.size()) continue;
    first = header;
    break;
  }
  if (!first) return mp3_error("no MPEG audio frame found");

  AudioInfo info;
  info.format = AudioFormat::mp3;
  info.sample_rate = first->sample_rate;
  info.channels = first->channels;
  info.size = bytes.size();
  bool is_vbri = false;
  if (auto frames = vbr_frame_count(bytes, frame, *first, is_vbri)) {
    info.variable_bitrate = true;
    info.duration_s = static_cast<double>(*frames) * first->samples / first->sample_rate;
    return info;
  }
  std::size_t audio_bytes_count = bytes.size() - frame;
  // An ID3v1 tag is the last 128 bytes.
  if (audio_bytes_count >= 128 && has_tag(bytes, bytes.size() - 128, "TAG")) audio_bytes_count -= 128;
  info.duration_s = static_cast<double>(audio_bytes_count) * 8.0 / (first->bitrate_kbps * 1000.0);
  return info;
}

}  // namespace rbxpipe::assets
