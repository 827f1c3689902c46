#include "rbx/binary/chunk.h"

#include <lz4.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <memory>

#include "rbx/binary/bytes.h"

namespace rbxpipe::rbx::binary {

namespace {

constexpr std::string_view k_magic = "<roblox!";
constexpr std::string_view k_signature = "\x89\xFF\x0D\x0A\x1A\x0A";
constexpr std::string_view k_zstd_magic = "\x28\xB5\x2F\xFD";
// An LZ4 block cannot expand its input by more than about 255 times (one length byte stands for at most 255
// bytes); a header claiming more is lying, and we can refuse it without allocating anything.
constexpr std::uint64_t k_lz4_max_ratio = 255;
constexpr std::uint64_t k_lz4_slack = 64;
// ZSTD frames may legitimately expand far more, so their output grows step by step instead of being allocated
// up front from a size the file merely claims.
constexpr std::size_t k_zstd_first_step = std::size_t{64} << 10;

// Printable form of a chunk name for messages; hostile names may hold any byte.
std::string printable_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out.push_back(c);
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    }
  }
  return out;
}

base::Result<std::string> decompress_lz4(const ChunkHeader& chunk) {
  if (chunk.uncompressed_size > k_lz4_max_ratio * chunk.compressed_size + k_lz4_slack) {
    return chunk_error(chunk.name, chunk.offset,
                       "LZ4 data of " + std::to_string(chunk.compressed_size) + " bytes cannot expand to the claimed " +
                           std::to_string(chunk.uncompressed_size) + " bytes");
  }
  if (chunk.compressed_size > INT_MAX || chunk.uncompressed_size > INT_MAX) {
    return chunk_error(chunk.name, chunk.offset, "LZ4 chunk too large", base::ErrorCode::too_large);
  }
  std::string out(chunk.uncompressed_size, '\0');
  char empty_target = 0;
  int produced = LZ4_decompress_safe(chunk.body.data(), out.empty() ? &empty_target : out.data(),
                                     static_cast<int>(chunk.compressed_size), static_cast<int>(out.size()));
  if (produced < 0) return chunk_error(chunk.name, chunk.offset, "corrupt LZ4 data");
  if (static_cast<std::size_t>(produced) != out.size()) {
    return chunk_error(chunk.name, chunk.offset,
                       "LZ4 data decompresses to " + std::to_string(produced) + " bytes, header says " +
                           std::to_string(out.size()));
  }
  return out;
}

base::Result<std::string> decompress_zstd(const ChunkHeader& chunk) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  if (!context) return base::Error(base::ErrorCode::internal, "cannot allocate a ZSTD context");
  const std::size_t expected = chunk.uncompressed_size;
  std::string out;
  std::size_t produced = 0;
  ZSTD_inBuffer input{chunk.body.data(), chunk.body.size(), 0};
  while (true) {
    if (produced == out.size()) {
      // One byte beyond the claimed size is room enough to notice a frame that produces more than declared.
      if (out.size() > expected) break;
      out.resize(std::min(expected + 1, std::max(k_zstd_first_step, out.size() * 2)));
    }
    ZSTD_outBuffer output{out.data(), out.size(), produced};
    std::size_t before_in = input.pos;
    std::size_t status = ZSTD_decompressStream(context.get(), &output, &input);
    if (ZSTD_isError(status)) {
      return chunk_error(chunk.name, chunk.offset, std::string("corrupt ZSTD data: ") + ZSTD_getErrorName(status));
    }
    bool progressed = output.pos != produced || input.pos != before_in;
    produced = output.pos;
    if (produced > expected) break;
    if (status == 0 && input.pos == input.size) {
      if (produced != expected) break;
      out.resize(produced);
      return out;
    }
    if (!progressed && produced < out.size()) {
      return chunk_error(chunk.name, chunk.offset, "truncated ZSTD data");
    }
  }
  return chunk_error(chunk.name, chunk.offset,
                     "ZSTD data does not decompress to the " + std::to_string(expected) + " bytes the header says");
}

}  // namespace

base::Error chunk_error(std::string_view chunk_name, std::size_t offset, std::string_view message,
                        base::ErrorCode code) {
  return base::Error(code, printable_name(chunk_name) + " chunk at byte " + std::to_string(offset) + ": " +
                               std::string(message));
}

base::Result<FileHeader> read_file_header(std::string_view file) {
  auto fail = [](std::string_view message) {
    return base::Error(base::ErrorCode::invalid_input, "file header: " + std::string(message));
  };
  if (file.size() < k_file_header_size) return fail("file is shorter than the 32-byte header");
  if (file.substr(0, k_magic.size()) != k_magic) return fail("not a Roblox binary file (no '<roblox!' magic)");
  if (file.substr(8, k_signature.size()) != k_signature) return fail("bad signature (file mangled by a text transfer?)");
  ByteReader reader(file.substr(14, 18));
  std::uint16_t version = reader.read_u16();
  std::uint32_t class_count = reader.read_u32();
  std::uint32_t instance_count = reader.read_u32();
  std::string_view reserved = reader.read_bytes(8);
  if (version != 0) return fail("unsupported version " + std::to_string(version));
  if (class_count > INT32_MAX || instance_count > INT32_MAX) return fail("negative class or instance count");
  if (reserved.find_first_not_of('\0') != std::string_view::npos) return fail("reserved bytes are not zero");
  return FileHeader{class_count, instance_count};
}

