#include "assets/wav_writer.h"

namespace rbxpipe::assets {

namespace {

// RIFF fields are little-endian whatever the host order is.
void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xffu));
}

void put_u16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xffu));
  out.push_back(static_cast<char>(value >> 8));
}

}  // namespace

base::Result<std::string> encode_wav_pcm16(const std::vector<std::int16_t>& samples, int sample_rate, int channels) {
  if (sample_rate <= 0 || sample_rate > 384000 || channels <= 0 || channels > 8) {
    return base::Error(base::ErrorCode::invalid_input, "WAV needs a sample rate of 1-384000 Hz and 1-8 channels");
  }
  if (samples.size() % static_cast<std::size_t>(channels) != 0) {
    return base::Error(base::ErrorCode::invalid_input, "sample count is not a multiple of the channel count");
  }
  auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  auto block_align = static_cast<std::uint16_t>(channels * 2);
  std::string wav;
  wav.reserve(44 + data_bytes);
  wav += "RIFF";
  put_u32(wav, 36 + data_bytes);
  wav += "WAVEfmt ";
  put_u32(wav, 16);
  put_u16(wav, 1);  // PCM
  put_u16(wav, static_cast<std::uint16_t>(channels));
  put_u32(wav, static_cast<std::uint32_t>(sample_rate));
  put_u32(wav, static_cast<std::uint32_t>(sample_rate) * block_align);
  put_u16(wav, block_align);
  put_u16(wav, 16);
  wav += "data";
  put_u32(wav, data_bytes);
  for (auto sample : samples) put_u16(wav, static_cast<std::uint16_t>(sample));
  return wav;
}

}  // namespace rbxpipe::assets
