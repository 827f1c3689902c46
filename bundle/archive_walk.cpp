#include "bundle/archive_walk.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "base/sha256.h"
#include "bundle/bundle_contents.h"
#include "bundle/bundle_path.h"

namespace rbxpipe::bundle {
namespace {

constexpr std::size_t k_chunk_bytes = 64 * 1024;
constexpr std::size_t k_file_block_bytes = 64 * 1024;

struct ArchiveFree {
  void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveFree>;

base::Error refused(const std::string& message) { return base::Error(base::ErrorCode::invalid_input, message); }

std::string archive_message(archive* handle) {
  const char* text = archive_error_string(handle);
  std::string message = text != nullptr ? text : "unknown error";
  // Some libarchive messages end in a newline, which would break a one-line error.
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// Only the formats bundles come in. A filter without built-in support would make libarchive run an external
// program, so anything short of ARCHIVE_OK is a broken installation, not a fallback.
base::Result<ArchiveHandle> open_archive(const ArchiveInput& input) {
  ArchiveHandle handle(archive_read_new());
  if (!handle) return base::Error(base::ErrorCode::internal, "cannot create an archive reader");
  if (archive_read_support_filter_gzip(handle.get()) != ARCHIVE_OK ||
      archive_read_support_filter_zstd(handle.get()) != ARCHIVE_OK ||
      archive_read_support_format_zip(handle.get()) != ARCHIVE_OK ||
      archive_read_support_format_tar(handle.get()) != ARCHIVE_OK) {
    return base::Error(base::ErrorCode::internal, "libarchive lacks built-in zip, tar, gzip or zstd support: " +
                                                      archive_message(handle.get()));
  }
  const int status = input.file != nullptr
                         ? archive_read_open_filename(handle.get(), input.file->c_str(), k_file_block_bytes)
                         : archive_read_open_memory(handle.get(), input.bytes.data(), input.bytes.size());
  if (status != ARCHIVE_OK) {
    return refused("not a zip, tar, tar.gz or tar.zst archive: " + archive_message(handle.get()));
  }
  return handle;
}

// libarchive converts entry names to the thread's character set; in the C locale (the default of any program that
// never calls setlocale) a UTF-8 zip name such as "assets/lava é.png" cannot be converted and is lost. While this
// guard lives, the thread's LC_CTYPE is C.UTF-8, so names arrive as UTF-8. Other threads are not affected.
class Utf8Names {
 public:
  Utf8Names() : m_locale(::newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr)) {
    if (m_locale != nullptr) m_previous = ::uselocale(m_locale);
  }
  ~Utf8Names() {
    if (m_locale == nullptr) return;
    ::uselocale(m_previous);
    ::freelocale(m_locale);
  }
  Utf8Names(const Utf8Names&) = delete;
  Utf8Names& operator=(const Utf8Names&) = delete;

 private:
  locale_t m_locale;
  locale_t m_previous = nullptr;
};

// Tar tools write "./release.json" and a "./" folder entry; both mean the bundle's top.
std::string strip_dot_prefix(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  if (path == ".") path.clear();
  return path;
}

class Walker {
 public:
  Walker(archive* handle, const ReadLimits& limits, EntrySink& sink)
      : m_archive(handle), m_limits(limits), m_sink(sink), m_buffer(new char[k_chunk_bytes]) {}

  base::Result<ReleaseManifest> run() {
    while (true) {
      archive_entry* entry = nullptr;
      const int status = archive_read_next_header(m_archive, &entry);
      if (status == ARCHIVE_EOF) break;
      // ARCHIVE_WARN (a name the locale cannot show, say) leaves a usable entry; our own checks decide about it.
      if (status < ARCHIVE_WARN) {
        return refused("damaged archive after " + (m_last.empty() ? std::string("its start") : "entry " + m_last) +
                       ": " + archive_message(m_archive));
      }
      if (++m_entries > m_limits.max_entries) {
        return refused("the bundle has more than " + std::to_string(m_limits.max_entries) + " entries");
      }
      RBXPIPE_TRY(take_entry(entry));
    }
    if (!m_manifest) return refused("the bundle has no release.json");
    auto manifest = decode_manifest(*m_manifest);
    if (!manifest) return std::move(manifest).error();
    RBXPIPE_TRY(verify_files(*manifest, m_files));
    return manifest;
  }

