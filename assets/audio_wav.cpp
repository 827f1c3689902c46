// WAV probing: walks the RIFF chunks for fmt and data; the duration is the data size over the block size and rate.
#include <string>

#include "assets/audio_bytes.h"
#include "assets/audio_probe.h"

namespace rbxpipe::assets {

namespace {

using audio_bytes::has_tag;
using audio_bytes::le16;
using audio_bytes::le32;

constexpr std::uint32_t k_format_pcm = 1;
constexpr std::uint32_t k_format_float = 3;
constexpr std::uint32_t k_format_extensible = 0xfffe;

base::Error wav_error(std::string message) { return base::Error(base::ErrorCode::invalid_input, "WAV: " + message); }

struct WavFormat {
  std::uint32_t tag = 0;
  std::uint32_t channels = 0;
  std::uint32_t sample_rate = 0;
  std::uint32_t block_align = 0;
};

base::Result<WavFormat> read_fmt(std::string_view body) {
  if (body.size() < 16) return wav_error("fmt chunk is " + std::to_string(body.size()) + " bytes, needs 16");
  WavFormat format{le16(body, 0), le16(body, 2), le32(body, 4), le16(body, 12)};
  // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
  if (format.tag == k_format_extensible) {
    if (body.size() < 26) return wav_error("extensible fmt chunk is too short");
    format.tag = le16(body, 24);
  }
  if (format.tag != k_format_pcm && format.tag != k_format_float) {
    return wav_error("sample format " + std::to_string(format.tag) + " is not PCM or IEEE float");
  }
  if (format.channels == 0) return wav_error("fmt chunk has 0 channels");
  if (format.sample_rate == 0) return wav_error("fmt chunk has a sample rate of 0");
  if (format.block_align == 0) return wav_error("fmt chunk has a block size of 0");
  return format;
}

}  // namespace

base::Result<AudioInfo> probe_wav(std::string_view bytes) {
  if (bytes.empty()) return wav_error("file is empty");
  if (bytes.size() < 12 || !has_tag(bytes, 0, "RIFF") || !has_tag(bytes, 8, "WAVE")) {
    return wav_error("not a RIFF/WAVE file");
  }
  std::optional<WavFormat> format;
  std::optional<std::uint64_t> data_bytes;
  std::size_t offset = 12;
  while (offset + 8 <= bytes.size() && !(format && data_bytes)) {
    std::string_view id = bytes.substr(offset, 4);
    std::uint64_t size = le32(bytes, offset + 4);
    std::size_t body = offset + 8;
    std::uint64_t available = bytes.size() - body;
    if (id == "data") {
      if (size > available) {
        return wav_error("truncated: data chunk declares " + std::to_string(size) + " bytes but " +
                         std::to_string(available) + " follow");
      }
      data_bytes = size;
    } else if (id == "fmt ") {
      if (size > available) return wav_error("truncated fmt chunk");
      auto parsed = read_fmt(bytes.substr(body, static_cast<std::size_t>(size)));
      if (!parsed) return std::move(parsed).error();
      format = *parsed;
    }
    if (size > available) break;
    // Chunks are padded to an even length.
    offset = body + static_cast<std::size_t>(size) + static_cast<std::size_t>(size & 1u);
  }
  if (!format) return wav_error("no fmt chunk");
  if (!data_bytes) return wav_error("no data chunk");
  AudioInfo info;
  info.format = AudioFormat::wav;
  info.sample_rate = static_cast<int>(format->sample_rate);
  info.channels = static_cast<int>(format->channels);
  info.size = bytes.size();
  auto frames = *data_bytes / format->block_align;
  info.duration_s = static_cast<double>(frames) / static_cast<double>(format->sample_rate);
  return info;
}

}  // namespace rbxpipe::assets
