#include "rojo/build_cache.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include "base/file_io.h"
#include "rbx/types/byte_reader.h"
#include "rbx/types/byte_writer.h"

namespace rbxpipe::rojo {
namespace {

using rbx::types::ByteReader;
using rbx::types::ByteWriter;

// Bump when the layout changes; older caches are then ignored.
constexpr std::string_view k_records_magic = "rbxpipe-build-outputs-2\n";
constexpr std::string_view k_contents_magic = "rbxpipe-build-contents-2\n";
constexpr std::size_t k_max_cache_bytes = std::size_t{2} << 30;

void write_stamp(ByteWriter& out, const FileStamp& stamp) {
  out.write_u8(static_cast<std::uint8_t>((stamp.exists ? 1 : 0) | (stamp.is_directory ? 2 : 0)));
  out.write_u64_be(stamp.size);
  out.write_u64_be(static_cast<std::uint64_t>(stamp.mtime_ns));
  out.write_u64_be(static_cast<std::uint64_t>(stamp.ctime_ns));
  out.write_u64_be(stamp.inode);
}

FileStamp read_stamp(ByteReader& in) {
  FileStamp stamp;
  std::uint8_t flags = in.read_u8();
  stamp.exists = (flags & 1) != 0;
  stamp.is_directory = (flags & 2) != 0;
  stamp.size = in.read_u64_be();
  stamp.mtime_ns = static_cast<std::int64_t>(in.read_u64_be());
  stamp.ctime_ns = static_cast<std::int64_t>(in.read_u64_be());
  stamp.inode = in.read_u64_be();
  return stamp;
}

std::optional<std::string> read_cache_file(const std::filesystem::path& path, std::string_view magic) {
  auto bytes = base::read_file(path, k_max_cache_bytes);
  if (!bytes || !bytes->starts_with(magic)) return std::nullopt;
  return std::move(bytes).value();
}

}  // namespace

std::filesystem::path build_cache_folder(const std::filesystem::path& project_root) {
  return project_root / ".rbxpipe" / "build";
}

std::vector<OutputRecord> load_output_records(const std::filesystem::path& folder) {
  auto bytes = read_cache_file(folder / "outputs.bin", k_records_magic);
  if (!bytes) return {};
  ByteReader in(std::string_view(*bytes).substr(k_records_magic.size()));
  // read_count refuses counts the remaining bytes cannot hold, so a corrupt count never allocates.
  std::vector<OutputRecord> records(in.read_count(8 + 33));
  for (auto& record : records) {
    record.output = in.read_string();
    record.settings = in.read_string();
    record.output_stamp = read_stamp(in);
    std::uint32_t count = in.read_count(4 + 33);
    for (std::uint32_t i = 0; i < count && in.ok(); ++i) {
      std::string path = in.read_string();
      // Saved in order, so every insertion goes at the end: constant time with the hint.
      record.dependencies.emplace_hint(record.dependencies.end(), std::move(path), read_stamp(in));
    }
  }
  if (!in.ok()) return {};
  return records;
}

base::Result<void> save_output_records(const std::filesystem::path& folder, const std::vector<OutputRecord>& records) {
  ByteWriter out;
  out.write_bytes(k_records_magic);
  out.write_u32(static_cast<std::uint32_t>(records.size()));
  for (const auto& record : records) {
    out.write_string(record.output);
    out.write_string(record.settings);
    write_stamp(out, record.output_stamp);
    out.write_u32(static_cast<std::uint32_t>(record.dependencies.size()));
    for (const auto& [path, stamp] : record.dependencies) {
      out.write_string(path);
      write_stamp(out, stamp);
    }
  }
  std::error_code ignored;
  std::filesystem::create_directories(folder, ignored);
  return base::write_file_atomic(folder / "outputs.bin", out.bytes(), base::Durability::replaceable);
}

std::map<std::string, CachedFile, std::less<>> load_cached_contents(const std::filesystem::path& folder) {
  std::map<std::string, CachedFile, std::less<>> contents;
  auto bytes = read_cache_file(folder / "contents.bin", k_contents_magic);
  if (!bytes) return contents;
  ByteReader in(std::string_view(*bytes).substr(k_contents_magic.size()));
  std::uint32_t count = in.read_count(8 + 33);
  for (std::uint32_t i = 0; i < count && in.ok(); ++i) {
    std::string path = in.read_string();
    FileStamp stamp = read_stamp(in);
    auto text = std::make_shared<const std::string>(in.read_string());
    contents.emplace(std::move(path), CachedFile{stamp, std::move(text)});
  }
  if (!in.ok()) return {};
  return contents;
}

base::Result<void> save_cached_contents(const std::filesystem::path& folder,
                                        const std::map<std::string, CachedFile, std::less<>>& contents) {
  ByteWriter out;
  std::size_t total = k_contents_magic.size() + 4;
  for (const auto& [path, file] : contents) total += 8 + path.size() + 33 + file.contents->size();
  out.reserve(total);
  out.write_bytes(k_contents_magic);
  out.write_u32(static_cast<std::uint32_t>(contents.size()));
  for (const auto& [path, file] : contents) {
    out.write_string(path);
    write_stamp(out, file.stamp);
    out.write_string(*file.contents);
  }
  std::error_code ignored;
  std::filesystem::create_directories(folder, ignored);
  return base::write_file_atomic(folder / "contents.bin", out.bytes(), base::Durability::replaceable);
}

namespace {

// Dependencies of one folder, in the record's (sorted) order.
struct FolderGroup {
  std::string folder;
  std::vector<const std::pair<const std::string, FileStamp>*> items;
};

// True when every dependency of the group still has its stamp. Stats go through a handle on the folder, so the
// kernel walks the path once per folder instead of once per file.
bool group_unchanged(const FolderGroup& group) {
  int folder = ::open(group.folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (folder < 0) {
    for (const auto* item : group.items)
      if (item->second.exists) return false;
    return true;
  }
  bool unchanged = true;
  for (const auto* item : group.items) {
    const char* name = item->first.c_str() + group.folder.size() + 1;
    struct stat info {};
    FileStamp now = ::fstatat(folder, name, &info, 0) == 0 ? stamp_from_stat(info) : FileStamp{};
    if (now != item->second) {
      unchanged = false;
      break;
    }
  }
  ::close(folder);
  return unchanged;
}

}  // namespace

bool is_up_to_date(const OutputRecord& record, const std::string& settings) {
  if (record.settings != settings) return false;
  if (!record.output_stamp.exists || stamp_path(record.output) != record.output_stamp) return false;
  // Thousands of stats are the whole cost of a no-op build: grouped by folder and spread over the cores.
  std::vector<FolderGroup> groups;
  for (const auto& item : record.dependencies) {
    auto slash = item.first.rfind('/');
    // Paths at the root, or ending in a slash ("assets/images/"), are stated whole.
    if (slash == std::string::npos || slash == 0 || slash + 1 == item.first.size()) {
      if (stamp_path(item.first) != item.second) return false;
      continue;
    }
    std::string_view folder(item.first.data(), slash);
    if (groups.empty() || groups.back().folder != folder) groups.push_back(FolderGroup{std::string(folder), {}});
    groups.back().items.push_back(&item);
  }
  std::atomic<bool> changed{false};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, groups.size(), 16), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end() && !changed.load(std::memory_order_relaxed); ++i)
      if (!group_unchanged(groups[i])) changed = true;
  });
  return !changed;
}

}  // namespace rbxpipe::rojo
