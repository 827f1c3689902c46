#include "assets/image_bleed.h"

#include <array>
#include <cstdint>
#include <vector>

namespace rbxpipe::assets {
namespace {

enum : std::uint8_t { k_unknown = 0, k_known = 1, k_queued = 2 };

}  // namespace

void bleed_alpha(Image& image) {
  const int width = image.width;
  const int height = image.height;
  if (width <= 0 || height <= 0) return;
  const auto count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  std::vector<std::uint8_t> state(count);
  std::uint8_t* px = image.pixels.data();
  bool any_known = false;
  for (std::size_t i = 0; i < count; ++i) {
    state[i] = px[i * 4 + 3] != 0 ? k_known : k_unknown;
    any_known = any_known || state[i] == k_known;
  }
  if (!any_known) return;

  // Calls `visit(index)` for each in-image 8-neighbour of pixel `index`.
  auto for_neighbours = [&](std::size_t index, auto&& visit) {
    int x = static_cast<int>(index % static_cast<std::size_t>(width));
    int y = static_cast<int>(index / static_cast<std::size_t>(width));
    for (int dy = -1; dy <= 1; ++dy) {
      int ny = y + dy;
      if (ny < 0 || ny >= height) continue;
      for (int dx = -1; dx <= 1; ++dx) {
        int nx = x + dx;
        if ((dx == 0 && dy == 0) || nx < 0 || nx >= width) continue;
        visit(static_cast<std::size_t>(ny) * static_cast<std::size_t>(width) + static_cast<std::size_t>(nx));
      }
    }
  };

  std::vector<std::size_t> frontier;
  for (std::size_t i = 0; i < count; ++i) {
    if (state[i] != k_unknown) continue;
    bool touches = false;
    for_neighbours(i, [&](std::size_t n) { touches = touches || state[n] == k_known; });
    if (touches) frontier.push_back(i);
  }
  for (std::size_t i : frontier) state[i] = k_queued;

  std::vector<std::array<std::uint8_t, 3>> colours;
  std::vector<std::size_t> next;
  while (!frontier.empty()) {
    // Compute the whole ring from pixels known before it, then commit: the order inside a ring cannot matter.
    colours.resize(frontier.size());
    for (std::size_t k = 0; k < frontier.size(); ++k) {
      unsigned sum[3] = {0, 0, 0};
      unsigned n_known = 0;
      for_neighbours(frontier[k], [&](std::size_t n) {
        if (state[n] != k_known) return;
        for (int c = 0; c < 3; ++c) sum[c] += px[n * 4 + static_cast<std::size_t>(c)];
        ++n_known;
      });
      for (int c = 0; c < 3; ++c) colours[k][static_cast<std::size_t>(c)] = static_cast<std::uint8_t>((sum[c] + n_known / 2) / n_known);
    }
    for (std::size_t k = 0; k < frontier.size(); ++k) {
      for (std::size_t c = 0; c < 3; ++c) px[frontier[k] * 4 + c] = colours[k][c];
    }
    for (std::size_t i : frontier) state[i] = k_known;
    next.clear();
    for (std::size_t i : frontier) {
      for_neighbours(i, [&](std::size_t n) {
        if (state[n] != k_unknown) return;
        state[n] = k_queued;
        next.push_back(n);
      });
    }
    frontier.swap(next);
  }
}

}  // namespace rbxpipe::assets
