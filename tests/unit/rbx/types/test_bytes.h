#pragma once
// Test helper for the blob tests: bytes written as a list of values 0..255, so layouts read like a hex dump.

#include <initializer_list>
#include <string>

namespace rbxpipe::rbx::types::testing {

/// The bytes `values` (each 0..255) as a string.
inline std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (const int value : values) out += static_cast<char>(value);
  return out;
}

}  // namespace rbxpipe::rbx::types::testing
