// `rbxpipe assets [DIR] [--json]`: every asset input and spritesheet, what it is, its hash and what would be
// uploaded (a packed image is uploaded inside its sheet); exit 2 when any input has an error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "assets/asset_processor.h"
#include "base/diagnostic.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "pipeline/project.h"
#include "pipeline/runner.h"
#include "stages/assets_stage.h"
#include "stages/project_stage.h"

namespace rbxpipe::cli {

namespace {

struct AssetsOptions {
  std::string path = ".";
  bool json = false;
};

std::string format_size(std::uint64_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  return text;
}

// Dimensions for images, duration for audio, the largest mesh for glTF models.
std::string measure(const assets::ProcessedAsset& asset) {
  char text[64] = "";
  if (asset.kind == assets::AssetKind::image && asset.width > 0) {
    std::snprintf(text, sizeof text, "%dx%d", asset.width, asset.height);
  } else if (asset.kind == assets::AssetKind::audio && asset.sample_rate > 0) {
    std::snprintf(text, sizeof text, "%.1f s, %d Hz, %d ch", asset.duration_s, asset.sample_rate, asset.channels);
  } else if (asset.max_mesh_triangles > 0) {
    std::snprintf(text, sizeof text, "%llu triangles", static_cast<unsigned long long>(asset.max_mesh_triangles));
  }
  return text;
}

// `members`: for a spritesheet, the inputs packed into it.
nlohmann::ordered_json asset_json(const assets::ProcessedAsset& asset, const std::vector<std::string>& members) {
  nlohmann::ordered_json item;
  item["input"] = asset.input;
  item["group"] = asset.group;
  item["kind"] = asset.kind ? nlohmann::ordered_json(std::string(assets::asset_kind_name(*asset.kind))) : nullptr;
  item["format"] = asset.format;
  item["hash"] = asset.hash;
  item["size"] = asset.size;
  if (asset.kind == assets::AssetKind::image) {
    item["width"] = asset.width;
    item["height"] = asset.height;
  }
  if (asset.kind == assets::AssetKind::audio) {
    item["duration_s"] = asset.duration_s;
    item["sample_rate"] = asset.sample_rate;
    item["channels"] = asset.channels;
  }
  if (asset.max_mesh_triangles > 0) item["max_mesh_triangles"] = asset.max_mesh_triangles;
  item["cached"] = asset.cache_hit;
  if (!asset.packed_into.empty() && asset.sprite) {
    item["packed_into"] = asset.packed_into;
    item["rect"] = {{"x", asset.sprite->offset_x},
                    {"y", asset.sprite->offset_y},
                    {"width", asset.sprite->size_x},
                    {"height", asset.sprite->size_y}};
  }
  if (!members.empty()) item["sheet"] = {{"members", members}};
  if (asset.uploadable() && asset.kind) {
    item["upload"] = {{"asset_type", std::string(assets::asset_kind_name(*asset.kind))},
                      {"mime", asset.mime},
                      {"size", asset.output.size()}};
  } else {
    item["upload"] = nullptr;
  }
  item["diagnostics"] = nlohmann::ordered_json::parse(base::render_json(asset.diagnostics));
  return item;
}

// Spritesheet input -> the inputs packed into it; every sheet has at least one.
std::map<std::string, std::vector<std::string>> sheet_members(const assets::ProcessResult& processed) {
  std::map<std::string, std::vector<std::string>> members;
  for (const auto& asset : processed.assets) {
    if (!asset.packed_into.empty()) members[asset.packed_into].push_back(asset.input);
  }
  return members;
}

std::string json_report(const pipeline::RunResult& run, const pipeline::Project* project,
                        const assets::ProcessResult* processed) {
  nlohmann::ordered_json report;
  report["ok"] = !base::has_errors(run.diagnostics) && run.all_ok();
  if (project != nullptr) {
    report["project"] = {{"name", project->config.name},
                         {"version", project->config.version},
                         {"root", project->root.generic_string()}};
  } else {
    report["project"] = nullptr;
  }
  auto items = nlohmann::ordered_json::array();
  const auto members = processed != nullptr ? sheet_members(*processed)
                                            : std::map<std::string, std::vector<std::string>>{};
  if (processed != nullptr) {
    for (const auto& asset : processed->assets) {
      auto sheet = members.find(asset.input);
      items.push_back(asset_json(asset, sheet == members.end() ? std::vector<std::string>{} : sheet->second));
    }
  }
  report["assets"] = std::move(items);
  report["diagnostics"] = nlohmann::ordered_json::parse(base::render_json(run.diagnostics));
  const std::size_t entries = processed != nullptr ? processed->assets.size() : std::size_t{0};
  report["summary"] = {{"inputs", entries - members.size()},
                       {"sheets", members.size()},
                       {"cached", processed != nullptr ? processed->cache_hits : std::size_t{0}},
                       {"errors", base::count_severity(run.diagnostics, base::Severity::error)},
                       {"warnings", base::count_severity(run.diagnostics, base::Severity::warning)}};
  return report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void print_text(const pipeline::RunResult& run, const assets::ProcessResult* processed) {
  base::TextRenderOptions render{.color = stdout_color(), .show_source = true};
  std::cout << base::render_text(run.diagnostics, render);
  if (processed == nullptr) {
    for (const auto& stage : run.stages) {
      if (stage.status == pipeline::StageStatus::failed) std::cout << "assets failed: " << stage.message << '\n';
    }
    return;
  }
  for (const auto& asset : processed->assets) {
    std::string kind = asset.kind ? std::string(assets::asset_kind_name(*asset.kind)) : "?";
    std::string upload = asset.uploadable() ? kind + " " + asset.mime : "not uploadable";
    if (asset.ok() && asset.sprite) {
      upload = "packed into " + asset.packed_into + " at " + std::to_string(asset.sprite->offset_x) + "," +
               std::to_string(asset.sprite->offset_y);
    }
    std::cout << asset.input << "  " << kind << "  " << format_size(asset.size);
    if (auto measured = measure(asset); !measured.empty()) std::cout << "  " << measured;
    std::cout << "  " << (asset.hash.empty() ? "-" : asset.hash.substr(0, 12)) << "  -> " << upload << '\n';
  }
  const std::size_t sheets = sheet_members(*processed).size();
  const std::size_t inputs = processed->assets.size() - sheets;
  std::cout << inputs << " asset input" << (inputs == 1 ? "" : "s");
  if (sheets > 0) std::cout << ", " << sheets << " spritesheet" << (sheets == 1 ? "" : "s");
  std::cout << " (" << processed->cache_hits << " cached)\n";
}

int run_assets(const AssetsOptions& options, const CommandState& state) {
  pipeline::Runner runner;
  runner.add(std::make_unique<stages::ProjectStage>(options.path));
  runner.add(std::make_unique<stages::AssetsStage>());
  pipeline::ArtifactTable artifacts;
  auto run = run_with_progress(runner, artifacts, state.progress);
  if (!run) {
    std::cerr << "rbxpipe: " << run.error().to_string() << '\n';
    return k_exit_failed;
  }
  const auto* project = artifacts.get<pipeline::Project>(stages::k_project_artifact);
  const auto* processed = artifacts.get<assets::ProcessResult>(stages::k_assets_artifact);
  if (options.json) {
    std::cout << json_report(*run, project, processed) << '\n';
  } else {
    print_text(*run, processed);
  }
  if (base::has_errors(run->diagnostics) || !run->all_ok()) return k_exit_invalid_input;
  return k_exit_ok;
}

}  // namespace

void add_assets_command(CLI::App& app, CommandState& state) {
  auto options = std::make_shared<AssetsOptions>();
  auto* command = app.add_subcommand("assets", "Report every asset input: kind, hash, size, limits, upload type");
  command->add_option("path", options->path, "Project folder or rbxpipe.json (default: .)");
  command->add_flag("--json", options->json, "One JSON document on stdout");
  command->callback([options, &state] { state.exit_code = run_assets(*options, state); });
}

}  // namespace rbxpipe::cli
