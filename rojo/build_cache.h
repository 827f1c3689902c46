#pragma once
// The incremental build cache under `<project>/.rbxpipe/build/`: for each output, the stamps of everything it was
// built from (so an unchanged rebuild only stats files), and the contents of the files read (so a rebuild after one
// change re-reads only that file). Safe to delete at any time.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "rojo/source_files.h"

namespace rbxpipe::rojo {

/// What one output was built from.
struct OutputRecord {
  std::string output;    ///< the output file, absolute
  std::string settings;  ///< everything besides the inputs that shapes the bytes (version, kind, options)
  std::map<std::string, FileStamp, std::less<>> dependencies;  ///< every path the build looked at
  FileStamp output_stamp;  ///< the output file as written
};

/// The cache folder of a project root (`<root>/.rbxpipe/build`).
std::filesystem::path build_cache_folder(const std::filesystem::path& project_root);

/// Reads the output records; a missing or unreadable cache is empty (a cache never fails a build).
std::vector<OutputRecord> load_output_records(const std::filesystem::path& folder);
/// Writes the output records atomically.
base::Result<void> save_output_records(const std::filesystem::path& folder, const std::vector<OutputRecord>& records);

/// Reads the cached file contents; a missing or corrupt cache is empty.
std::map<std::string, CachedFile, std::less<>> load_cached_contents(const std::filesystem::path& folder);
/// Writes the cached file contents atomically.
base::Result<void> save_cached_contents(const std::filesystem::path& folder,
                                        const std::map<std::string, CachedFile, std::less<>>& contents);

/// True when `record` was made with `settings` and neither the output nor any dependency has changed since
/// (costs one stat per dependency).
bool is_up_to_date(const OutputRecord& record, const std::string& settings);

}  // namespace rbxpipe::rojo
