#pragma once
// Shared pieces of the binary format tests: write/read shortcuts and a builder for hand-made (often malformed) files.

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

/// The tree of fixtures/models/binary-every-type: a Model "EveryType" holding a Configuration with one property of
/// every binary type but Bytecode, and a Folder "Target" the Ref and Content properties point at.
inline dom::Dom every_type_model() {
  using namespace types;  // NOLINT(google-build-using-namespace)
  dom::Dom dom;
  auto model = dom.insert(dom.root(), "Model", "EveryType");
  auto values = dom.insert(model, "Configuration", "Values");
  auto target = dom.insert(model, "Folder", "Target");
  CFrame rotated;
  rotated.position = {1, -2, 3.5F};
  rotated.rotation = {0, 0, 1, 0, 1, 0, -1, 0, 0};
  CFrame skewed;
  skewed.position = {-0.15625F, 0, 1e30F};
  skewed.rotation = {0.6F, 0.8F, 0, -0.8F, 0.6F, 0, 0, 0, 1};
  auto set = [&](const char* name, Variant value) { dom.set_property(values, name, std::move(value)); };
  set("TestString", std::string("hello"));
  set("TestBool", true);
  set("TestInt32", std::int32_t{-123456});
  set("TestFloat32", -0.15625F);
  set("TestFloat64", 1.0 / 3.0);
  set("TestUDim", UDim{0.5F, -10});
  set("TestUDim2", UDim2{{0.25F, 4}, {-1, 7}});
  set("TestRay", Ray{{1, 2, 3}, {0, -1, 0}});
  set("TestFaces", Faces{0b101101});
  set("TestAxes", Axes{0b101});
  set("TestBrickColor", BrickColor{1004});
  set("TestColor3", Color3{0.25F, 0.5F, 0.75F});
  set("TestVector2", Vector2{-3, 4});
  set("TestVector3", Vector3{1, 2, 3});
  set("TestCFrameRotated", rotated);
  set("TestCFrameSkewed", skewed);
  set("TestEnum", Enum{288});
  set("TestRef", Ref{target});
  set("TestVector3int16", Vector3int16{-32768, 0, 32767});
  set("TestNumberSequence", NumberSequence{{{0, 1, 0}, {0.5F, 2, 0.25F}, {1, 3, 0}}});
  set("TestColorSequence", ColorSequence{{{0, {1, 0, 0}, 0}, {1, {0, 0, 1}, 0}}});
  set("TestNumberRange", NumberRange{-1, 5});
  set("TestRect", Rect{{1, 2}, {3, 4}});
  set("TestPhysicalDefault", PhysicalProperties{});
  set("TestPhysicalCustom", PhysicalProperties{true, 0.75F, 0.25F, 0.5F, 1, 1, 0.5F});
  set("TestColor3uint8", Color3uint8{1, 128, 255});
  set("TestInt64", std::int64_t{-(std::int64_t{1} << 50)});
  set("TestSharedString", SharedString{"shared bytes"});
  set("TestOptionalSome", OptionalCFrame{rotated});
  set("TestOptionalNone", OptionalCFrame{});
  set("TestUniqueId", UniqueId{7, 123456789, 0x123456789ABCDEF});
  set("TestFont", Font{"rbxasset://fonts/families/SourceSansPro.json", 700, 1, ""});
  set("TestSecurityCapabilities", SecurityCapabilities{0x11});
  set("TestContentNone", Content{});
  set("TestContentUri", Content{Content::Kind::uri, "rbxassetid://1", k_null_instance});
  set("TestContentObject", Content{Content::Kind::object, {}, target});
  return dom;
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
    body.write_u32(class_id);
    body.write_string(class_name);
    body.write_u8(0);
    body.write_u32(static_cast<std::uint32_t>(referents.size()));
    write_referents(body, referents);
    return chunk("INST", body.bytes());
  }
  /// Appends a PROP chunk whose values are given already encoded.
  FileBuilder& prop(std::uint32_t class_id, std::string_view name, std::uint8_t type, std::string_view values) {
    ByteWriter body;
    body.write_u32(class_id);
    body.write_string(name);
    body.write_u8(type);
    body.write_bytes(values);
    return chunk("PROP", body.bytes());
  }
  /// Appends a PRNT chunk.
  FileBuilder& prnt(std::vector<std::int32_t> children, std::vector<std::int32_t> parents) {
    ByteWriter body;
    body.write_u8(0);
    body.write_u32(static_cast<std::uint32_t>(children.size()));
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
