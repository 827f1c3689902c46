// glTF and GLB triangle counts: each primitive draws from its index accessor, else its POSITION accessor; the mode
// decides how many triangles that many vertices make.
#include <nlohmann/json.hpp>
#include <string>

#include "assets/audio_bytes.h"
#include "assets/model_probe.h"

namespace rbxpipe::assets {

namespace {

using audio_bytes::has_tag;
using audio_bytes::le32;

constexpr std::uint32_t k_chunk_json = 0x4e4f534a;  // "JSON" read little-endian
constexpr int k_mode_triangles = 4;
constexpr int k_mode_strip = 5;
constexpr int k_mode_fan = 6;

base::Error gltf_error(std::string message) {
  return base::Error(base::ErrorCode::invalid_input, "glTF: " + message);
}

// Returns the `count` of accessor `index`, or nullopt when it is missing or malformed.
std::optional<std::uint64_t> accessor_count(const nlohmann::json& accessors, const nlohmann::json& index) {
  if (!index.is_number_unsigned() || !accessors.is_array()) return std::nullopt;
  auto position = index.get<std::size_t>();
  if (position >= accessors.size()) return std::nullopt;
  const auto& accessor = accessors[position];
  if (!accessor.is_object() || !accessor.contains("count") || !accessor["count"].is_number_unsigned()) {
    return std::nullopt;
  }
  return accessor["count"].get<std::uint64_t>();
}

std::uint64_t triangles_for(int mode, std::uint64_t vertices) {
  if (mode == k_mode_triangles) return vertices / 3;
  if (mode == k_mode_strip || mode == k_mode_fan) return vertices >= 3 ? vertices - 2 : 0;
  return 0;  // points and lines draw no triangles
}

base::Result<std::uint64_t> primitive_triangles(const nlohmann::json& primitive, const nlohmann::json& accessors,
                                                const std::string& where) {
  if (!primitive.is_object()) return gltf_error(where + " is not an object");
  int mode = k_mode_triangles;
  if (primitive.contains("mode")) {
    if (!primitive["mode"].is_number_integer()) return gltf_error(where + ".mode is not an integer");
    mode = primitive["mode"].get<int>();
  }
  std::optional<std::uint64_t> vertices;
  if (primitive.contains("indices")) {
    vertices = accessor_count(accessors, primitive["indices"]);
    if (!vertices) return gltf_error(where + ".indices names no accessor with a count");
  } else {
    const auto& attributes = primitive.value("attributes", nlohmann::json::object());
    if (!attributes.is_object() || !attributes.contains("POSITION")) {
      return gltf_error(where + " has neither indices nor a POSITION attribute");
    }
    vertices = accessor_count(accessors, attributes["POSITION"]);
    if (!vertices) return gltf_error(where + ".attributes.POSITION names no accessor with a count");
  }
  return triangles_for(mode, *vertices);
}

}  // namespace

base::Result<std::vector<MeshTriangles>> gltf_mesh_triangles(std::string_view json) {
  auto document = nlohmann::json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return gltf_error("not a JSON object");
  if (!document.contains("asset")) return gltf_error("no \"asset\" object");
  const auto accessors = document.value("accessors", nlohmann::json::array());
  const auto meshes = document.value("meshes", nlohmann::json::array());
  if (!meshes.is_array()) return gltf_error("\"meshes\" is not an array");
  std::vector<MeshTriangles> result;
  for (std::size_t m = 0; m < meshes.size(); ++m) {
    const auto& mesh = meshes[m];
    std::string where = "meshes[" + std::to_string(m) + "]";
    if (!mesh.is_object()) return gltf_error(where + " is not an object");
    MeshTriangles item;
    item.name = mesh.contains("name") && mesh["name"].is_string() ? mesh["name"].get<std::string>()
                                                                  : "mesh " + std::to_string(m);
    const auto primitives = mesh.value("primitives", nlohmann::json::array());
    if (!primitives.is_array()) return gltf_error(where + ".primitives is not an array");
    for (std::size_t p = 0; p < primitives.size(); ++p) {
      auto triangles =
          primitive_triangles(primitives[p], accessors, where + ".primitives[" + std::to_string(p) + "]");
      if (!triangles) return std::move(triangles).error();
      item.triangles += *triangles;
    }
    result.push_back(std::move(item));
  }
  return result;
}

base::Result<std::vector<MeshTriangles>> glb_mesh_triangles(std::string_view bytes) {
  // 12-byte header: magic "glTF", version, total length; then chunks of (length, type, data), JSON first.
  if (bytes.size() < 12 || !has_tag(bytes, 0, "glTF")) return gltf_error("GLB has no \"glTF\" header");
  std::uint32_t version = le32(bytes, 4);
  if (version != 2) return gltf_error("GLB version " + std::to_string(version) + " is not 2");
  std::uint64_t declared = le32(bytes, 8);
  if (declared > bytes.size()) {
    return gltf_error("GLB is truncated: header declares " + std::to_string(declared) + " bytes, file has " +
                      std::to_string(bytes.size()));
  }
  if (bytes.size() < 20) return gltf_error("GLB has no JSON chunk");
  std::uint64_t json_length = le32(bytes, 12);
  if (le32(bytes, 16) != k_chunk_json) return gltf_error("GLB's first chunk is not JSON");
  if (20 + json_length > declared) return gltf_error("GLB's JSON chunk runs past the end of the file");
  return gltf_mesh_triangles(bytes.substr(20, static_cast<std::size_t>(json_length)));
}

}  // namespace rbxpipe::assets