 private:
  base::Result<void> take_entry(archive_entry* entry) {
    const char* utf8 = archive_entry_pathname_utf8(entry);
    const char* raw = utf8 != nullptr ? utf8 : archive_entry_pathname(entry);
    if (raw == nullptr) {
      return refused("entry " + std::to_string(m_entries) + " has a name that cannot be read as UTF-8");
    }
    m_last = quoted_entry(raw);
    const std::string& shown = m_last;

    if (const char* target = archive_entry_hardlink(entry); target != nullptr) {
      return refused("entry " + shown + " is a hard link to " + quoted_entry(target));
    }
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFLNK) {
      const char* target = archive_entry_symlink(entry);
      return refused("entry " + shown + " is a symbolic link to " + quoted_entry(target != nullptr ? target : ""));
    }
    if (type == AE_IFCHR || type == AE_IFBLK) return refused("entry " + shown + " is a device");
    if (type == AE_IFIFO) return refused("entry " + shown + " is a FIFO");
    if (type == AE_IFSOCK) return refused("entry " + shown + " is a socket");
    if (type != AE_IFREG && type != AE_IFDIR) return refused("entry " + shown + " is not a file or folder");
    if (archive_entry_is_encrypted(entry)) return refused("entry " + shown + " is encrypted");

    std::string path = strip_dot_prefix(raw);
    if (type == AE_IFDIR) {
      if (!path.empty() && path.back() == '/') path.pop_back();
      if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0) {
        return refused("folder entry " + shown + " carries data");
      }
      if (path.empty()) return base::ok();  // the bundle's own top folder
    }
    auto safe = check_bundle_path(path);
    if (!safe) return refused("entry " + safe.error().message());
    RBXPIPE_TRY(claim_path(path, type == AE_IFDIR, shown));
    if (type == AE_IFDIR) return m_sink.add_folder(path);
    if (archive_entry_sparse_count(entry) > 0) return refused("entry " + shown + " is a sparse file");
    return read_file(entry, path, shown);
  }

  // Refuses a second entry at a path, and files that would sit inside another file's path.
  base::Result<void> claim_path(const std::string& path, bool is_folder, const std::string& shown) {
    if (m_file_paths.count(path) != 0) return refused("entry " + shown + " appears twice");
    if (!is_folder && m_folder_paths.count(path) != 0) {
      return refused("entry " + shown + " is a file where another entry has a folder");
    }
    for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      const std::string folder = path.substr(0, slash);
      if (m_file_paths.count(folder) != 0) {
        return refused("entry " + shown + " lies inside the file " + quoted_entry(folder));
      }
      m_folder_paths.insert(folder);
    }
    (is_folder ? m_folder_paths : m_file_paths).insert(path);
    return base::ok();
  }

