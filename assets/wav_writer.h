#pragma once
// WAV encoding of 16-bit PCM, used to make sample audio without shipping binaries.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace rbxpipe::assets {

/// Encodes interleaved 16-bit samples as a RIFF/WAVE file; invalid_input for a bad rate or channel count.
base::Result<std::string> encode_wav_pcm16(const std::vector<std::int16_t>& samples, int sample_rate, int channels);

}  // namespace rbxpipe::assets