ChunkStream::ChunkStream(std::string_view file, const ReadOptions& options)
    : m_file(file), m_max_chunk_bytes(options.max_chunk_bytes), m_max_total_bytes(options.max_total_bytes) {}

base::Result<ChunkHeader> ChunkStream::next() {
  std::size_t offset = m_position;
  if (m_file.size() - offset < k_chunk_header_size) {
    return chunk_error("next", offset, "file ends without an END chunk");
  }
  ByteReader reader(m_file.substr(offset, k_chunk_header_size));
  ChunkHeader chunk;
  chunk.name = std::string(reader.read_bytes(4));
  chunk.offset = offset;
  chunk.compressed_size = reader.read_u32();
  chunk.uncompressed_size = reader.read_u32();
  std::uint32_t reserved = reader.read_u32();
  while (!chunk.name.empty() && chunk.name.back() == '\0') chunk.name.pop_back();
  if (reserved != 0) return chunk_error(chunk.name, offset, "reserved field is " + std::to_string(reserved) + ", not 0");
  std::size_t stored = chunk.compressed_size == 0 ? chunk.uncompressed_size : chunk.compressed_size;
  std::size_t available = m_file.size() - offset - k_chunk_header_size;
  if (stored > available) {
    return chunk_error(chunk.name, offset,
                       "body of " + std::to_string(stored) + " bytes runs past the end of the file (" +
                           std::to_string(available) + " bytes left)");
  }
  chunk.body = m_file.substr(offset + k_chunk_header_size, stored);
  m_position = offset + k_chunk_header_size + stored;
  return chunk;
}

base::Result<std::string> ChunkStream::decompress(const ChunkHeader& chunk) {
  if (chunk.uncompressed_size > m_max_chunk_bytes) {
    return chunk_error(chunk.name, chunk.offset,
                       "decompressed size " + std::to_string(chunk.uncompressed_size) + " exceeds the limit of " +
                           std::to_string(m_max_chunk_bytes) + " bytes",
                       base::ErrorCode::too_large);
  }
  if (chunk.uncompressed_size > m_max_total_bytes - std::min(m_total_bytes, m_max_total_bytes)) {
    return chunk_error(chunk.name, chunk.offset,
                       "decompressed data would exceed the total limit of " + std::to_string(m_max_total_bytes) +
                           " bytes",
                       base::ErrorCode::too_large);
  }
  m_total_bytes += chunk.uncompressed_size;
  if (chunk.compressed_size == 0) return std::string(chunk.body);
  if (chunk.body.substr(0, k_zstd_magic.size()) == k_zstd_magic) return decompress_zstd(chunk);
  return decompress_lz4(chunk);
}

std::string encode_file_header(std::uint32_t class_count, std::uint32_t instance_count) {
  ByteWriter writer;
  writer.write_bytes(k_magic);
  writer.write_bytes(k_signature);
  writer.write_u16(0);
  writer.write_u32(class_count);
  writer.write_u32(instance_count);
  writer.write_bytes(std::string_view("\0\0\0\0\0\0\0\0", 8));
  return writer.take();
}

base::Result<void> append_chunk(std::string& out, std::string_view name, std::string_view body,
                                Compression compression) {
  if (body.size() > LZ4_MAX_INPUT_SIZE) {
    return base::Error(base::ErrorCode::too_large,
                       std::string(name) + " chunk of " + std::to_string(body.size()) + " bytes is too large to write");
  }
  std::string stored;
  if (compression == Compression::lz4) {
    stored.resize(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(body.size()))));
    int size = LZ4_compress_default(body.data(), stored.data(), static_cast<int>(body.size()),
                                    static_cast<int>(stored.size()));
    if (size <= 0) return base::Error(base::ErrorCode::internal, "LZ4 compression failed");
    stored.resize(static_cast<std::size_t>(size));
  } else if (compression == Compression::zstd) {
    stored.resize(ZSTD_compressBound(body.size()));
    std::size_t size = ZSTD_compress(stored.data(), stored.size(), body.data(), body.size(), ZSTD_CLEVEL_DEFAULT);
    if (ZSTD_isError(size)) return base::Error(base::ErrorCode::internal, "ZSTD compression failed");
    stored.resize(size);
  }
  ByteWriter writer;
  std::string padded_name(name);
  padded_name.resize(4, '\0');
  writer.write_bytes(padded_name);
  writer.write_u32(static_cast<std::uint32_t>(stored.size()));
  writer.write_u32(static_cast<std::uint32_t>(body.size()));
  writer.write_u32(0);
  out += writer.bytes();
  out += compression == Compression::none ? body : std::string_view(stored);
  return {};
}

}  // namespace rbxpipe::rbx::binary
