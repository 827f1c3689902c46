#include "pipeline/scaffold.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "assets/png_writer.h"
#include "assets/wav_writer.h"
#include "base/embedded_files.h"
#include "base/file_io.h"

namespace rbxpipe::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_template_root = "scaffold/lesson/";

bool is_lesson_id(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::string substitute(std::string_view text, const std::string& name) {
  std::string out(text);
  const std::string placeholder = "{{name}}";
  for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + name.size())) {
    out.replace(at, placeholder.size(), name);
  }
  return out;
}

// Files named dot-X in the template become .X: a real .gitignore inside config/ would steer git itself.
std::string output_path(std::string_view template_path) {
  std::string relative(template_path.substr(k_template_root.size()));
  auto slash = relative.rfind('/');
  auto base = slash == std::string::npos ? 0 : slash + 1;
  if (relative.compare(base, 4, "dot-") == 0) relative.replace(base, 4, ".");
  return relative;
}

// A 64x64 lava picture: an orange-to-red glow fading to transparent at the edges, so alpha handling matters.
std::string lava_png() {
  auto image = assets::Image::blank(64, 64);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x) {
      double dx = (x - 31.5) / 31.5;
      double dy = (y - 31.5) / 31.5;
      double distance = std::sqrt(dx * dx + dy * dy);
      auto* pixel = image.at(x, y);
      pixel[0] = 255;
      pixel[1] = static_cast<std::uint8_t>(std::clamp(200.0 - 160.0 * distance, 0.0, 255.0));
      pixel[2] = static_cast<std::uint8_t>(std::clamp(40.0 - 40.0 * distance, 0.0, 255.0));
      pixel[3] = static_cast<std::uint8_t>(std::clamp(255.0 * (1.2 - distance), 0.0, 255.0));
    }
  }
  return encode_png(image).value();
}

// Half a second of a low rumble: a 55 Hz tone with a fading second harmonic, mono 22.05 kHz.
std::string rumble_wav() {
  constexpr int k_rate = 22050;
  std::vector<std::int16_t> samples(k_rate / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    double t = static_cast<double>(i) / k_rate;
    double fade = 1.0 - t * 2.0;
    double value = 0.5 * std::sin(2 * std::numbers::pi * 55 * t) + 0.25 * fade * std::sin(2 * std::numbers::pi * 110 * t);
    samples[i] = static_cast<std::int16_t>(value * 32767 * fade);
  }
  return assets::encode_wav_pcm16(samples, k_rate, 1).value();
}

}  // namespace

std::string lesson_id_from(const std::string& folder_name) {
  std::string id;
  for (char c : folder_name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.size() > 64) id.resize(64);
  return id.empty() ? "lesson" : id;
}

base::Result<ScaffoldResult> scaffold_lesson(const ScaffoldOptions& options) {
  ScaffoldResult result;
  auto folder = fs::absolute(options.directory).lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();
  result.name = options.name.empty() ? lesson_id_from(folder.filename().string()) : options.name;
  if (!is_lesson_id(result.name)) {
    return base::Error(base::ErrorCode::invalid_input,
                       "lesson name '" + result.name + "' must be lower-case letters, digits and '-'");
  }

  std::map<std::string, std::string> files;
  for (const auto& path : base::embedded_files_under(k_template_root)) {
    files[output_path(path)] = substitute(*base::embedded_file(path), result.name);
  }
  files["assets/images/lava.png"] = lava_png();
  files["assets/audio/rumble.wav"] = rumble_wav();

  // Check every file first so a refused init leaves the folder exactly as it was.
  std::vector<std::string> existing;
  for (const auto& [relative, bytes] : files) {
    std::error_code error;
    if (fs::exists(options.directory / relative, error)) existing.push_back(relative);
  }
  if (!existing.empty()) {
    std::string list;
    for (const auto& relative : existing) list += (list.empty() ? "" : ", ") + relative;
    return base::Error(base::ErrorCode::already_exists, "would overwrite existing files: " + list);
  }
  for (const auto& [relative, bytes] : files) {
    auto written = base::write_file_atomic(options.directory / relative, bytes);
    if (!written) return std::move(written).error().with_context("scaffold " + relative);
    result.files.push_back(relative);
  }
  return result;
}

}  // namespace rbxpipe::pipeline
