#include "rbx/files/model_file.h"

#include <algorithm>
#include <cctype>

#include "base/file_io.h"
#include "rbx/binary/binary.h"
#include "rbx/xml/xml.h"

namespace rbxpipe::rbx::files {

std::optional<FileKind> kind_from_path(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".rbxm") return FileKind::binary_model;
  if (extension == ".rbxl") return FileKind::binary_place;
  if (extension == ".rbxmx") return FileKind::xml_model;
  if (extension == ".rbxlx") return FileKind::xml_place;
  return std::nullopt;
}

bool is_place(FileKind kind) { return kind == FileKind::binary_place || kind == FileKind::xml_place; }
bool is_binary(FileKind kind) { return kind == FileKind::binary_model || kind == FileKind::binary_place; }

std::string_view kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::binary_model: return "binary model";
    case FileKind::binary_place: return "binary place";
    case FileKind::xml_model: return "XML model";
    case FileKind::xml_place: return "XML place";
  }
  return "model";
}

base::Result<dom::Dom> decode_model(std::string_view bytes, FileKind kind) {
  if (is_binary(kind)) return binary::read(bytes);
  return xml::read(bytes);
}

base::Result<dom::Dom> read_model_file(const std::filesystem::path& path) {
  auto kind = kind_from_path(path);
  if (!kind) {
    return base::Error(base::ErrorCode::invalid_input,
                       "'" + path.string() + "' is not a model or place file (.rbxm, .rbxmx, .rbxl, .rbxlx)");
  }
  auto bytes = base::read_file(path, k_max_model_file_bytes);
  if (!bytes) return std::move(bytes).error();
  auto dom = decode_model(*bytes, *kind);
  if (!dom) return std::move(dom).error().with_context("read " + path.string());
  return dom;
}

base::Result<std::string> encode_model(const dom::Dom& dom, FileKind kind) {
  return encode_instances(dom, dom.get(dom.root()).children, kind);
}

base::Result<std::string> encode_instances(const dom::Dom& dom, const std::vector<dom::InstanceId>& roots,
                                           FileKind kind) {
  if (is_binary(kind)) return binary::write(dom, roots);
  return xml::write(dom, roots);
}

base::Result<void> write_model_file(const std::filesystem::path& path, const dom::Dom& dom) {
  auto kind = kind_from_path(path);
  if (!kind) {
    return base::Error(base::ErrorCode::invalid_input,
                       "'" + path.string() + "' needs a .rbxm, .rbxmx, .rbxl or .rbxlx extension");
  }
  auto bytes = encode_model(dom, *kind);
  if (!bytes) return std::move(bytes).error().with_context("write " + path.string());
  return base::write_file_atomic(path, *bytes);
}

}  // namespace rbxpipe::rbx::files
