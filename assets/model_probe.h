#pragma once
// Model probing: Roblox model files (.rbxm/.rbxmx) decoded to tell a Model from an Animation, glTF/GLB triangle
// counts per mesh and FBX header checks, against the upload limits (diagnostics ASSET02xx).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// The model file formats rbxpipe reads.
enum class ModelFormat { rbxm, rbxmx, gltf, glb, fbx };

/// Lower-case name of a format ("glb").
std::string_view model_format_name(ModelFormat format);

/// The format a file name's extension names (case-insensitive), or nullopt.
std::optional<ModelFormat> model_format_from_path(std::string_view path);

/// One mesh of a glTF/GLB file and the triangles its primitives draw.
struct MeshTriangles {
  std::string name;            ///< the mesh's name, or "mesh <index>" when it has none
  std::uint64_t triangles = 0;  ///< triangles over all its primitives
};

/// What probing a model file found.
struct ModelInfo {
  ModelFormat format = ModelFormat::rbxm;  ///< the file format
  bool animation = false;                  ///< a Roblox file whose only top-level instance is an animation
  std::string root_class;                  ///< Roblox files: class of the first top-level instance
  std::size_t instance_count = 0;          ///< Roblox files: instances in the file
  std::vector<MeshTriangles> meshes;       ///< glTF/GLB: every mesh in file order
  bool fbx_binary = false;                 ///< FBX: binary (true) or ASCII (false)
  std::uint64_t size = 0;                  ///< file size in bytes
};

/// Upload limits for models.
struct ModelLimits {
  std::uint64_t max_triangles_per_mesh = 20000;  ///< per mesh
  std::uint64_t max_size = 20ull * 1024 * 1024;  ///< 20 MB
};

/// Probes `bytes` as `format`; invalid_input (saying what is wrong) for empty or unreadable data.
base::Result<ModelInfo> probe_model(std::string_view bytes, ModelFormat format);

/// Meshes and triangle counts of a glTF JSON document.
base::Result<std::vector<MeshTriangles>> gltf_mesh_triangles(std::string_view json);
/// Meshes and triangle counts of a GLB container (its JSON chunk).
base::Result<std::vector<MeshTriangles>> glb_mesh_triangles(std::string_view bytes);

/// Diagnostics for every limit `info` exceeds, located at `file`: ASSET0202 a mesh over the triangle limit,
/// ASSET0203 file too large.
std::vector<base::Diagnostic> check_model_limits(const ModelInfo& info, const std::string& file,
                                                 const ModelLimits& limits = {});

/// The ASSET0201 diagnostic for a model file that cannot be read, with the probe's reason.
base::Diagnostic unreadable_model(const std::string& file, const std::string& reason);

}  // namespace rbxpipe::assets
