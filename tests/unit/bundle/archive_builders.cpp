#include "tests/unit/bundle/archive_builders.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <stdexcept>

#include "base/sha256.h"

namespace rbxpipe::bundle::testing {
namespace {

la_ssize_t append_to_string(archive*, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

void expect_ok(archive* handle, int status, const char* what) {
  if (status < ARCHIVE_WARN) throw std::runtime_error(std::string(what) + ": " + archive_error_string(handle));
}

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

// Deflates `zeros` zero bytes with a sync flush (byte aligned, not final); `primed` presets a window of zeros so
// the block can follow any run of at least 32 KiB of zeros. With `finish_tail`, also returns the final empty block.
std::string deflate_zeros(std::size_t zeros, bool primed, std::string* finish_tail) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib");
  const std::string window(32 * 1024, '\0');
  if (primed) {
    deflateSetDictionary(&stream, reinterpret_cast<const Bytef*>(window.data()), static_cast<uInt>(window.size()));
  }
  const std::string input(zeros, '\0');
  std::string out(zeros / 100 + 1024, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_SYNC_FLUSH) != Z_OK || stream.avail_in != 0) throw std::runtime_error("zlib flush");
  out.resize(out.size() - stream.avail_out);
  if (finish_tail != nullptr) {
    std::string tail(64, '\0');
    stream.next_out = reinterpret_cast<Bytef*>(tail.data());
    stream.avail_out = static_cast<uInt>(tail.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib finish");
    tail.resize(tail.size() - stream.avail_out);
    *finish_tail = tail;
  }
  deflateEnd(&stream);
  return out;
}

}  // namespace

std::string build_archive(const std::vector<ArchiveEntry>& entries, ArchiveKind kind) {
  std::string bytes;
  archive* handle = archive_write_new();
  if (kind == ArchiveKind::zip) {
    expect_ok(handle, archive_write_set_format_zip(handle), "zip format");
  } else {
    expect_ok(handle, archive_write_set_format_pax_restricted(handle), "tar format");
  }
  if (kind == ArchiveKind::tar_gz) expect_ok(handle, archive_write_add_filter_gzip(handle), "gzip");
  if (kind == ArchiveKind::tar_zst) expect_ok(handle, archive_write_add_filter_zstd(handle), "zstd");
  // Without this, libarchive pads the last block to 10 KiB for tar; harmless, but smaller archives are quicker.
  archive_write_set_bytes_in_last_block(handle, 1);
  expect_ok(handle, archive_write_open(handle, &bytes, nullptr, &append_to_string, nullptr), "open");
  for (const ArchiveEntry& item : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, item.path.c_str());
    archive_entry_set_mtime(entry, 0, 0);
    archive_entry_set_perm(entry, 0644);
    std::size_t data_size = 0;
    switch (item.type) {
      case EntryType::file:
        archive_entry_set_filetype(entry, AE_IFREG);
        data_size = item.data.size();
        break;
      case EntryType::folder: archive_entry_set_filetype(entry, AE_IFDIR); break;
      case EntryType::symlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_symlink(entry, item.link.c_str());
        break;
      case EntryType::hardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_hardlink(entry, item.link.c_str());
        break;
      case EntryType::char_device:
        archive_entry_set_filetype(entry, AE_IFCHR);
        archive_entry_set_rdev(entry, 0x0103);
        break;
      case EntryType::fifo: archive_entry_set_filetype(entry, AE_IFIFO); break;
    }
    archive_entry_set_size(entry, static_cast<la_int64_t>(data_size));
    expect_ok(handle, archive_write_header(handle, entry), "header");
    if (data_size > 0) archive_write_data(handle, item.data.data(), data_size);
    archive_entry_free(entry);
  }
  expect_ok(handle, archive_write_close(handle), "close");
  archive_write_free(handle);
  return bytes;
}