  base::Result<void> read_file(archive_entry* entry, const std::string& path, const std::string& shown) {
    const bool is_manifest = path == k_manifest_path;
    const std::uint64_t budget = m_limits.max_total_bytes - std::min(m_total, m_limits.max_total_bytes);
    const bool declared_set = archive_entry_size_is_set(entry) != 0;
    std::uint64_t declared = 0;
    if (declared_set) {
      if (archive_entry_size(entry) < 0) return refused("entry " + shown + " declares a negative size");
      declared = static_cast<std::uint64_t>(archive_entry_size(entry));
      if (declared > budget) {
        return refused("entry " + shown + " declares " + std::to_string(declared) + " bytes, more than the " +
                       std::to_string(budget) + " left under the limit of " +
                       std::to_string(m_limits.max_total_bytes) + " bytes");
      }
      if (is_manifest && declared > m_limits.max_manifest_bytes) {
        return refused("release.json declares " + std::to_string(declared) + " bytes, over the limit of " +
                       std::to_string(m_limits.max_manifest_bytes));
      }
    }
    RBXPIPE_TRY(m_sink.begin_file(path, declared));
    std::string manifest;
    base::Sha256 sha;
    std::uint64_t produced = 0;
    // Raw archive bytes consumed so far; what the entry consumes from here on is its compressed size.
    const la_int64_t start = archive_filter_bytes(m_archive, -1);
    while (true) {
      const la_ssize_t n = archive_read_data(m_archive, m_buffer.get(), k_chunk_bytes);
      if (n < 0) return refused("cannot read entry " + shown + ": " + archive_message(m_archive));
      if (n == 0) break;
      const auto chunk = static_cast<std::uint64_t>(n);
      produced += chunk;
      m_total += chunk;
      if (declared_set && produced > declared) {
        return refused("entry " + shown + " holds more than the " + std::to_string(declared) + " bytes it declares");
      }
      if (m_total > m_limits.max_total_bytes) {
        return refused("the bundle holds more than " + std::to_string(m_limits.max_total_bytes) +
                       " bytes (limit reached in entry " + shown + ")");
      }
      if (is_manifest && produced > m_limits.max_manifest_bytes) {
        return refused("release.json is larger than " + std::to_string(m_limits.max_manifest_bytes) + " bytes");
      }
      RBXPIPE_TRY(check_ratio(produced, start, shown));
      const std::string_view bytes(m_buffer.get(), static_cast<std::size_t>(n));
      sha.update(bytes);
      if (is_manifest) manifest.append(bytes);
      RBXPIPE_TRY(m_sink.write(bytes));
    }
    if (declared_set && produced != declared) {
      return refused("entry " + shown + " holds " + std::to_string(produced) + " bytes but declares " +
                     std::to_string(declared));
    }
    RBXPIPE_TRY(m_sink.end_file());
    if (is_manifest) {
      m_manifest = std::move(manifest);
    } else {
      m_files[path] = FileDigest{base::to_hex(sha.finish()), produced};
    }
    return base::ok();
  }

  // Checked after every chunk, so a bomb stops once it has produced a little over ratio_floor_bytes, long before
  // it is inflated in full.
  base::Result<void> check_ratio(std::uint64_t produced, la_int64_t start, const std::string& shown) {
    if (produced <= m_limits.ratio_floor_bytes) return base::ok();
    const la_int64_t now = archive_filter_bytes(m_archive, -1);
    const std::uint64_t consumed = now > start ? static_cast<std::uint64_t>(now - start) : 0;
    if (produced / std::max<std::uint64_t>(consumed, 1) <= m_limits.max_ratio) return base::ok();
    return refused("entry " + shown + " inflates to more than " + std::to_string(m_limits.max_ratio) +
                   " times its compressed size (" + std::to_string(produced) + " bytes from " +
                   std::to_string(consumed) + " so far): refused as a decompression bomb");
  }

  archive* m_archive;
  const ReadLimits& m_limits;
  EntrySink& m_sink;
  std::unique_ptr<char[]> m_buffer;
  std::uint64_t m_entries = 0;
  std::uint64_t m_total = 0;
  std::string m_last;
  std::set<std::string> m_file_paths;
  std::set<std::string> m_folder_paths;
  std::map<std::string, FileDigest> m_files;
  std::optional<std::string> m_manifest;
};

}  // namespace

base::Result<ReleaseManifest> walk_bundle(const ArchiveInput& input, const ReadLimits& limits, EntrySink& sink) {
  const Utf8Names utf8_names;
  auto handle = open_archive(input);
  if (!handle) return std::move(handle).error();
  Walker walker(handle->get(), limits, sink);
  return walker.run();
}

}  // namespace rbxpipe::bundle
