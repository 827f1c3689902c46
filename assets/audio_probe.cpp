// Dispatch by format, and the upload limits as diagnostics.
#include "assets/audio_probe.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace rbxpipe::assets {

namespace {

std::string lower_extension(std::string_view path) {
  auto dot = path.rfind('.');
  auto slash = path.find_last_of('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string extension(path.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

base::Diagnostic file_diagnostic(std::string code, std::string message, const std::string& file) {
  base::Diagnostic diagnostic;
  diagnostic.severity = base::Severity::error;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = file;
  return diagnostic;
}

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

std::string format_megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace

std::string_view audio_format_name(AudioFormat format) {
  switch (format) {
    case AudioFormat::ogg: return "ogg";
    case AudioFormat::mp3: return "mp3";
    case AudioFormat::wav: return "wav";
    case AudioFormat::flac: return "flac";
  }
  return "?";
}

std::optional<AudioFormat> audio_format_from_path(std::string_view path) {
  auto extension = lower_extension(path);
  if (extension == "ogg") return AudioFormat::ogg;
  if (extension == "mp3") return AudioFormat::mp3;
  if (extension == "wav") return AudioFormat::wav;
  if (extension == "flac") return AudioFormat::flac;
  return std::nullopt;
}

base::Result<AudioInfo> probe_audio(std::string_view bytes, AudioFormat format) {
  switch (format) {
    case AudioFormat::ogg: return probe_ogg(bytes);
    case AudioFormat::mp3: return probe_mp3(bytes);
    case AudioFormat::wav: return probe_wav(bytes);
    case AudioFormat::flac: return probe_flac(bytes);
  }
  return base::Error(base::ErrorCode::internal, "unknown audio format");
}

bool is_supported_channel_count(int channels) {
  return channels == 1 || channels == 2 || channels == 3 || channels == 6;
}

std::vector<base::Diagnostic> check_audio_limits(const AudioInfo& info, const std::string& file,
                                                 const AudioLimits& limits) {
  std::vector<base::Diagnostic> diagnostics;
  if (info.duration_s > limits.max_duration_s) {
    diagnostics.push_back(file_diagnostic("ASSET0102",
                                          "audio is " + format_seconds(info.duration_s) + " long; Roblox accepts up to " +
                                              format_seconds(limits.max_duration_s),
                                          file));
  }
  if (info.sample_rate > limits.max_sample_rate) {
    diagnostics.push_back(file_diagnostic("ASSET0103",
                                          "audio sample rate is " + std::to_string(info.sample_rate) +
                                              " Hz; Roblox accepts up to " + std::to_string(limits.max_sample_rate) +
                                              " Hz",
                                          file));
  }
  if (info.size > limits.max_size) {
    diagnostics.push_back(file_diagnostic("ASSET0104",
                                          "audio file is " + format_megabytes(info.size) +
                                              "; Roblox accepts up to " + format_megabytes(limits.max_size),
                                          file));
  }
  if (!is_supported_channel_count(info.channels)) {
    auto diagnostic = file_diagnostic("ASSET0105",
                                      "audio has " + std::to_string(info.channels) +
                                          " channels; Roblox accepts mono, stereo, 3.0 and 5.1 (1, 2, 3 or 6)",
                                      file);
    diagnostic.help = "downmix to stereo before importing";
    diagnostics.push_back(std::move(diagnostic));
  }
  return diagnostics;
}

base::Diagnostic unreadable_audio(const std::string& file, const std::string& reason) {
  return file_diagnostic("ASSET0101", "cannot read audio: " + reason, file);
}

}  // namespace rbxpipe::assets
