#pragma once
// Model and place files by extension: .rbxm/.rbxl (binary) and .rbxmx/.rbxlx (XML), read and written by path.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::rbx::files {

/// The four file kinds.
enum class FileKind { binary_model, binary_place, xml_model, xml_place };

/// The kind named by a path's extension (case-insensitive), or nullopt for anything else.
std::optional<FileKind> kind_from_path(const std::filesystem::path& path);
/// True for .rbxl and .rbxlx.
bool is_place(FileKind kind);
/// True for .rbxm and .rbxl.
bool is_binary(FileKind kind);
/// "binary model", "XML place", ...
std::string_view kind_name(FileKind kind);

/// Largest model file read (1 GiB); larger files are refused before reading.
inline constexpr std::size_t k_max_model_file_bytes = std::size_t{1} << 30;

/// Reads a model or place file into a Dom whose root holds the file's top-level instances. Errors name the file.
base::Result<dom::Dom> read_model_file(const std::filesystem::path& path);
/// Decodes bytes of the given kind (used by read_model_file and by callers holding the bytes already).
base::Result<dom::Dom> decode_model(std::string_view bytes, FileKind kind);

/// Encodes the root's children as a file of `kind`.
base::Result<std::string> encode_model(const dom::Dom& dom, FileKind kind);
/// Encodes `roots` (any instances of `dom`, with their subtrees) as the top-level instances of a file of `kind`.
base::Result<std::string> encode_instances(const dom::Dom& dom, const std::vector<dom::InstanceId>& roots,
                                           FileKind kind);
/// Writes the root's children to `path` atomically, in the kind its extension names.
base::Result<void> write_model_file(const std::filesystem::path& path, const dom::Dom& dom);

}  // namespace rbxpipe::rbx::files
