#pragma once
// Roblox XML model and place files (.rbxmx, .rbxlx), version 4: read into a Dom, write from one.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::rbx::reflection {
class Database;
}

namespace rbxpipe::rbx::xml {

/// Limits and data for reading.
struct ReadOptions {
  const reflection::Database* database = nullptr;  ///< nullptr: the shipped database
  std::size_t max_instances = 5'000'000;           ///< more than this is refused (too_large)
  std::size_t max_depth = 10'000;                  ///< deeper Item nesting is refused (too_large)
};

/// Options for writing.
struct WriteOptions {
  const reflection::Database* database = nullptr;  ///< nullptr: the shipped database
};

/// Reads an XML file; top-level Items become children of the returned Dom's root. Errors name the line and
/// column in the XML where they were found.
base::Result<dom::Dom> read(std::string_view text, const ReadOptions& options = {});

/// Writes `roots` (and their descendants) of `dom` as an XML file. Deterministic: the same tree gives the same
/// bytes (referents are RBX followed by a counter in pre-order; properties sorted by serialized name).
base::Result<std::string> write(const dom::Dom& dom, const std::vector<dom::InstanceId>& roots,
                                const WriteOptions& options = {});

}  // namespace rbxpipe::rbx::xml
