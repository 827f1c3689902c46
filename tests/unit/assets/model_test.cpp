#include <gtest/gtest.h>

#include <string>

#include "assets/model_probe.h"
#include "rbx/dom/dom.h"
#include "rbx/files/model_file.h"

namespace rbxpipe::assets {
namespace {

void put_le32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xffu));
}

std::string glb_of(const std::string& json) {
  std::string padded = json;
  while (padded.size() % 4 != 0) padded.push_back(' ');
  std::string glb = "glTF";
  put_le32(glb, 2);
  put_le32(glb, static_cast<std::uint32_t>(12 + 8 + padded.size()));
  put_le32(glb, static_cast<std::uint32_t>(padded.size()));
  glb += "JSON";
  return glb + padded;
}

std::string encoded_model(const std::string& root_class, rbx::files::FileKind kind) {
  rbx::dom::Dom dom;
  auto root = dom.insert(dom.root(), root_class, "Thing");
  dom.insert(root, "Folder", "Child");
  auto bytes = rbx::files::encode_model(dom, kind);
  EXPECT_TRUE(bytes.ok()) << bytes.error().to_string();
  return bytes.ok() ? *bytes : std::string();
}

const char* const k_gltf = R"({
  "asset": {"version": "2.0"},
  "accessors": [{"count": 300}, {"count": 60000}, {"count": 10}, {"count": 7}],
  "meshes": [
    {"name": "Rock", "primitives": [{"attributes": {"POSITION": 0}}, {"attributes": {"POSITION": 2}, "mode": 5}]},
    {"name": "Lava", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]},
    {"primitives": [{"attributes": {"POSITION": 3}, "mode": 6}, {"attributes": {"POSITION": 3}, "mode": 1}]}
  ]
})";

TEST(ModelGltf, CountsTrianglesFromIndicesOrPositionsByMode) {
  auto meshes = gltf_mesh_triangles(k_gltf);
  ASSERT_TRUE(meshes.ok()) << meshes.error().to_string();
  ASSERT_EQ(meshes->size(), 3u);
  EXPECT_EQ((*meshes)[0].name, "Rock");
  EXPECT_EQ((*meshes)[0].triangles, 100u + 8u);  // 300 / 3 triangles, then a strip of 10 vertices
  EXPECT_EQ((*meshes)[1].triangles, 20000u);    // 60000 indices / 3
  EXPECT_EQ((*meshes)[2].name, "mesh 2");
  EXPECT_EQ((*meshes)[2].triangles, 5u);  // a fan of 7 vertices; lines draw none
}

TEST(ModelGltf, GlbReadsTheJsonChunk) {
  auto meshes = glb_mesh_triangles(glb_of(k_gltf));
  ASSERT_TRUE(meshes.ok()) << meshes.error().to_string();
  EXPECT_EQ(meshes->size(), 3u);
}

TEST(ModelGltf, MalformedDocumentsAreErrorsNamingThePlace) {
  EXPECT_EQ(gltf_mesh_triangles("{nope").error().message(), "glTF: not a JSON object");
  auto bad_accessor = gltf_mesh_triangles(R"({"asset":{}, "meshes":[{"primitives":[{"attributes":{"POSITION":4}}]}]})");
  ASSERT_FALSE(bad_accessor.ok());
  EXPECT_EQ(bad_accessor.error().message(),
            "glTF: meshes[0].primitives[0].attributes.POSITION names no accessor with a count");
}

TEST(ModelGltf, TruncatedGlbIsAnError) {
  auto glb = glb_of(k_gltf);
  auto meshes = glb_mesh_triangles(glb.substr(0, glb.size() - 10));
  ASSERT_FALSE(meshes.ok());
  EXPECT_NE(meshes.error().message().find("truncated"), std::string::npos);
  EXPECT_FALSE(glb_mesh_triangles("glTF").ok());
}

