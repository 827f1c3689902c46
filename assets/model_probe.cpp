// Roblox model files and FBX headers, format dispatch and the model limits.
#include "assets/model_probe.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "assets/audio_bytes.h"
#include "rbx/files/model_file.h"

namespace rbxpipe::assets {

namespace {

// "Kaydara FBX Binary", two spaces and a NUL.
constexpr std::string_view k_fbx_binary_magic{"Kaydara FBX Binary  \0", 21};

base::Error model_error(ModelFormat format, std::string message) {
  std::string name(model_format_name(format));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return base::Error(base::ErrorCode::invalid_input, name + ": " + message);
}

base::Diagnostic file_diagnostic(std::string code, std::string message, const std::string& file) {
  base::Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = file;
  return diagnostic;
}

bool is_animation_class(const std::string& class_name) {
  return class_name == "KeyframeSequence" || class_name == "CurveAnimation";
}

base::Result<ModelInfo> probe_roblox(std::string_view bytes, ModelFormat format) {
  auto kind = format == ModelFormat::rbxm ? rbx::files::FileKind::binary_model : rbx::files::FileKind::xml_model;
  auto dom = rbx::files::decode_model(bytes, kind);
  if (!dom) return model_error(format, dom.error().message());
  ModelInfo info;
  const auto& roots = dom->get(dom->root()).children;
  if (roots.empty()) return model_error(format, "the file holds no instances");
  info.root_class = dom->get(roots.front()).class_name;
  info.animation = roots.size() == 1 && is_animation_class(info.root_class);
  info.instance_count = dom->descendants(dom->root()).size() - 1;
  return info;
}

// ASCII FBX files open with a "; FBX x.y.z project file" comment; older exporters may lead with the header node.
bool looks_like_ascii_fbx(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1024));
  std::size_t first = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  if (first == std::string_view::npos) return false;
  return head.substr(first).starts_with("; FBX") || head.find("FBXHeaderExtension") != std::string_view::npos;
}

}  // namespace

std::string_view model_format_name(ModelFormat format) {
  switch (format) {
    case ModelFormat::rbxm: return "rbxm";
    case ModelFormat::rbxmx: return "rbxmx";
    case ModelFormat::gltf: return "gltf";
    case ModelFormat::glb: return "glb";
    case ModelFormat::fbx: return "fbx";
  }
  return "?";
}

std::optional<ModelFormat> model_format_from_path(std::string_view path) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return std::nullopt;
  std::string extension(path.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (auto format : {ModelFormat::rbxm, ModelFormat::rbxmx, ModelFormat::gltf, ModelFormat::glb, ModelFormat::fbx}) {
    if (extension == model_format_name(format)) return format;
  }
  return std::nullopt;
}

base::Result<ModelInfo> probe_model(std::string_view bytes, ModelFormat format) {
  if (bytes.empty()) return model_error(format, "file is empty");
  ModelInfo info;
  switch (format) {
    case ModelFormat::rbxm:
    case ModelFormat::rbxmx: {
      auto roblox = probe_roblox(bytes, format);
      if (!roblox) return std::move(roblox).error();
      info = std::move(*roblox);
      break;
    }
    case ModelFormat::gltf:
    case ModelFormat::glb: {
      auto meshes = format == ModelFormat::gltf ? gltf_mesh_triangles(bytes) : glb_mesh_triangles(bytes);
      if (!meshes) return std::move(meshes).error();
      info.meshes = std::move(*meshes);
      break;
    }
    case ModelFormat::fbx:
      if (audio_bytes::has_tag(bytes, 0, k_fbx_binary_magic)) {
        info.fbx_binary = true;
      } else if (!looks_like_ascii_fbx(bytes)) {
        return model_error(format, "neither a binary (\"Kaydara FBX Binary\") nor an ASCII FBX header");
      }
      break;
  }
  info.format = format;
  info.size = bytes.size();
  return info;
}

std::vector<base::Diagnostic> check_model_limits(const ModelInfo& info, const std::string& file,
                                                 const ModelLimits& limits) {
  std::vector<base::Diagnostic> diagnostics;
  for (const auto& mesh : info.meshes) {
    if (mesh.triangles <= limits.max_triangles_per_mesh) continue;
    diagnostics.push_back(file_diagnostic("ASSET0202",
                                          "mesh '" + mesh.name + "' has " + std::to_string(mesh.triangles) +
                                              " triangles; Roblox accepts up to " +
                                              std::to_string(limits.max_triangles_per_mesh) + " per mesh",
                                          file));
  }
  if (info.size > limits.max_size) {
    char text[96];
    std::snprintf(text, sizeof text, "model file is %.1f MB; Roblox accepts up to %.1f MB",
                  static_cast<double>(info.size) / (1024.0 * 1024.0),
                  static_cast<double>(limits.max_size) / (1024.0 * 1024.0));
    diagnostics.push_back(file_diagnostic("ASSET0203", text, file));
  }
  return diagnostics;
}

base::Diagnostic unreadable_model(const std::string& file, const std::string& reason) {
  return file_diagnostic("ASSET0201", "cannot read model: " + reason, file);
}

}  // namespace rbxpipe::assets
