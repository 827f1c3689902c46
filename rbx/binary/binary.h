#pragma once
// Roblox binary model and place files (.rbxm, .rbxl): read into a Dom, write from one.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::rbx::reflection {
class Database;
}

namespace rbxpipe::rbx::binary {

/// Limits and data for reading; the defaults accept any real file and refuse hostile ones quickly.
struct ReadOptions {
  const reflection::Database* database = nullptr;       ///< nullptr: the shipped database
  std::size_t max_instances = 5'000'000;                ///< more than this is refused (too_large)
  std::size_t max_chunk_bytes = std::size_t{512} << 20; ///< largest decompressed chunk accepted
  std::size_t max_total_bytes = std::size_t{2} << 30;   ///< all decompressed chunks together
};

/// Chunk compression for writing.
enum class Compression { lz4, zstd, none };

/// Options for writing.
struct WriteOptions {
  const reflection::Database* database = nullptr;  ///< nullptr: the shipped database
  Compression compression = Compression::lz4;      ///< LZ4 is what Roblox writes
};

/// Reads a binary file. The file's top-level instances become children of the returned Dom's root. Errors
/// (invalid_input, too_large, unsupported) name the chunk and byte offset where reading stopped.
base::Result<dom::Dom> read(std::string_view bytes, const ReadOptions& options = {});

/// Writes `roots` (and their descendants) of `dom` as a binary file. Deterministic: the same tree gives the same
/// bytes. References to instances outside the written subtrees are written as null.
base::Result<std::string> write(const dom::Dom& dom, const std::vector<dom::InstanceId>& roots,
                                const WriteOptions& options = {});

}  // namespace rbxpipe::rbx::binary
