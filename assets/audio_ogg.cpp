// OGG Vorbis probing through stb_vorbis (its implementation comes from the system's libstb, which the module
// links, as stb_image_write does for png_writer.cpp).
#define STB_VORBIS_HEADER_ONLY
#include <stb_vorbis.h>

#include <cstdint>
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

// Walks the page structure (RFC 3533: 27-byte header, segment table, segments). stb_vorbis reads a file cut inside
// its audio as a stream of unknown length (0 s), and one cut at a page boundary as a shorter stream, so the
// framing itself must show the file is whole: pages end exactly at the end of the file, and the last one carries
// the end-of-stream flag.
base::Result<void> check_pages(std::string_view bytes) {
  std::size_t at = 0;
  std::uint32_t last_flags = 0;
  while (at < bytes.size()) {
    if (!audio_bytes::has_tag(bytes, at, "OggS")) {
      return ogg_error("no page starts at byte " + std::to_string(at) + " (damaged or not an OGG file)");
    }
    if (bytes.size() - at < 27) return ogg_error("the file ends inside the page header at byte " + std::to_string(at));
    last_flags = audio_bytes::byte_at(bytes, at + 5);
    const std::size_t segments = audio_bytes::byte_at(bytes, at + 26);
    if (bytes.size() - at - 27 < segments) {
      return ogg_error("the file ends inside the segment table of the page at byte " + std::to_string(at));
    }
    std::size_t body = 0;
    for (std::size_t i = 0; i < segments; ++i) body += audio_bytes::byte_at(bytes, at + 27 + i);
    const std::size_t end = at + 27 + segments + body;
    if (end > bytes.size()) {
      return ogg_error("the file ends inside the page at byte " + std::to_string(at) + " (" +
                       std::to_string(end - bytes.size()) + " bytes missing): it is truncated");
    }
    at = end;
  }
  if ((last_flags & 0x04u) == 0) return ogg_error("the last page has no end-of-stream flag: the file is truncated");
  return base::ok();
}

}  // namespace

base::Result<AudioInfo> probe_ogg(std::string_view bytes) {
  if (bytes.empty()) return ogg_error("file is empty");
  if (!audio_bytes::has_tag(bytes, 0, "OggS")) return ogg_error("no \"OggS\" page at the start");
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return ogg_error("file is too large");
  RBXPIPE_TRY(check_pages(bytes));
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
  if (info.duration_s <= 0) return ogg_error("the stream's length is unknown (no final granule position)");
  return info;
}

}  // namespace rbxpipe::assets
