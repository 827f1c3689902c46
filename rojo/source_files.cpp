#include "rojo/source_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace rbxpipe::rojo {

FileStamp stamp_from_stat(const struct stat& info) {
  FileStamp stamp;
  stamp.exists = true;
  stamp.is_directory = S_ISDIR(info.st_mode);
  stamp.size = stamp.is_directory ? 0 : static_cast<std::uint64_t>(info.st_size);
  stamp.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  stamp.ctime_ns = static_cast<std::int64_t>(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec;
  stamp.inode = static_cast<std::uint64_t>(info.st_ino);
  return stamp;
}

namespace {

base::Error io_error(const std::string& what, const std::filesystem::path& path) {
  return base::Error{base::ErrorCode::io_error, what + " " + path.string() + ": " + std::strerror(errno)};
}

// Closes a descriptor on every path out of read().
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FileStamp stamp_path(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return FileStamp{};
  return stamp_from_stat(info);
}

SourceFiles::SourceFiles(std::map<std::string, CachedFile, std::less<>> previous) : m_previous(std::move(previous)) {}

void SourceFiles::record(const std::string& key, const FileStamp& stamp) {
  std::lock_guard lock(m_mutex);
  m_dependencies[key] = stamp;
  ++m_stats.paths_stated;
}

FileStamp SourceFiles::stamp(const std::filesystem::path& path) {
  FileStamp result = stamp_path(path);
  record(path.string(), result);
  return result;
}

base::Result<std::vector<DirectoryEntry>> SourceFiles::list(const std::filesystem::path& folder) {
  FileStamp folder_stamp = stamp(folder);
  if (!folder_stamp.exists) return base::Error{base::ErrorCode::not_found, "no folder " + folder.string()};
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return io_error("cannot list", folder);
  std::vector<DirectoryEntry> entries;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    DirectoryEntry item{std::string(name), entry->d_type == DT_DIR, entry->d_type == DT_LNK};
    if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
      struct stat info {};
      std::filesystem::path full = folder / item.name;
      if (::stat(full.c_str(), &info) != 0) continue;  // a dangling link is not an entry worth building
      item.is_directory = S_ISDIR(info.st_mode);
    }
    entries.push_back(std::move(item));
  }
  ::closedir(dir);
  std::sort(entries.begin(), entries.end(),
            [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.name < b.name; });
  std::lock_guard lock(m_mutex);
  m_listings[folder.string()] = entries;
  return entries;
}

SourceFiles::Kind SourceFiles::probe(const std::filesystem::path& path) {
  {
    std::lock_guard lock(m_mutex);
    auto listing = m_listings.find(path.parent_path().string());
    if (listing != m_listings.end()) {
      std::string name = path.filename().string();
      auto found = std::lower_bound(listing->second.begin(), listing->second.end(), name,
                                    [](const DirectoryEntry& entry, const std::string& n) { return entry.name < n; });
      if (found == listing->second.end() || found->name != name) return Kind::missing;
      return found->is_directory ? Kind::directory : Kind::file;
    }
  }
  FileStamp found = stamp(path);
  if (!found.exists) return Kind::missing;
  return found.is_directory ? Kind::directory : Kind::file;
}

base::Result<std::shared_ptr<const std::string>> SourceFiles::read(const std::filesystem::path& file,
                                                                   std::size_t max_bytes) {
  std::string key = file.string();
  const CachedFile* cached = nullptr;
  {
    std::lock_guard lock(m_mutex);
    if (auto found = m_previous.find(key); found != m_previous.end()) cached = &found->second;
  }
  // With a cached copy, a stat decides whether the file must be read at all; without one, open it straight away.
  if (cached != nullptr) {
    FileStamp before = stamp_path(file);
    if (before == cached->stamp) {
      std::lock_guard lock(m_mutex);
      ++m_stats.paths_stated;
      m_dependencies[key] = before;
      m_contents[key] = *cached;
      ++m_stats.cache_hits;
      return cached->contents;
    }
  }
  FileDescriptor descriptor{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (descriptor.fd < 0) {
    FileStamp missing = stamp_path(file);
    record(key, missing);
    if (!missing.exists) return base::Error{base::ErrorCode::not_found, "no file " + key};
    return io_error("cannot open", file);
  }
  struct stat info {};
  if (::fstat(descriptor.fd, &info) != 0) return io_error("cannot stat", file);
  FileStamp stamp = stamp_from_stat(info);
  if (stamp.is_directory) {
    record(key, stamp);
    return base::Error{base::ErrorCode::invalid_input, key + " is a folder, not a file"};
  }
  if (stamp.size > max_bytes)
    return base::Error{base::ErrorCode::too_large, key + " is " + std::to_string(stamp.size) +
                                                       " bytes, more than the limit of " + std::to_string(max_bytes)};
  auto contents = std::make_shared<std::string>();
  contents->resize(stamp.size);
  std::size_t done = 0;
  while (done < contents->size()) {
    ssize_t got = ::read(descriptor.fd, contents->data() + done, contents->size() - done);
    if (got < 0) {
      if (errno == EINTR) continue;
      return io_error("cannot read", file);
    }
    if (got == 0) break;  // the file shrank while we read it; what we have is what it holds now
    done += static_cast<std::size_t>(got);
  }
  contents->resize(done);
  std::shared_ptr<const std::string> shared = std::move(contents);
  std::lock_guard lock(m_mutex);
  m_dependencies[key] = stamp;
  m_contents[key] = CachedFile{stamp, shared};
  ++m_stats.files_read;
  return shared;
}

std::map<std::string, FileStamp, std::less<>> SourceFiles::dependencies() const {
  std::lock_guard lock(m_mutex);
  return m_dependencies;
}

std::map<std::string, CachedFile, std::less<>> SourceFiles::contents() const {
  std::lock_guard lock(m_mutex);
  return m_contents;
}

SourceFileStats SourceFiles::stats() const {
  std::lock_guard lock(m_mutex);
  return m_stats;
}

}  // namespace rbxpipe::rojo
