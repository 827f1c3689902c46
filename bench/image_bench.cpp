// Image pipeline benchmark: generates RGBA PNGs (gradients with alpha patterns) and times process_image over them
// (decode, checks, downscale, alpha bleed, PNG encode) on N threads. bench/image_bench.sh compares it against
// ImageMagick on the same files.
//
// Usage: image_bench generate DIR COUNT SIZE
//        image_bench run IN_DIR OUT_DIR THREADS [MAX_SIZE]

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "assets/image.h"
#include "assets/image_process.h"
#include "assets/png_writer.h"

namespace fs = std::filesystem;
using rbxpipe::assets::Image;

namespace {

// Image `index`: a colour gradient rotated by index, with one of four alpha patterns.
Image make_image(int index, int size) {
  Image image = Image::blank(size, size);
  const double centre = size / 2.0;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      auto* p = image.at(x, y);
      p[0] = static_cast<std::uint8_t>((x * 255) / size);
      p[1] = static_cast<std::uint8_t>((y * 255) / size);
      p[2] = static_cast<std::uint8_t>(((x + y + index * 13) * 255) / (2 * size));
      double dx = (x - centre) / centre;
      double dy = (y - centre) / centre;
      double radius = std::sqrt(dx * dx + dy * dy);
      switch (index % 4) {
        case 0: p[3] = static_cast<std::uint8_t>(radius >= 1.0 ? 0 : (1.0 - radius) * 255.0); break;
        case 1: p[3] = ((x / 64 + y / 64) % 2) ? 255 : 0; break;
        case 2: p[3] = radius < 0.3 || radius > 0.9 ? 0 : 255; break;
        default: p[3] = static_cast<std::uint8_t>((y * 255) / size); break;
      }
    }
  }
  return image;
}

// Runs job(i) for i in [0, count) on `threads` threads, each taking the next index.
template <typename Job>
void parallel(int count, int threads, Job job) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < count; i = next++) job(i);
    });
  }
  for (auto& thread : pool) thread.join();
}

int generate(const fs::path& dir, int count, int size) {
  fs::create_directories(dir);
  std::atomic<int> failures{0};
  parallel(count, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), [&](int i) {
    auto png = rbxpipe::assets::encode_png(make_image(i, size));
    char name[32];
    std::snprintf(name, sizeof name, "image%03d.png", i);
    std::ofstream out(dir / name, std::ios::binary);
    if (!png || !out.write(png->data(), static_cast<std::streamsize>(png->size()))) ++failures;
  });
  return failures == 0 ? 0 : 1;
}

int run(const fs::path& in_dir, const fs::path& out_dir, int threads, int max_size) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(in_dir)) {
    if (entry.path().extension() == ".png") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  fs::create_directories(out_dir);
  rbxpipe::assets::ImageOptions options;
  options.max_size = max_size;
  std::atomic<int> failures{0};
  auto start = std::chrono::steady_clock::now();
  parallel(static_cast<int>(files.size()), threads, [&](int i) {
    const fs::path& file = files[static_cast<std::size_t>(i)];
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto result = rbxpipe::assets::process_image(bytes, file.string(), options);
    std::ofstream out(out_dir / file.filename(), std::ios::binary);
    if (!result.ok() || !out.write(result.png.data(), static_cast<std::streamsize>(result.png.size()))) ++failures;
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu images, %d thread(s): %.3f s (%.1f ms per image)\n", files.size(), threads, seconds,
              files.empty() ? 0.0 : seconds * 1000.0 / static_cast<double>(files.size()));
  if (failures != 0) std::fprintf(stderr, "%d image(s) failed\n", failures.load());
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "generate") return generate(args[1], std::atoi(args[2].c_str()), std::atoi(args[3].c_str()));
  if ((args.size() == 4 || args.size() == 5) && args[0] == "run") {
    return run(args[1], args[2], std::max(1, std::atoi(args[3].c_str())), args.size() == 5 ? std::atoi(args[4].c_str()) : 1024);
  }
  std::fprintf(stderr, "usage: image_bench generate DIR COUNT SIZE | image_bench run IN_DIR OUT_DIR THREADS [MAX_SIZE]\n");
  return 2;
}
