// Deploy benchmark: a 200-image lesson deployed to the emulator at its default (documented, real) per-minute
// limits, in real time. Reports the first deploy's time against the least time those limits allow for the requests
// a deploy must make, a no-change redeploy's time, and Open Cloud requests per deploy.
//
// Usage: deploy_bench [IMAGES]   (default 200)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "assets/image.h"
#include "assets/png_writer.h"
#include "base/file_io.h"
#include "cloud/emulator/emulator.h"
#include "cloud/emulator/scenario.h"
#include "deploy/deployer.h"
#include "deploy/release_store.h"
#include "pipeline/scaffold.h"
#include "platform/storage/artifact_store.h"

namespace {

using namespace rbxpipe;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int fail(const std::string& what, const base::Error& error) {
  std::fprintf(stderr, "deploy_bench: %s: %s\n", what.c_str(), error.to_string().c_str());
  return 1;
}

// Least time a bucket of `per_minute` tokens (full at start, refilled evenly over the window) needs for `requests`.
double bucket_seconds(int requests, int per_minute, int window_seconds) {
  if (requests <= per_minute) return 0;
  return static_cast<double>(requests - per_minute) * window_seconds / per_minute;
}

}  // namespace

int main(int argc, char** argv) {
  const int images = argc > 1 ? std::atoi(argv[1]) : 200;
  const auto root = std::filesystem::temp_directory_path() / ("rbxpipe-deploy-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  pipeline::ScaffoldOptions scaffold;
  scaffold.directory = root / "volcano";
  if (auto made = pipeline::scaffold_lesson(scaffold); !made) return fail("scaffold", made.error());
  for (int i = 0; i < images; ++i) {
    assets::Image image = assets::Image::blank(64, 64);
    for (int y = 0; y < 64; ++y) {
      for (int x = 0; x < 64; ++x) {
        std::uint8_t* pixel = image.at(x, y);
        pixel[0] = static_cast<std::uint8_t>(i);
        pixel[1] = static_cast<std::uint8_t>(i >> 8);
        pixel[2] = static_cast<std::uint8_t>(x * 4 + y);
        pixel[3] = 255;
      }
    }
    char name[64];
    std::snprintf(name, sizeof name, "assets/images/gen/%03d.png", i);
    std::filesystem::create_directories(scaffold.directory / "assets/images/gen");
    if (auto written = base::write_file_atomic(scaffold.directory / name, *assets::encode_png(image)); !written) {
      return fail("write image", written.error());
    }
  }

  auto scenario = cloud::emulator::default_scenario();
  if (!scenario) return fail("scenario", scenario.error());
  cloud::emulator::Emulator emulator(*scenario);
  if (auto started = emulator.start(0); !started) return fail("emulator", started.error());
  ::setenv("RBXPIPE_EMULATOR_KEY", "emulator-key", 1);

  auto store = platform::store::open_sqlite_store(root / "home" / "state.db");
  if (!store) return fail("state", store.error());
  if (auto migrated = (*store)->migrate(deploy::deploy_migrations()); !migrated) return fail("migrate", migrated.error());
  auto artifacts = platform::storage::make_local_artifact_store(root / "home" / "artifacts");
  deploy::DeployServices services{**store, *artifacts, {}};
  services.session.home = root / "home";
  services.session.open_cloud_url = emulator.base_url();
  deploy::DeployState state(**store, "local", base::system_clock());

  double after_uploads = 0;
  const auto uploads_seen = [](Clock::time_point last, Clock::time_point start) { return last != start; };
  const auto deploy_once = [&](const char* what, double& elapsed, int& calls, int& uploads) -> int {
    const auto start = Clock::now();
    auto built = deploy::build_release(scaffold.directory, {});
    if (!built.release) return fail(what, base::Error(base::ErrorCode::invalid_input, "the lesson has errors"));
    if (auto stored = deploy::store_release(*built.release, state, *artifacts); !stored) return fail(what, stored.error());
    deploy::DeployOptions options;
    Clock::time_point last_upload = start;
    options.progress = [&](const std::string& phase, const std::string&) {
      if (phase == "upload") last_upload = Clock::now();
    };
    auto report = deploy::deploy_release(*built.release, services, options);
    if (!report) return fail(what, report.error());
    elapsed = seconds_since(start);
    calls = report->api_calls;
    after_uploads = uploads_seen(last_upload, start) ? seconds_since(last_upload) : 0;
    uploads = static_cast<int>(report->uploads.size());
    return 0;
  };
  double first_s = 0, again_s = 0;
  int first_calls = 0, again_calls = 0, first_uploads = 0, again_uploads = 0;
  if (int code = deploy_once("first deploy", first_s, first_calls, first_uploads)) return code;
  const double publish_phase = after_uploads;
  if (int code = deploy_once("redeploy", again_s, again_calls, again_uploads)) return code;

  // The requests a first deploy cannot avoid, against the emulator's budgets: one create per asset, each operation
  // polled until done (polls_before_done "running" answers, then the done one), two publishes, one Luau task.
  const auto& limits = scenario->rate_limits;
  const int assets = images + 2;  // the scaffold's own image and sound
  const int polls = assets * (scenario->assets.operation.polls_before_done + 1);
  const double minimum = std::max({bucket_seconds(assets, limits.per_minute.at("assets"), limits.window_seconds),
                                   bucket_seconds(polls, limits.per_minute.at("operations"), limits.window_seconds),
                                   bucket_seconds(2, limits.per_minute.at("place_publishing"), limits.window_seconds)});
  std::map<std::string, int> by_route;
  for (const auto& record : emulator.request_log()) ++by_route[record.route];
  std::printf("images                         %d (+2 scaffold assets)\n", images);
  std::printf("first deploy                   %.2f s, %d uploads, %d requests\n", first_s, first_uploads, first_calls);
  std::printf("least time the limits allow    %.2f s (assets %d/min, operations %d/min)\n", minimum,
              limits.per_minute.at("assets"), limits.per_minute.at("operations"));
  std::printf("publish phase (after uploads)   %.2f s (publish Saved, smoke test, publish Published, restart)\n",
              publish_phase);
  std::printf("ratio first / (least + publish) %.3f\n", first_s / (minimum + publish_phase));
  std::printf("no-change redeploy             %.3f s, %d uploads, %d requests\n", again_s, again_uploads, again_calls);
  std::printf("requests by route (both runs):\n");
  for (const auto& [route, count] : by_route) std::printf("  %-28s %d\n", route.c_str(), count);
  std::filesystem::remove_all(root);
  return 0;
}
