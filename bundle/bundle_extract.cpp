// extract_bundle: checks and verifies the whole bundle without writing anything, then streams it into a hidden temp
// folder beside the target (checking it all again) and renames that into place, so the target either receives the
// whole verified bundle or nothing, and a hostile archive never causes a single write.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "bundle/archive_walk.h"
#include "bundle/bundle_reader.h"

namespace rbxpipe::bundle {
namespace {

base::Error io_failure(const std::string& what, const std::filesystem::path& path, int error_number) {
  return base::Error(base::ErrorCode::io_error,
                     "cannot " + what + " '" + path.string() + "': " + std::strerror(error_number));
}

// Writes checked bundle paths under `root`. `root` is a folder this process just created and only regular files and
// folders are ever made in it, so no path can reach outside through a link; O_NOFOLLOW and O_EXCL say so again.
class FolderSink final : public EntrySink {
 public:
  explicit FolderSink(std::filesystem::path root) : m_root(std::move(root)) {}
  ~FolderSink() override {
    if (m_fd >= 0) ::close(m_fd);
  }
  FolderSink(const FolderSink&) = delete;
  FolderSink& operator=(const FolderSink&) = delete;

  base::Result<void> add_folder(const std::string& path) override { return make_folders(m_root / path); }

  base::Result<void> begin_file(const std::string& path, std::uint64_t) override {
    m_path = m_root / path;
    RBXPIPE_TRY(make_folders(m_path.parent_path()));
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (m_fd < 0) return io_failure("create", m_path, errno);
    return base::ok();
  }

  base::Result<void> write(std::string_view chunk) override {
    while (!chunk.empty()) {
      const ssize_t n = ::write(m_fd, chunk.data(), chunk.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return io_failure("write", m_path, errno);
      }
      chunk.remove_prefix(static_cast<std::size_t>(n));
    }
    return base::ok();
  }

  base::Result<void> end_file() override {
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) return io_failure("close", m_path, errno);
    return base::ok();
  }

 private:
  static base::Result<void> make_folders(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
      return base::Error(base::ErrorCode::io_error, "cannot create folder '" + folder.string() + "': " + ec.message());
    }
    return base::ok();
  }

  std::filesystem::path m_root;
  std::filesystem::path m_path;
  int m_fd = -1;
};

// The first pass keeps nothing: the walker hashes and verifies as the bytes go by.
class DiscardSink final : public EntrySink {
 public:
  base::Result<void> add_folder(const std::string&) override { return base::ok(); }
  base::Result<void> begin_file(const std::string&, std::uint64_t) override { return base::ok(); }
  base::Result<void> write(std::string_view) override { return base::ok(); }
  base::Result<void> end_file() override { return base::ok(); }
};

base::Result<std::filesystem::path> make_temp_folder(const std::filesystem::path& parent, const std::string& name) {
  const std::string pattern = (parent / ("." + name + ".partial-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) return io_failure("create a temporary folder in", parent, errno);
  return std::filesystem::path(buffer.data());
}

// One syncfs for the whole tree instead of an fsync per file: a bundle may hold thousands of small files.
base::Result<void> sync_folder(const std::filesystem::path& folder, bool whole_file_system) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_failure("open", folder, errno);
  const int synced = whole_file_system ? ::syncfs(fd) : ::fsync(fd);
  const int error_number = errno;
  ::close(fd);
  if (synced != 0 && error_number != EINVAL) return io_failure("sync", folder, error_number);
  return base::ok();
}

// The target may be missing or an empty folder (rename replaces an empty folder); anything else is refused.
base::Result<void> check_target(const std::filesystem::path& target) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(target, ec);
  if (!std::filesystem::exists(status)) return base::ok();
  if (!std::filesystem::is_directory(status)) {
    return base::Error(base::ErrorCode::already_exists, "'" + target.string() + "' exists and is not a folder");
  }
  if (!std::filesystem::is_empty(target, ec) || ec) {
    return base::Error(base::ErrorCode::already_exists, "'" + target.string() + "' is not empty");
  }
  return base::ok();
}

base::Result<ReleaseManifest> extract_into(const std::filesystem::path& archive_path,
                                           const std::filesystem::path& target, const ReadLimits& limits) {
  RBXPIPE_TRY(check_target(target));
  std::error_code ec;
  const auto status = std::filesystem::status(archive_path, ec);
  if (!std::filesystem::exists(status)) return base::Error(base::ErrorCode::not_found, "no such file");
  if (!std::filesystem::is_regular_file(status)) {
    return base::Error(base::ErrorCode::invalid_input, "not a regular file");
  }

  // Reading twice costs a second decompression, but refusals (bombs, ten thousand entries, a bad hash) then cost
  // no disk writes at all, which matters most for the archives most likely to be hostile.
  const ArchiveInput input{&archive_path, {}};
  DiscardSink discard;
  auto checked = walk_bundle(input, limits, discard);
  if (!checked) return checked;

  const std::filesystem::path parent = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return base::Error(base::ErrorCode::io_error, "cannot create folder '" + parent.string() + "': " + ec.message());
  }
  auto temp = make_temp_folder(parent, target.filename().string());
  if (!temp) return std::move(temp).error();

  auto manifest = [&]() -> base::Result<ReleaseManifest> {
    FolderSink sink(*temp);
    auto walked = walk_bundle(input, limits, sink);
    if (!walked) return walked;
    if (encode_manifest(*walked) != encode_manifest(*checked)) {
      return base::Error(base::ErrorCode::conflict, "the bundle changed while it was being extracted");
    }
    RBXPIPE_TRY(sync_folder(*temp, true));
    if (::rename(temp->c_str(), target.c_str()) != 0) {
      const int error_number = errno;
      if (error_number == ENOTEMPTY || error_number == EEXIST || error_number == ENOTDIR) {
        return base::Error(base::ErrorCode::already_exists, "'" + target.string() + "' appeared while extracting");
      }
      return io_failure("rename a temporary folder to", target, error_number);
    }
    return walked;
  }();
  if (!manifest) {
    std::filesystem::remove_all(*temp, ec);
    return manifest;
  }
  RBXPIPE_TRY(sync_folder(parent, false));
  return manifest;
}

}  // namespace

base::Result<ReleaseManifest> extract_bundle(const std::filesystem::path& path, const std::filesystem::path& target_dir,
                                             const ReadLimits& limits) {
  // "out/" names the folder "out": drop the empty last element so the temp folder lands beside it.
  std::filesystem::path target = target_dir.lexically_normal();
  if (!target.has_filename() && target.has_parent_path()) target = target.parent_path();
  auto manifest = extract_into(path, target, limits);
  if (!manifest) {
    return std::move(manifest).error().with_context("extract bundle '" + path.string() + "' to '" +
                                                    target_dir.string() + "'");
  }
  return manifest;
}

}  // namespace rbxpipe::bundle
