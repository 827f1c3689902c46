// Fuzzes the XML model reader: it must never crash, and whatever it accepts must write, read back and write again
// to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rbx/reflection/database.h"
#include "rbx/xml/xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rbxpipe::rbx;
  // No reflection data: the XML layer alone must be a fixed point after one write.
  static const reflection::Database k_no_reflection;
  xml::ReadOptions read_options;
  read_options.database = &k_no_reflection;
  read_options.max_instances = 20'000;
  read_options.max_depth = 2'000;
  xml::WriteOptions write_options;
  write_options.database = &k_no_reflection;

  auto dom = xml::read(std::string_view(reinterpret_cast<const char*>(data), size), read_options);
  if (!dom.ok()) return 0;
  auto written = xml::write(*dom, dom->get(dom->root()).children, write_options);
  if (!written.ok()) std::abort();  // everything the reader produces can be written
  auto again = xml::read(*written, read_options);
  if (!again.ok()) std::abort();  // our own output must read
  auto rewritten = xml::write(*again, again->get(again->root()).children, write_options);
  if (!rewritten.ok() || *rewritten != *written) std::abort();
  return 0;
}
