// FLAC probing: the mandatory STREAMINFO metadata block right after "fLaC" holds rate, channels and sample count.
#include <string>

#include "assets/audio_bytes.h"
#include "assets/audio_probe.h"

namespace rbxpipe::assets {

namespace {

using audio_bytes::byte_at;
using audio_bytes::has_tag;

constexpr std::size_t k_streaminfo_bytes = 34;

base::Error flac_error(std::string message) {
  return base::Error(base::ErrorCode::invalid_input, "FLAC: " + message);
}

}  // namespace

base::Result<AudioInfo> probe_flac(std::string_view bytes) {
  if (bytes.empty()) return flac_error("file is empty");
  std::size_t start = audio_bytes::id3v2_length(bytes);
  if (!has_tag(bytes, start, "fLaC")) return flac_error("no \"fLaC\" marker");
  std::size_t header = start + 4;
  if (bytes.size() < header + 4) return flac_error("truncated before the STREAMINFO block");
  // Block header: 1 bit last-block flag, 7 bits type (0 = STREAMINFO), 24 bits length.
  auto type = byte_at(bytes, header) & 0x7fu;
  auto length = (byte_at(bytes, header + 1) << 16) | (byte_at(bytes, header + 2) << 8) | byte_at(bytes, header + 3);
  if (type != 0) return flac_error("first metadata block is not STREAMINFO");
  if (length < k_streaminfo_bytes) return flac_error("STREAMINFO block is too short");
  std::size_t body = header + 4;
  if (bytes.size() < body + k_streaminfo_bytes) return flac_error("truncated STREAMINFO block");
  // After 2+2 bytes of block sizes and 3+3 of frame sizes: 20 bits rate, 3 bits channels-1, 5 bits depth-1,
  // 36 bits total samples.
  std::uint32_t b10 = byte_at(bytes, body + 10);
  std::uint32_t b11 = byte_at(bytes, body + 11);
  std::uint32_t b12 = byte_at(bytes, body + 12);
  std::uint32_t b13 = byte_at(bytes, body + 13);
  std::uint32_t sample_rate = (b10 << 12) | (b11 << 4) | (b12 >> 4);
  std::uint32_t channels = ((b12 >> 1) & 0x7u) + 1;
  std::uint64_t total_samples = b13 & 0x0fu;
  for (std::size_t i = 14; i < 18; ++i) total_samples = (total_samples << 8) | byte_at(bytes, body + i);
  if (sample_rate == 0) return flac_error("STREAMINFO has a sample rate of 0");
  AudioInfo info;
  info.format = AudioFormat::flac;
  info.sample_rate = static_cast<int>(sample_rate);
  info.channels = static_cast<int>(channels);
  info.size = bytes.size();
  info.duration_s = static_cast<double>(total_samples) / static_cast<double>(sample_rate);
  return info;
}

}  // namespace rbxpipe::assets