TEST(ModelProbe, TriangleLimitIsPerMesh) {
  std::string json = k_gltf;
  json.replace(json.find("60000"), 5, "60003");
  auto info = probe_model(json, ModelFormat::gltf);
  ASSERT_TRUE(info.ok());
  auto diagnostics = check_model_limits(*info, "assets/models/volcano.gltf");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "ASSET0202");
  EXPECT_EQ(diagnostics[0].file, "assets/models/volcano.gltf");
  EXPECT_EQ(diagnostics[0].message, "mesh 'Lava' has 20001 triangles; Roblox accepts up to 20000 per mesh");
  EXPECT_TRUE(check_model_limits(*probe_model(k_gltf, ModelFormat::gltf), "a.gltf").empty());
}

TEST(ModelProbe, FbxHeadersBinaryAndAscii) {
  std::string binary("Kaydara FBX Binary  \0\x1a\0", 23);
  put_le32(binary, 7400);
  auto info = probe_model(binary, ModelFormat::fbx);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->fbx_binary);
  auto ascii = probe_model("; FBX 7.4.0 project file\nFBXHeaderExtension:  {\n}\n", ModelFormat::fbx);
  ASSERT_TRUE(ascii.ok());
  EXPECT_FALSE(ascii->fbx_binary);
  auto junk = probe_model("PK\x03\x04 a zip file", ModelFormat::fbx);
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().message(), "FBX: neither a binary (\"Kaydara FBX Binary\") nor an ASCII FBX header");
}

TEST(ModelProbe, SizeLimitIsALocatedError) {
  ModelInfo info;
  info.size = 25ull * 1024 * 1024;
  auto diagnostics = check_model_limits(info, "assets/models/big.fbx");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "ASSET0203");
  EXPECT_EQ(diagnostics[0].message, "model file is 25.0 MB; Roblox accepts up to 20.0 MB");
}

TEST(ModelProbe, KeyframeSequenceRootIsAnAnimationInBothFormats) {
  for (auto [format, kind] : {std::pair{ModelFormat::rbxm, rbx::files::FileKind::binary_model},
                              std::pair{ModelFormat::rbxmx, rbx::files::FileKind::xml_model}}) {
    auto info = probe_model(encoded_model("KeyframeSequence", kind), format);
    ASSERT_TRUE(info.ok()) << info.error().to_string();
    EXPECT_TRUE(info->animation);
    EXPECT_EQ(info->root_class, "KeyframeSequence");
    EXPECT_EQ(info->instance_count, 2u);
  }
}

TEST(ModelProbe, CurveAnimationIsAnAnimationAndAModelIsNot) {
  auto curve = probe_model(encoded_model("CurveAnimation", rbx::files::FileKind::binary_model), ModelFormat::rbxm);
  ASSERT_TRUE(curve.ok());
  EXPECT_TRUE(curve->animation);
  auto model = probe_model(encoded_model("Model", rbx::files::FileKind::binary_model), ModelFormat::rbxm);
  ASSERT_TRUE(model.ok());
  EXPECT_FALSE(model->animation);
  EXPECT_EQ(model->root_class, "Model");
}

TEST(ModelProbe, CorruptRobloxFilesAreErrors) {
  auto rbxm = probe_model("<roblox!\x89\xff junk", ModelFormat::rbxm);
  ASSERT_FALSE(rbxm.ok());
  EXPECT_EQ(rbxm.error().message().rfind("RBXM: ", 0), 0u) << rbxm.error().message();
  EXPECT_FALSE(probe_model("<roblox version=\"4\">", ModelFormat::rbxmx).ok());
  EXPECT_EQ(probe_model("", ModelFormat::glb).error().message(), "GLB: file is empty");
}

TEST(ModelProbe, UnreadableModelDiagnosticNamesTheFile) {
  auto diagnostic = unreadable_model("assets/models/x.glb", "GLB: file is empty");
  EXPECT_EQ(diagnostic.code, "ASSET0201");
  EXPECT_EQ(diagnostic.file, "assets/models/x.glb");
  EXPECT_EQ(diagnostic.message, "cannot read model: GLB: file is empty");
}

TEST(ModelProbe, FormatFromExtension) {
  EXPECT_EQ(model_format_from_path("assets/models/a.GLB"), ModelFormat::glb);
  EXPECT_EQ(model_format_from_path("a.rbxmx"), ModelFormat::rbxmx);
  EXPECT_EQ(model_format_from_path("a.obj"), std::nullopt);
}

}  // namespace
}  // namespace rbxpipe::assets
