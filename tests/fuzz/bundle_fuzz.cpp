// Fuzzes release bundles: the archive reader (every format and check, small limits so each run stays fast) and the
// release.json decoder, whose accepted manifests must survive an encode/decode round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bundle/bundle_reader.h"
#include "bundle/release_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rbxpipe::bundle;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReadLimits limits;
  limits.max_entries = 256;
  limits.max_total_bytes = std::uint64_t{8} << 20;
  limits.max_manifest_bytes = std::uint64_t{1} << 20;
  limits.ratio_floor_bytes = std::uint64_t{64} << 10;
  (void)read_bundle_bytes(bytes, limits);

  auto manifest = decode_manifest(bytes);
  if (manifest.ok()) {
    const std::string encoded = encode_manifest(*manifest);
    auto again = decode_manifest(encoded);
    if (!again.ok() || encode_manifest(*again) != encoded) std::abort();
  }
  return 0;
}
