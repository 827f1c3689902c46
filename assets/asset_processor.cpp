// Processing of every asset input: read, hash, serve from the cache or probe/process, cache, in parallel on TBB.
#include "assets/asset_processor.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "assets/asset_cache.h"
#include "assets/asset_metadata.h"
#include "assets/asset_sheets.h"
#include "assets/audio_probe.h"
#include "assets/image_process.h"
#include "assets/model_probe.h"
#include "base/file_io.h"
#include "base/glob.h"

namespace rbxpipe::assets {

namespace {

base::Diagnostic input_diagnostic(base::Severity severity, std::string code, std::string message,
                                  const std::string& file) {
  base::Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = file;
  return diagnostic;
}

std::string_view audio_mime(AudioFormat format) {
  switch (format) {
    case AudioFormat::ogg: return "audio/ogg";
    case AudioFormat::mp3: return "audio/mpeg";
    case AudioFormat::wav: return "audio/wav";
    case AudioFormat::flac: return "audio/flac";
  }
  return "";
}

std::string_view model_mime(ModelFormat format) {
  switch (format) {
    case ModelFormat::rbxm:
    case ModelFormat::rbxmx: return "model/x-rbxm";
    case ModelFormat::gltf: return "model/gltf+json";
    case ModelFormat::glb: return "model/gltf-binary";
    case ModelFormat::fbx: return "model/fbx";
  }
  return "";
}

void finish(ProcessedAsset& asset, std::string_view bytes, std::vector<base::Diagnostic> found) {
  for (auto& diagnostic : found) asset.diagnostics.push_back(std::move(diagnostic));
  if (base::has_errors(asset.diagnostics)) {
    asset.mime.clear();
    asset.output.clear();
  } else {
    asset.output.assign(bytes);
  }
}

void process_image_input(ProcessedAsset& asset, std::string_view bytes, const ProcessingSettings& settings) {
  asset.kind = AssetKind::image;
  ImageOptions options;
  options.max_size = settings.max_size;
  options.bleed = settings.bleed;
  // Packing into spritesheets happens after every image is processed, over the whole group.
  auto image = process_image(bytes, asset.input, options);
  asset.format = std::string(image_format_name(image.source_format));
  asset.width = image.width;
  asset.height = image.height;
  asset.diagnostics = std::move(image.diagnostics);
  if (image.ok() && !base::has_errors(asset.diagnostics)) {
    asset.mime = "image/png";
    asset.output = std::move(image.png);
  }
}

void process_audio_input(ProcessedAsset& asset, std::string_view bytes, AudioFormat format) {
  asset.kind = AssetKind::audio;
  asset.format = std::string(audio_format_name(format));
  auto info = probe_audio(bytes, format);
  if (!info) {
    finish(asset, bytes, {unreadable_audio(asset.input, info.error().message())});
    return;
  }
  asset.duration_s = info->duration_s;
  asset.sample_rate = info->sample_rate;
  asset.channels = info->channels;
  asset.mime = std::string(audio_mime(format));
  finish(asset, bytes, check_audio_limits(*info, asset.input));
}

void process_model_input(ProcessedAsset& asset, std::string_view bytes, ModelFormat format) {
  asset.kind = AssetKind::model;
  asset.format = std::string(model_format_name(format));
  auto info = probe_model(bytes, format);
  if (!info) {
    finish(asset, bytes, {unreadable_model(asset.input, info.error().message())});
    return;
  }
  if (info->animation) asset.kind = AssetKind::animation;
  for (const auto& mesh : info->meshes) asset.max_mesh_triangles = std::max(asset.max_mesh_triangles, mesh.triangles);
  asset.mime = std::string(model_mime(format));
  finish(asset, bytes, check_model_limits(*info, asset.input));
}

ProcessedAsset process_one(const AssetInput& input, const ProcessOptions& options,
                           const std::optional<AssetCache>& cache) {
  ProcessedAsset asset;
  asset.input = input.input;
  asset.group = input.group;
  auto bytes = base::read_file(options.root / input.input);
  if (!bytes) {
    asset.diagnostics.push_back(input_diagnostic(base::Severity::error, "ASSET0301",
                                                 "cannot read asset input: " + bytes.error().message(), input.input));
    return asset;
  }
  asset.hash = content_hash(*bytes, input.settings);
  if (cache) {
    if (auto cached = cache->load(asset.hash); cached && decode_asset_metadata(cached->metadata, asset)) {
      asset.output = std::move(cached->bytes);
      asset.cache_hit = true;
      return asset;
    }
  }
  asset = process_asset(input, *bytes);
  asset.hash = content_hash(*bytes, input.settings);
  if (cache && options.write_cache) {
    auto stored = cache->store(asset.hash, CachedAsset{asset.output, encode_asset_metadata(asset)});
    if (!stored) {
      asset.diagnostics.push_back(input_diagnostic(base::Severity::warning, "ASSET0303",
                                                   "processed output not cached: " + stored.error().message(),
                                                   input.input));
    }
  }
  return asset;
}

}  // namespace

bool is_image_input(std::string_view path) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string extension(path.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == "png" || extension == "jpg" || extension == "jpeg" || extension == "bmp" || extension == "tga";
}

std::string_view asset_kind_name(AssetKind kind) {
  switch (kind) {
    case AssetKind::image: return "Image";
    case AssetKind::audio: return "Audio";
    case AssetKind::model: return "Model";
    case AssetKind::animation: return "Animation";
  }
  return "?";
}

base::Result<std::vector<AssetInput>> collect_asset_inputs(const std::filesystem::path& root,
                                                           const std::vector<AssetGroup>& groups) {
  std::vector<AssetInput> inputs;
  std::set<std::string> taken;
  for (const auto& group : groups) {
    auto glob = base::Glob::compile(group.glob);
    if (!glob) return std::move(glob).error().with_context("asset group '" + group.name + "'");
    auto files = glob->expand(root);
    if (!files) return std::move(files).error().with_context("asset group '" + group.name + "'");
    for (auto& file : *files) {
      if (!taken.insert(file).second) continue;
      inputs.push_back(AssetInput{std::move(file), group.name, group.settings});
    }
  }
  std::sort(inputs.begin(), inputs.end(), [](const auto& a, const auto& b) { return a.input < b.input; });
  return inputs;
}

ProcessedAsset process_asset(const AssetInput& input, std::string_view bytes) {
  ProcessedAsset asset;
  asset.input = input.input;
  asset.group = input.group;
  asset.size = bytes.size();
  asset.hash = content_hash(bytes, input.settings);
  if (auto audio = audio_format_from_path(input.input)) {
    process_audio_input(asset, bytes, *audio);
  } else if (auto model = model_format_from_path(input.input)) {
    process_model_input(asset, bytes, *model);
  } else if (is_image_input(input.input)) {
    process_image_input(asset, bytes, input.settings);
  } else {
    asset.diagnostics.push_back(input_diagnostic(
        base::Severity::error, "ASSET0302",
        "not an asset rbxpipe can upload (images: png, jpg, bmp, tga; audio: ogg, mp3, wav, flac; models: rbxm, "
        "rbxmx, gltf, glb, fbx)",
        input.input));
  }
  return asset;
}

ProcessResult process_assets(const std::vector<AssetInput>& inputs, const ProcessOptions& options) {
  ProcessResult result;
  result.assets.resize(inputs.size());
  std::optional<AssetCache> cache;
  if (options.cache_dir) cache.emplace(*options.cache_dir);
  // Each task writes only its own slot, so the results need no lock and keep the inputs' order.
  tbb::parallel_for(std::size_t{0}, inputs.size(),
                    [&](std::size_t index) { result.assets[index] = process_one(inputs[index], options, cache); });
  pack_asset_sheets(result, inputs, options);
  std::stable_sort(result.assets.begin(), result.assets.end(),
                   [](const ProcessedAsset& a, const ProcessedAsset& b) { return a.input < b.input; });
  for (const auto& asset : result.assets) {
    if (asset.cache_hit) ++result.cache_hits;
    result.diagnostics.insert(result.diagnostics.end(), asset.diagnostics.begin(), asset.diagnostics.end());
  }
  base::sort_diagnostics(result.diagnostics);
  return result;
}

}  // namespace rbxpipe::assets
