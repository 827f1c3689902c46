#pragma once
// Helpers for the binary format tests: write/read shortcuts and a builder for hand-made (often malformed) files.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rbx/binary/arrays.h"
#include "rbx/binary/binary.h"
#include "rbx/binary/bytes.h"
#include "rbx/binary/chunk.h"
#include "rbx/dom/dom.h"
#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::binary::testing {

/// An empty reflection database: unit tests of the format do not depend on the shipped class data.
inline const reflection::Database& no_reflection() {
  static const reflection::Database database;
  return database;
}

/// Read options using no_reflection().
inline ReadOptions plain_read() {
  ReadOptions options;
  options.database = &no_reflection();
  return options;
}

/// Write options using no_reflection().
inline WriteOptions plain_write(Compression compression = Compression::lz4) {
  WriteOptions options;
  options.database = &no_reflection();
  options.compression = compression;
  return options;
}

/// The root's children: what a model file's top level is.
inline std::vector<dom::InstanceId> top_level(const dom::Dom& dom) { return dom.get(dom.root()).children; }

/// Writes the whole top level of `dom`; fails the test (and returns "") on error.
inline std::string write_all(const dom::Dom& dom, Compression compression = Compression::lz4) {
  auto bytes = write(dom, top_level(dom), plain_write(compression));
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().to_string());
  return bytes.ok() ? *bytes : std::string();
}

/// Reads `bytes`; fails the test (and returns an empty Dom) on error.
inline dom::Dom read_ok(std::string_view bytes) {
  auto dom = read(bytes, plain_read());
  EXPECT_TRUE(dom.ok()) << (dom.ok() ? "" : dom.error().to_string());
  return dom.ok() ? std::move(*dom) : dom::Dom();
}

/// The error message of a read expected to fail ("" and a test failure when it succeeded).
inline std::string read_error(std::string_view bytes, const ReadOptions& options = plain_read()) {
  auto dom = read(bytes, options);
  EXPECT_FALSE(dom.ok()) << "read unexpectedly succeeded";
  return dom.ok() ? std::string() : dom.error().to_string();
}

/// Assembles a file from raw parts: header counts, then chunks stored uncompressed unless said otherwise.
class FileBuilder {
 public:
  /// A file declaring `classes` classes and `instances` instances.
  FileBuilder(std::uint32_t classes, std::uint32_t instances) : m_bytes(encode_file_header(classes, instances)) {}

  /// Appends a chunk with `body`.
  FileBuilder& chunk(std::string_view name, std::string_view body, Compression compression = Compression::none) {
    EXPECT_TRUE(append_chunk(m_bytes, name, body, compression).ok());
    return *this;
  }
  /// Appends an INST chunk.
  FileBuilder& inst(std::uint32_t class_id, std::string_view class_name, std::vector<std::int32_t> referents) {
    ByteWriter body;
    body.u32_le(class_id);
    body.string(class_name);
    body.u8(0);
    body.u32_le(static_cast<std::uint32_t>(referents.size()));
    write_referents(body, referents);
    return chunk("INST", body.bytes());
  }
  /// Appends a PROP chunk whose values are given already encoded.
  FileBuilder& prop(std::uint32_t class_id, std::string_view name, std::uint8_t type, std::string_view values) {
    ByteWriter body;
    body.u32_le(class_id);
    body.string(name);
    body.u8(type);
    body.raw(values);
    return chunk("PROP", body.bytes());
  }
  /// Appends a PRNT chunk.
  FileBuilder& prnt(std::vector<std::int32_t> children, std::vector<std::int32_t> parents) {
    ByteWriter body;
    body.u8(0);
    body.u32_le(static_cast<std::uint32_t>(children.size()));
    write_referents(body, children);
    write_referents(body, parents);
    return chunk("PRNT", body.bytes());
  }
  /// Appends the END chunk.
  FileBuilder& end() { return chunk("END", "</roblox>"); }
  /// The bytes so far.
  const std::string& bytes() const { return m_bytes; }

 private:
  std::string m_bytes;
};

}  // namespace rbxpipe::rbx::binary::testing
