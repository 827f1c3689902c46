#pragma once
// Archives built in memory for the bundle tests: well-formed and hostile tar/tar.gz/tar.zst/zip (libarchive's
// writer), hand-assembled zips whose headers can lie, and a deflate stream of many zeros made without allocating
// the zeros.

#include <cstdint>
#include <string>
#include <vector>

#include "bundle/bundle_contents.h"

namespace rbxpipe::bundle::testing {

/// What an archive entry is.
enum class EntryType { file, folder, symlink, hardlink, char_device, fifo };

/// One entry for libarchive's writer.
struct ArchiveEntry {
  std::string path;                  ///< name as stored, unchecked
  std::string data;                  ///< file bytes
  EntryType type = EntryType::file;  ///< kind
  std::string link;                  ///< symlink or hard link target
};

/// Container and compression for libarchive's writer.
enum class ArchiveKind { tar, tar_gz, tar_zst, zip };

/// The entries in order (duplicates and hostile names kept as given).
std::string build_archive(const std::vector<ArchiveEntry>& entries, ArchiveKind kind);

/// One entry of a hand-assembled zip: the header fields are written as given, true or not.
struct RawZipEntry {
  std::string name;                  ///< stored name
  std::uint16_t method = 0;          ///< 0 stored, 8 deflate
  std::string data;                  ///< the stored (compressed) bytes
  std::uint32_t crc = 0;             ///< CRC-32 claimed
  std::uint32_t size = 0;            ///< uncompressed size claimed
  std::uint32_t mode = 0100644;      ///< Unix mode in the external attributes
};

/// A zip with local headers, central directory and end record for `entries`.
std::string build_raw_zip(const std::vector<RawZipEntry>& entries);

/// A stored raw-zip entry with an honest CRC and size.
RawZipEntry stored_entry(const std::string& name, const std::string& data);

/// A raw deflate stream of `mebibytes` MiB of zeros and its CRC-32, built from two 1 MiB blocks repeated, so the
/// zeros are never held in memory.
RawZipEntry zero_bomb_entry(const std::string& name, std::uint32_t mebibytes);

/// A small valid bundle: a place, a model, two assets (one packed) and a metadata file.
BundleContents sample_contents();

/// The entries of `contents` for build_archive: release.json first, then the files in path order.
std::vector<ArchiveEntry> bundle_entries(const BundleContents& contents);

}  // namespace rbxpipe::bundle::testing
