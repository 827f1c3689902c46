#include "bundle/bundle_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <random>

#include "base/sha256.h"
#include "bundle/bundle_path.h"

namespace rbxpipe::bundle {
namespace {

// MS-DOS date of 1980-01-01 (the zip epoch): year 0 since 1980, month 1, day 1. Time 00:00:00 is 0. Setting the
// DOS fields directly (not a time_t) keeps the bytes independent of the machine's time zone.
constexpr zip_uint16_t k_dos_date = (0u << 9) | (1u << 5) | 1u;
constexpr zip_uint16_t k_dos_time = 0;
// Regular file, rw-r--r--, in the high 16 bits as Unix zip tools store it.
constexpr zip_uint32_t k_unix_attributes = 0100644u << 16;
constexpr zip_uint32_t k_deflate_level = 6;

struct ZipDiscard {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipDiscard>;

base::Error zip_failure(zip_t* zip, const std::string& what) {
  return base::Error(base::ErrorCode::internal, "cannot " + what + ": " + zip_strerror(zip));
}

base::Error source_failure(zip_error_t* error, const std::string& what) {
  return base::Error(base::ErrorCode::internal, "cannot " + what + ": " + zip_error_strerror(error));
}

// The buffer is not copied: `bytes` must outlive zip_close, which is where libzip reads it.
base::Result<void> add_entry(zip_t* zip, const std::string& name, std::string_view bytes) {
  zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
  if (source == nullptr) return zip_failure(zip, "add " + quoted_entry(name));
  const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return zip_failure(zip, "add " + quoted_entry(name));
  }
  const auto entry = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(zip, entry, ZIP_CM_DEFLATE, k_deflate_level) != 0 ||
      zip_file_set_dostime(zip, entry, k_dos_time, k_dos_date, 0) != 0 ||
      zip_file_set_external_attributes(zip, entry, 0, ZIP_OPSYS_UNIX, k_unix_attributes) != 0) {
    return zip_failure(zip, "set the attributes of " + quoted_entry(name));
  }
  return base::ok();
}

// release.json first, so a reader streaming the archive meets the manifest before the files; then path order.
base::Result<void> add_entries(zip_t* zip, const BundleContents& contents, const std::string& manifest) {
  RBXPIPE_TRY(add_entry(zip, std::string(k_manifest_path), manifest));
  for (const auto& [path, bytes] : contents.files) RBXPIPE_TRY(add_entry(zip, path, bytes));
  return base::ok();
}

base::Result<std::string> read_source(zip_source_t* source) {
  if (zip_source_open(source) != 0) return source_failure(zip_source_error(source), "reopen the archive");
  std::string bytes;
  char buffer[64 * 1024];
  while (true) {
    const zip_int64_t n = zip_source_read(source, buffer, sizeof buffer);
    if (n < 0) {
      zip_source_close(source);
      return source_failure(zip_source_error(source), "read the archive back");
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  zip_source_close(source);
  return bytes;
}

base::Error errno_error(const std::string& what, const std::filesystem::path& path) {
  const int error_number = errno;
  return base::Error(base::ErrorCode::io_error, "cannot " + what + " '" + path.string() + "': " +
                                                    std::strerror(error_number));
}

base::Result<void> fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno_error("open", path);
  const int synced = ::fsync(fd);
  const int error_number = errno;
  ::close(fd);
  if (synced != 0 && error_number != EINVAL) {
    errno = error_number;
    return errno_error("sync", path);
  }
  return base::ok();
}

// Claims a fresh name next to `path` (O_EXCL, so another writer's temp file is never reused).
base::Result<std::filesystem::path> claim_temp_path(const std::filesystem::path& path) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::filesystem::path temp = path;
    temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(engine());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      return temp;
    }
    if (errno != EEXIST) return errno_error("create", temp);
  }
  return base::Error(base::ErrorCode::io_error, "cannot find a free temporary name next to '" + path.string() + "'");
}

// libzip writes `temp` (through a temp file of its own, renamed over it at zip_close); we then sync and rename.
base::Result<void> write_zip_file(const BundleContents& contents, const std::string& manifest,
                                  const std::filesystem::path& temp, const std::filesystem::path& path) {
  int error_code = 0;
  ZipHandle zip(zip_open(temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error_code));
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    auto failure = base::Error(base::ErrorCode::io_error,
                               "cannot open '" + temp.string() + "' for writing: " + zip_error_strerror(&error));
    zip_error_fini(&error);
    return failure;
  }
  RBXPIPE_TRY(add_entries(zip.get(), contents, manifest));
  if (zip_close(zip.get()) != 0) {
    return base::Error(base::ErrorCode::io_error,
                       "cannot write '" + temp.string() + "': " + zip_strerror(zip.get()));
  }
  zip.release();  // zip_close freed it
  RBXPIPE_TRY(fsync_path(temp, O_RDONLY));
  if (::rename(temp.c_str(), path.c_str()) != 0) return errno_error("replace", path);
  return base::ok();
}

}  // namespace

base::Result<std::string> encode_bundle(const BundleContents& contents) {
  RBXPIPE_TRY(check_contents(contents));
  const std::string manifest = encode_manifest(contents.manifest);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (source == nullptr) {
    auto failure = source_failure(&error, "create an archive in memory");
    zip_error_fini(&error);
    return failure;
  }
  // Keep the source alive past zip_close: the finished archive is read back from it.
  zip_source_keep(source);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> source_guard(source, &zip_source_free);
  ZipHandle zip(zip_open_from_source(source, ZIP_CREATE | ZIP_TRUNCATE, &error));
  if (!zip) {
    zip_source_free(source);  // the reference zip_open_from_source would have taken over
    auto failure = source_failure(&error, "open an archive in memory");
    zip_error_fini(&error);
    return failure;
  }
  zip_error_fini(&error);
  RBXPIPE_TRY(add_entries(zip.get(), contents, manifest));
  if (zip_close(zip.get()) != 0) return zip_failure(zip.get(), "finish the archive");
  zip.release();  // zip_close freed it
  return read_source(source);
}

base::Result<BundleWriteResult> write_bundle(const BundleContents& contents, const std::filesystem::path& path) {
  RBXPIPE_TRY(check_contents(contents));
  if (path.filename().empty()) {
    return base::Error(base::ErrorCode::invalid_input,
                       "cannot write a bundle to '" + path.string() + "': not a file name");
  }
  const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return base::Error(base::ErrorCode::io_error, "cannot create folder '" + parent.string() + "': " + ec.message());
  }

  const std::string manifest = encode_manifest(contents.manifest);
  auto temp = claim_temp_path(path);
  if (!temp) return std::move(temp).error();
  auto written = write_zip_file(contents, manifest, *temp, path);
  if (!written) {
    ::unlink(temp->c_str());
    return std::move(written).error();
  }
  RBXPIPE_TRY(fsync_path(parent, O_RDONLY | O_DIRECTORY));

  auto digest = base::sha256_file(path);
  if (!digest) return std::move(digest).error();
  BundleWriteResult result;
  result.artifact_hash = base::sha256_hex(manifest);
  result.release_id = release_id(contents.manifest);
  result.archive_sha256 = base::to_hex(*digest);
  result.archive_size = std::filesystem::file_size(path, ec);
  if (ec) return base::Error(base::ErrorCode::io_error, "cannot stat '" + path.string() + "': " + ec.message());
  return result;
}

}  // namespace rbxpipe::bundle