std::string build_raw_zip(const std::vector<RawZipEntry>& entries) {
  std::string out;
  std::string central;
  for (const RawZipEntry& entry : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto compressed = static_cast<std::uint32_t>(entry.data.size());
    const auto name_length = static_cast<std::uint32_t>(entry.name.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, entry.method);
    put16(out, 0);
    put16(out, 0x21);
    put32(out, entry.crc);
    put32(out, compressed);
    put32(out, entry.size);
    put16(out, name_length);
    put16(out, 0);
    out += entry.name;
    out += entry.data;

    put32(central, 0x02014b50);
    put16(central, (3u << 8) | 20u);
    put16(central, 20);
    put16(central, 0);
    put16(central, entry.method);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, entry.crc);
    put32(central, compressed);
    put32(central, entry.size);
    put16(central, name_length);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, entry.mode << 16);
    put32(central, offset);
    central += entry.name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, central_offset);
  put16(out, 0);
  return out;
}

RawZipEntry stored_entry(const std::string& name, const std::string& data) {
  RawZipEntry entry;
  entry.name = name;
  entry.data = data;
  entry.crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  entry.size = static_cast<std::uint32_t>(data.size());
  return entry;
}

RawZipEntry zero_bomb_entry(const std::string& name, std::uint32_t mebibytes) {
  constexpr std::size_t k_mebibyte = 1 << 20;
  std::string tail;
  const std::string first = deflate_zeros(k_mebibyte, false, nullptr);
  const std::string repeat = deflate_zeros(k_mebibyte, true, &tail);
  RawZipEntry entry;
  entry.name = name;
  entry.method = 8;
  entry.data = first;
  for (std::uint32_t i = 1; i < mebibytes; ++i) entry.data += repeat;
  entry.data += tail;
  const std::string zeros(k_mebibyte, '\0');
  const uLong one = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(zeros.size()));
  uLong crc = one;
  for (std::uint32_t i = 1; i < mebibytes; ++i) crc = crc32_combine(crc, one, static_cast<z_off_t>(k_mebibyte));
  entry.crc = static_cast<std::uint32_t>(crc);
  entry.size = static_cast<std::uint32_t>(std::uint64_t{mebibytes} * k_mebibyte);
  return entry;
}

BundleContents sample_contents() {
  BundleContents contents;
  ReleaseManifest& manifest = contents.manifest;
  manifest.name = "volcano";
  manifest.version = "1.2.0";
  manifest.tenant = "local";
  manifest.created_by = "Ana Souza";
  manifest.git = GitInfo{std::string(40, 'a'), true};
  manifest.input_hash = base::sha256_hex("sources");
  add_file(contents, "place.rbxl", "<roblox!" + std::string(3000, 'p'), FileRole::place);
  add_file(contents, "models/lava.rbxm", "<roblox!lava", FileRole::model);
  add_file(contents, "assets/sheet-0.png", "\x89PNG sheet", FileRole::asset);
  add_file(contents, "assets/rumble.ogg", "OggS rumble", FileRole::asset);
  add_file(contents, "sourcemap.json", "{}", FileRole::metadata);
  manifest.assets.push_back(BundleAsset{"assets/images/lava.png", "image", base::sha256_hex("lava"),
                                        "assets/sheet-0.png", "image/png", SpriteInfo{2, 4, 64, 32}});
  manifest.assets.push_back(BundleAsset{"assets/audio/rumble.ogg", "audio", base::sha256_hex("rumble"),
                                        "assets/rumble.ogg", "audio/ogg", std::nullopt});
  return contents;
}

std::vector<ArchiveEntry> bundle_entries(const BundleContents& contents) {
  std::vector<ArchiveEntry> entries;
  entries.push_back(ArchiveEntry{"release.json", encode_manifest(contents.manifest), EntryType::file, ""});
  for (const auto& [path, bytes] : contents.files) entries.push_back(ArchiveEntry{path, bytes, EntryType::file, ""});
  return entries;
}

}  // namespace rbxpipe::bundle::testing
