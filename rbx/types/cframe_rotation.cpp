#include "rbx/types/cframe_rotation.h"

namespace rbxpipe::rbx::types {

namespace {

// A unit axis as integers, so the cross product and comparisons below are exact.
struct Axis {
  int x = 0, y = 0, z = 0;
};

// Normal ids in the order the formats number them: +X +Y +Z -X -Y -Z.
constexpr Axis k_normals[6] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}};

Axis cross(const Axis& a, const Axis& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

// Exact float comparison is the point: only matrices that round-trip through an id may use one.
bool column_equals(const std::array<float, 9>& m, int column, const Axis& axis) {
  return m[column] == static_cast<float>(axis.x) && m[3 + column] == static_cast<float>(axis.y) &&
         m[6 + column] == static_cast<float>(axis.z);
}

// The normal id of column `column` of a row-major matrix, or -1 unless it is exactly a signed unit axis.
int normal_of_column(const std::array<float, 9>& m, int column) {
  for (int id = 0; id < 6; ++id) {
    if (column_equals(m, column, k_normals[id])) return id;
  }
  return -1;
}

void set_column(std::array<float, 9>& m, int column, const Axis& axis) {
  m[column] = static_cast<float>(axis.x);
  m[3 + column] = static_cast<float>(axis.y);
  m[6 + column] = static_cast<float>(axis.z);
}

}  // namespace

std::optional<std::uint8_t> rotation_id_of(const std::array<float, 9>& rotation) {
  const int first = normal_of_column(rotation, 0);
  const int second = normal_of_column(rotation, 1);
  if (first < 0 || second < 0 || first % 3 == second % 3) return std::nullopt;
  // The id only records two columns; a reflection (third column negated) or anything else must keep its matrix.
  if (!column_equals(rotation, 2, cross(k_normals[first], k_normals[second]))) return std::nullopt;
  return static_cast<std::uint8_t>(6 * first + second + 1);
}

std::optional<std::array<float, 9>> rotation_of_id(std::uint8_t id) {
  if (id == 0 || id > 36) return std::nullopt;
  const int first = (id - 1) / 6;
  const int second = (id - 1) % 6;
  // Parallel columns (the same axis or its opposite) do not form a rotation.
  if (first % 3 == second % 3) return std::nullopt;
  std::array<float, 9> rotation{};
  set_column(rotation, 0, k_normals[first]);
  set_column(rotation, 1, k_normals[second]);
  set_column(rotation, 2, cross(k_normals[first], k_normals[second]));
  return rotation;
}

}  // namespace rbxpipe::rbx::types
