#pragma once
// SourceFiles: every file-system read a build makes goes through here, so that a build knows exactly which files
// and folders it depends on and can reuse file contents from the previous build when their stamps have not changed.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

struct stat;

namespace rbxpipe::rojo {

/// What identifies one version of a file or folder: if any field changes, the contents may have.
struct FileStamp {
  bool exists = false;          ///< false: the path did not exist
  bool is_directory = false;    ///< a folder
  std::uint64_t size = 0;       ///< bytes (0 for folders)
  std::int64_t mtime_ns = 0;    ///< modification time
  std::int64_t ctime_ns = 0;    ///< status change time (catches rewrites that restore mtime)
  std::uint64_t inode = 0;      ///< inode number (catches replace-by-rename)
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// The stamp of a stat result.
FileStamp stamp_from_stat(const struct ::stat& info);

/// Stats a path without following a final symlink's absence; a missing path has exists == false.
FileStamp stamp_path(const std::filesystem::path& path);

/// One folder entry.
struct DirectoryEntry {
  std::string name;           ///< file name
  bool is_directory = false;  ///< a folder (symlinks to folders count as folders)
  bool is_symlink = false;    ///< reached through a symbolic link
};

/// Cached file contents from a previous build, keyed by absolute path.
struct CachedFile {
  FileStamp stamp;                              ///< the stamp the contents were read at
  std::shared_ptr<const std::string> contents;  ///< the bytes
};

/// Counters for reports and tests.
struct SourceFileStats {
  std::size_t files_read = 0;    ///< files read from disk
  std::size_t cache_hits = 0;    ///< files served from the previous build's contents
  std::size_t paths_stated = 0;  ///< stat calls
};

/// Thread-safe gateway to the file system for one build.
class SourceFiles {
 public:
  /// Serves reads from `previous` when a file's stamp is unchanged.
  explicit SourceFiles(std::map<std::string, CachedFile, std::less<>> previous = {});

  /// The stamp of a path, recorded as a dependency.
  FileStamp stamp(const std::filesystem::path& path);
  /// What is at `path`: answered from the listing of its folder when that folder was listed (no system call, and
  /// the folder's stamp already covers it), else by a stat recorded as a dependency.
  enum class Kind { missing, file, directory };
  /// See Kind.
  Kind probe(const std::filesystem::path& path);
  /// The entries of a folder sorted by name (byte order), recorded as a dependency.
  base::Result<std::vector<DirectoryEntry>> list(const std::filesystem::path& folder);
  /// A file's bytes (at most `max_bytes`), recorded as a dependency.
  base::Result<std::shared_ptr<const std::string>> read(const std::filesystem::path& file,
                                                        std::size_t max_bytes = std::size_t{256} << 20);

  /// Every path the build looked at, with its stamp (missing paths included).
  std::map<std::string, FileStamp, std::less<>> dependencies() const;
  /// Every file read, with the contents, for the next build's cache.
  std::map<std::string, CachedFile, std::less<>> contents() const;
  /// Counters so far.
  SourceFileStats stats() const;

 private:
  void record(const std::string& key, const FileStamp& stamp);

  mutable std::mutex m_mutex;
  std::map<std::string, CachedFile, std::less<>> m_previous;
  std::map<std::string, FileStamp, std::less<>> m_dependencies;
  std::map<std::string, CachedFile, std::less<>> m_contents;
  std::map<std::string, std::vector<DirectoryEntry>, std::less<>> m_listings;
  SourceFileStats m_stats;
};

}  // namespace rbxpipe::rojo
