// Fuzzes the asset parsers: image headers, PNG chunks and decoding (small limits so each run stays fast), the audio
// header parsers (WAV, FLAC, MP3, OGG) and the glTF/GLB triangle counters.
#include <cstdint>
#include <string>

#include "assets/audio_probe.h"
#include "assets/image_process.h"
#include "assets/model_probe.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rbxpipe::assets;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ImageOptions options;
  options.max_size = 64;
  for (const char* path : {"fuzz.png", "fuzz.tga"}) (void)process_image(bytes, path, options);
  (void)probe_wav(bytes);
  (void)probe_flac(bytes);
  (void)probe_mp3(bytes);
  (void)probe_ogg(bytes);
  (void)gltf_mesh_triangles(bytes);
  (void)glb_mesh_triangles(bytes);
  return 0;
}
