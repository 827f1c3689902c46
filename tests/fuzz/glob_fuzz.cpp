// Fuzzes glob compilation and matching: the first line is the pattern, the rest paths to match against it.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/glob.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  std::size_t offset = 0;
  auto glob = rbxpipe::base::Glob::compile(input.substr(0, newline), &offset);
  if (!glob || newline == std::string_view::npos) return 0;
  std::string_view rest = input.substr(newline + 1);
  while (!rest.empty()) {
    auto end = rest.find('\n');
    (void)glob->matches(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return 0;
}
