#pragma once
// TempDir: a fresh folder under the system temp directory, removed with everything in it when the object dies.

#include <filesystem>
#include <string>
#include <string_view>

namespace rbxpipe::testing {

/// A unique temporary folder for one test.
class TempDir {
 public:
  /// Creates `$TMPDIR/rbxpipe-test-XXXXXX`.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The folder.
  const std::filesystem::path& path() const { return m_path; }
  /// `path() / relative`.
  std::filesystem::path operator/(std::string_view relative) const { return m_path / relative; }
  /// Writes `contents` to `relative` (creating folders) and returns the full path.
  std::filesystem::path write(std::string_view relative, std::string_view contents) const;
  /// Reads a file under the folder; empty when missing.
  std::string read(std::string_view relative) const;

 private:
  std::filesystem::path m_path;
};

}  // namespace rbxpipe::testing
