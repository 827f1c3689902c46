#pragma once
// FileWatcher: waits for changes in a set of folders (Linux inotify), for `rbxpipe build --watch`.

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "base/result.h"

namespace rbxpipe::rojo {

/// Watches folders (not recursively: callers list every folder they depend on).
class FileWatcher {
 public:
  /// Opens an inotify instance; io_error when the system refuses.
  static base::Result<FileWatcher> create();
  FileWatcher(FileWatcher&& other) noexcept;
  FileWatcher& operator=(FileWatcher&& other) noexcept;
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;
  ~FileWatcher();

  /// Watches exactly `folders` from now on (adding new ones, dropping the rest); folders that vanished are skipped.
  void watch(const std::set<std::string>& folders);
  /// Blocks until something changes in a watched folder or `timeout` passes; after the first change, waits until
  /// no more changes arrive for `settle` so an editor's save burst becomes one rebuild. True when something changed.
  base::Result<bool> wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle);
  /// Number of folders watched.
  std::size_t size() const { return m_watches.size(); }

 private:
  FileWatcher() = default;
  int m_fd = -1;
  std::map<std::string, int> m_watches;  // folder -> watch descriptor
};

/// The folders to watch for a build's dependencies: each folder it listed, and the folder of each file it read or
/// looked for.
template <typename Dependencies>
std::set<std::string> folders_to_watch(const Dependencies& dependencies) {
  std::set<std::string> folders;
  for (const auto& [path, stamp] : dependencies) {
    if (stamp.is_directory) folders.insert(path);
    else if (auto slash = path.rfind('/'); slash != std::string::npos && slash > 0) folders.insert(path.substr(0, slash));
  }
  return folders;
}

}  // namespace rbxpipe::rojo
