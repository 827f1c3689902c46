#pragma once
// Audio probing: duration, sample rate, channels and size of OGG Vorbis, MP3, WAV and FLAC inputs, and the upload
// limits Roblox sets on them (diagnostics ASSET01xx).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// The audio container formats rbxpipe reads.
enum class AudioFormat { ogg, mp3, wav, flac };

/// Lower-case name of a format ("ogg").
std::string_view audio_format_name(AudioFormat format);

/// The format a file name's extension names (case-insensitive: .ogg, .mp3, .wav, .flac), or nullopt.
std::optional<AudioFormat> audio_format_from_path(std::string_view path);

/// What probing an audio file found.
struct AudioInfo {
  AudioFormat format = AudioFormat::wav;  ///< the container
  double duration_s = 0;                  ///< playing time in seconds
  int sample_rate = 0;                    ///< samples per second per channel
  int channels = 0;                       ///< channel count
  std::uint64_t size = 0;                 ///< file size in bytes
  bool variable_bitrate = false;          ///< MP3 only: the duration came from a Xing/Info or VBRI header
};

/// Upload limits for audio.
struct AudioLimits {
  double max_duration_s = 7 * 60;              ///< 7 minutes
  int max_sample_rate = 48000;                 ///< 48 kHz
  std::uint64_t max_size = 20ull * 1024 * 1024;  ///< 20 MB
};

/// Probes `bytes` as `format`; invalid_input (saying what is wrong) for empty, corrupt or unsupported data.
base::Result<AudioInfo> probe_audio(std::string_view bytes, AudioFormat format);

/// Reads a RIFF/WAVE file's fmt and data chunks (PCM, IEEE float and their extensible forms).
base::Result<AudioInfo> probe_wav(std::string_view bytes);
/// Reads a FLAC file's STREAMINFO block (an ID3v2 tag before "fLaC" is skipped).
base::Result<AudioInfo> probe_flac(std::string_view bytes);
/// Reads MPEG audio frame headers, using a Xing/Info or VBRI header for the duration when present.
base::Result<AudioInfo> probe_mp3(std::string_view bytes);
/// Opens an OGG Vorbis stream with stb_vorbis for its rate, channels and length, after checking the page framing:
/// a file that ends inside a page or without an end-of-stream page is truncated, and an error.
base::Result<AudioInfo> probe_ogg(std::string_view bytes);

/// True for the channel layouts Roblox accepts: mono, stereo, 3.0 and 5.1 (1, 2, 3 or 6 channels).
bool is_supported_channel_count(int channels);

/// Diagnostics for every limit `info` exceeds, located at `file`: ASSET0102 too long, ASSET0103 sample rate too
/// high, ASSET0104 file too large, ASSET0105 unsupported channel layout.
std::vector<base::Diagnostic> check_audio_limits(const AudioInfo& info, const std::string& file,
                                                 const AudioLimits& limits = {});

/// The ASSET0101 diagnostic for an audio file that cannot be read, with the probe's reason.
base::Diagnostic unreadable_audio(const std::string& file, const std::string& reason);

}  // namespace rbxpipe::assets
