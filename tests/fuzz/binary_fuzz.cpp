// Fuzzes the binary model reader: it must never crash, and whatever it accepts must write, read back and write
// again to the same bytes. A second pass through the shipped reflection data only has to survive.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rbx/binary/binary.h"
#include "rbx/reflection/database.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rbxpipe::rbx;
  static const reflection::Database k_no_reflection;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Small limits keep one input from spending the fuzzer's memory budget on legitimately huge (compressed) files.
  binary::ReadOptions read_options;
  read_options.database = &k_no_reflection;
  read_options.max_instances = 100'000;
  read_options.max_chunk_bytes = std::size_t{16} << 20;
  read_options.max_total_bytes = std::size_t{64} << 20;
  binary::WriteOptions write_options;
  write_options.database = &k_no_reflection;

  auto dom = binary::read(input, read_options);
  if (dom.ok()) {
    auto written = binary::write(*dom, dom->get(dom->root()).children, write_options);
    if (!written.ok()) std::abort();  // everything the reader produces can be written
    auto again = binary::read(*written, read_options);
    if (!again.ok()) {
      if (again.error().code() == rbxpipe::base::ErrorCode::too_large) return 0;
      std::abort();  // our own output must read
    }
    auto rewritten = binary::write(*again, again->get(again->root()).children, write_options);
    if (!rewritten.ok() || *rewritten != *written) std::abort();
  }

  binary::ReadOptions shipped = read_options;
  shipped.database = nullptr;
  auto canonical = binary::read(input, shipped);
  if (canonical.ok()) (void)binary::write(*canonical, canonical->get(canonical->root()).children);
  return 0;
}
