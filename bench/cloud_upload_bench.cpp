// Uploads images through the Open Cloud client against the emulator on 127.0.0.1, limited to 600 creates and 1,800
// operation polls per minute, and reports the achieved create rate as a share of the allowed rate, failures and the
// share of 429 answers; then the same with 10% of answers turned into 5xx. Real time, real HTTP, 16 workers.
// Usage: cloud_upload_bench [UPLOADS=1000]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "assets/png_writer.h"
#include "base/clock.h"
#include "cloud/assets_api.h"
#include "cloud/emulator/emulator.h"
#include "cloud/operations_api.h"

namespace {

using namespace rbxpipe;
using Clock = std::chrono::steady_clock;

constexpr int k_creates_per_minute = 600;
constexpr int k_polls_per_minute = 1800;
constexpr int k_workers = 16;

std::string png(int seed) {
  assets::Image image = assets::Image::blank(8, 8);
  for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = static_cast<std::uint8_t>(seed + i);
  return assets::encode_png(image).value();
}

struct Report {
  int uploaded = 0, failed = 0, possible_duplicates = 0;
  double seconds = 0;
  int requests = 0, answered_429 = 0, answered_5xx = 0;
  std::size_t assets_created = 0;
};

Report run(int uploads, bool faults) {
  auto scenario = cloud::emulator::default_scenario().value();
  scenario.rate_limits.per_minute["assets"] = k_creates_per_minute;
  scenario.rate_limits.per_minute["operations"] = k_polls_per_minute;
  scenario.assets.operation.polls_before_done = 1;
  base::SystemClock clock;
  cloud::emulator::Emulator emulator(scenario, {&clock, std::nullopt});
  if (!emulator.start(0)) std::abort();
  if (faults) {
    // Every 10th answer of any route is a 5xx (alternating 500, 502, 503), before the request takes effect.
    std::vector<cloud::emulator::FaultSpec> queue;
    const cloud::emulator::FaultKind kinds[] = {cloud::emulator::FaultKind::status_500,
                                                cloud::emulator::FaultKind::status_502,
                                                cloud::emulator::FaultKind::status_503};
    for (int i = 0; i < uploads * 3 / 10 + 10; ++i) {
      cloud::emulator::FaultSpec fault;
      fault.kind = kinds[i % 3];
      fault.skip = 9;
      queue.push_back(fault);
    }
    emulator.add_faults(queue);
  }
  auto limits = cloud::RateLimits::shipped().value();
  limits.per_minute[cloud::EndpointClass::assets] = k_creates_per_minute;
  limits.per_minute[cloud::EndpointClass::operations] = k_polls_per_minute;
  cloud::ClientOptions options;
  options.base_url = emulator.base_url();
  options.api_key = "emulator-key";
  options.owner = "group:1";
  options.limiter = std::make_shared<cloud::RateLimiter>(limits, clock);
  cloud::OpenCloudClient client(options);

  std::atomic<int> next{0}, uploaded{0}, failed{0}, possible_duplicates{0};
  auto started = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < k_workers; ++w) {
    workers.emplace_back([&] {
      cloud::AssetsApi assets(client);
      cloud::OperationsApi operations(client);
      cloud::OperationWait wait;
      wait.first_delay = std::chrono::milliseconds(200);
      for (int i = next++; i < uploads; i = next++) {
        cloud::AssetUpload upload;
        upload.asset_type = "Image";
        upload.display_name = "bench-" + std::to_string(i);
        upload.description = "benchmark upload";
        upload.creator = cloud::CreatorRef{cloud::CreatorRef::Kind::group, 1};
        upload.file_name = upload.display_name + ".png";
        upload.content_type = "image/png";
        upload.content = png(i);
        bool done = false;
        // A create answered 5xx may or may not exist; like the deploy journal, send it again and report it.
        for (int attempt = 0; attempt < 5 && !done; ++attempt) {
          auto operation = assets.create(upload);
          if (!operation) {
            if (cloud::request_may_have_arrived(operation.error())) ++possible_duplicates;
            continue;
          }
          auto finished = operations.wait(operation->operation_id, wait);
          done = finished.ok() && finished->done && !finished->error;
        }
        (done ? uploaded : failed)++;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  Report report;
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  report.uploaded = uploaded;
  report.failed = failed;
  report.possible_duplicates = possible_duplicates;
  for (const auto& record : emulator.request_log()) {
    ++report.requests;
    report.answered_429 += record.status == 429;
    report.answered_5xx += record.status >= 500;
  }
  report.assets_created = emulator.assets().size();
  emulator.stop();
  return report;
}

void print(const char* name, const Report& r) {
  double allowed = k_creates_per_minute / 60.0;
  // The first minute's burst (a full bucket) is free; the steady rate is what the limit allows after it.
  double achieved = r.assets_created / r.seconds;
  std::printf("%s: %d uploaded, %d failed, %zu assets created in %.1f s\n", name, r.uploaded, r.failed,
              r.assets_created, r.seconds);
  std::printf("  achieved %.2f creates/s of %.2f allowed (bucket starts full: +%d free) -> ratio %.3f\n", achieved,
              allowed, k_creates_per_minute, (r.assets_created - k_creates_per_minute) / (r.seconds * allowed));
  std::printf("  %d requests, %d answered 429 (%.2f%%), %d answered 5xx, %d creates re-sent as possible duplicates\n",
              r.requests, r.answered_429, 100.0 * r.answered_429 / r.requests, r.answered_5xx, r.possible_duplicates);
}

}  // namespace

int main(int argc, char** argv) {
  int uploads = argc > 1 ? std::atoi(argv[1]) : 1000;
  print("clean", run(uploads, false));
  print("10% 5xx", run(uploads, true));
  return 0;
}
