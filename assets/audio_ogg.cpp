// OGG Vorbis probing through stb_vorbis (its implementation comes from the system's libstb, which the module
// links, as stb_image_write does for png_writer.cpp).
#define STB_VORBIS_HEADER_ONLY
#include <stb_vorbis.h>

#include <limits>
#include <memory>
#include <string>

#include "assets/audio_bytes.h"
#include "assets/audio_probe.h"

namespace rbxpipe::assets {

namespace {

base::Error ogg_error(std::string message) { return base::Error(base::ErrorCode::invalid_input, "OGG: " + message); }

struct VorbisCloser {
  void operator()(stb_vorbis* vorbis) const { stb_vorbis_close(vorbis); }
};

}  // namespace

base::Result<AudioInfo> probe_ogg(std::string_view bytes) {
  if (bytes.empty()) return ogg_error("file is empty");
  if (!audio_bytes::has_tag(bytes, 0, "OggS")) return ogg_error("no \"OggS\" page at the start");
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return ogg_error("file is too large");
  int error = 0;
  std::unique_ptr<stb_vorbis, VorbisCloser> vorbis(
      stb_vorbis_open_memory(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                             &error, nullptr));
  if (!vorbis) return ogg_error("not a readable Vorbis stream (decoder error " + std::to_string(error) + ")");
  stb_vorbis_info stream = stb_vorbis_get_info(vorbis.get());
  if (stream.sample_rate == 0 || stream.channels <= 0) return ogg_error("stream header has no rate or channels");
  AudioInfo info;
  info.format = AudioFormat::ogg;
  info.sample_rate = static_cast<int>(stream.sample_rate);
  info.channels = stream.channels;
  info.size = bytes.size();
  info.duration_s = static_cast<double>(stb_vorbis_stream_length_in_seconds(vorbis.get()));
  return info;
}

}  // namespace rbxpipe::assets
