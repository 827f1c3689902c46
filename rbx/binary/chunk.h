#pragma once
// The binary file's framing: the 32-byte file header and the chunk sequence (16-byte chunk headers, bodies raw,
// LZ4-block or ZSTD compressed), read under size limits and written with a chosen compression.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "rbx/binary/binary.h"

namespace rbxpipe::rbx::binary {

/// Size of the file header: magic, signature, version, class count, instance count, reserved bytes.
inline constexpr std::size_t k_file_header_size = 32;
/// Size of one chunk header: name, compressed length, uncompressed length, reserved.
inline constexpr std::size_t k_chunk_header_size = 16;

/// The counts the file header declares.
struct FileHeader {
  std::uint32_t class_count = 0;     ///< number of INST chunks
  std::uint32_t instance_count = 0;  ///< referents are 0 .. instance_count-1
};

/// One chunk as found in the file, before its body is decompressed.
struct ChunkHeader {
  std::string name;                    ///< "INST", "PROP", "END" (trailing NUL bytes removed)
  std::size_t offset = 0;              ///< byte offset of the chunk header in the file
  std::uint32_t compressed_size = 0;   ///< 0: the body is stored raw
  std::uint32_t uncompressed_size = 0; ///< size of the decompressed body
  std::string_view body;               ///< the stored (possibly compressed) body bytes
};

/// An invalid_input (or `code`) error located at a chunk: "PROP chunk at byte 1234: message".
base::Error chunk_error(std::string_view chunk_name, std::size_t offset, std::string_view message,
                        base::ErrorCode code = base::ErrorCode::invalid_input);

/// Parses the 32-byte file header; invalid_input for a wrong magic, signature, version or reserved bytes.
base::Result<FileHeader> read_file_header(std::string_view file);

/// Walks the chunks after the file header, checking every length against the file and the limits.
class ChunkStream {
 public:
  /// A stream over `file` (the whole file, header included) with the limits of `options`.
  ChunkStream(std::string_view file, const ReadOptions& options);

  /// The next chunk header; invalid_input when the file ends without an END chunk or a length lies.
  base::Result<ChunkHeader> next();
  /// The decompressed body of `chunk`; too_large when it exceeds the per-chunk or total limit (checked before
  /// any decompression), invalid_input when the compressed data is corrupt or its size differs from the header's.
  base::Result<std::string> decompress(const ChunkHeader& chunk);

 private:
  std::string_view m_file;
  std::size_t m_position = k_file_header_size;
  std::size_t m_max_chunk_bytes;
  std::size_t m_max_total_bytes;
  std::size_t m_total_bytes = 0;
};

/// The 32-byte file header for the given counts.
std::string encode_file_header(std::uint32_t class_count, std::uint32_t instance_count);

/// Appends one chunk (header and body, compressed as asked) to `out`; too_large when the body exceeds what the
/// format's 32-bit lengths can describe.
base::Result<void> append_chunk(std::string& out, std::string_view name, std::string_view body,
                                Compression compression);

}  // namespace rbxpipe::rbx::binary
