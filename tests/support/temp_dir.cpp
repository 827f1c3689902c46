#include "tests/support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace rbxpipe::testing {

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "rbxpipe-test-XXXXXX").string();
  // mkdtemp needs a writable, NUL-terminated buffer it can fill in place.
  std::vector<char> buffer(templ.begin(), templ.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + templ);
  }
  m_path = buffer.data();
}

TempDir::~TempDir() {
  // Cleanup failures must not turn a passing test into a crash; a stray folder in $TMPDIR is harmless.
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

std::filesystem::path TempDir::write(std::string_view relative, std::string_view contents) const {
  const std::filesystem::path full = m_path / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  if (!out) throw std::runtime_error("cannot write test file " + full.string());
  return full;
}

std::string TempDir::read(std::string_view relative) const {
  std::ifstream in(m_path / relative, std::ios::binary);
  if (!in) return {};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace rbxpipe::testing
