#include "rbx/types/cframe_rotation.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace rbxpipe::rbx::types {
namespace {

const std::vector<std::uint8_t> k_valid_ids = {0x02, 0x03, 0x05, 0x06, 0x07, 0x09, 0x0A, 0x0C,
                                               0x0D, 0x0E, 0x10, 0x11, 0x14, 0x15, 0x17, 0x18,
                                               0x19, 0x1B, 0x1C, 0x1E, 0x1F, 0x20, 0x22, 0x23};

using Matrix = std::array<float, 9>;

// Row-major product a * b.
Matrix multiply(const Matrix& a, const Matrix& b) {
  Matrix out{};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      for (int k = 0; k < 3; ++k) out[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
    }
  }
  return out;
}

Matrix transpose(const Matrix& m) { return {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]}; }

TEST(CFrameRotation, IdentityIsIdTwo) {
  EXPECT_EQ(rotation_id_of({1, 0, 0, 0, 1, 0, 0, 0, 1}), std::uint8_t{0x02});
  EXPECT_EQ(rotation_of_id(0x02), (Matrix{1, 0, 0, 0, 1, 0, 0, 0, 1}));
}

TEST(CFrameRotation, AllTwentyFourIdsRoundTrip) {
  for (const std::uint8_t id : k_valid_ids) {
    const auto matrix = rotation_of_id(id);
    ASSERT_TRUE(matrix.has_value()) << int{id};
    EXPECT_EQ(rotation_id_of(*matrix), id) << int{id};
  }
}

TEST(CFrameRotation, EveryIdIsAProperRotation) {
  std::set<Matrix> distinct;
  for (const std::uint8_t id : k_valid_ids) {
    const Matrix m = *rotation_of_id(id);
    EXPECT_EQ(multiply(m, transpose(m)), (Matrix{1, 0, 0, 0, 1, 0, 0, 0, 1})) << int{id};
    const float determinant = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                              m[2] * (m[3] * m[7] - m[4] * m[6]);
    EXPECT_EQ(determinant, 1.0f) << int{id};
    distinct.insert(m);
  }
  EXPECT_EQ(distinct.size(), 24u);
}

TEST(CFrameRotation, IdIsBuiltFromTheNormalsOfColumnsZeroAndOne) {
  // Column 0 = -Y (normal 4), column 1 = +X (normal 0): id 6*4 + 0 + 1 = 0x19.
  EXPECT_EQ(rotation_id_of({0, 1, 0, -1, 0, 0, 0, 0, 1}), std::uint8_t{0x19});
  // Column 0 = +Z (normal 2), column 1 = +Y (normal 1): id 6*2 + 1 + 1 = 0x0E, column 2 = Z x Y = -X.
  EXPECT_EQ(rotation_of_id(0x0E), (Matrix{0, 0, -1, 0, 1, 0, 1, 0, 0}));
}

TEST(CFrameRotation, OnlyTheListedIdsAreValid) {
  const std::set<std::uint8_t> valid(k_valid_ids.begin(), k_valid_ids.end());
  for (int id = 0; id < 256; ++id) {
    const auto byte = static_cast<std::uint8_t>(id);
    EXPECT_EQ(rotation_of_id(byte).has_value(), valid.count(byte) == 1) << id;
  }
  for (const int id : {0x00, 0x01, 0x04, 0x24, 0xFF}) EXPECT_FALSE(rotation_of_id(static_cast<std::uint8_t>(id)));
}

TEST(CFrameRotation, NonAxisAlignedMatrixHasNoId) {
  const float c = 0.70710678f;
  EXPECT_FALSE(rotation_id_of({c, -c, 0, c, c, 0, 0, 0, 1}));
  EXPECT_FALSE(rotation_id_of({1, 0, 0, 0, 1, 0, 0, 0, 0.99999994f}));
  EXPECT_FALSE(rotation_id_of({2, 0, 0, 0, 1, 0, 0, 0, 1}));
}

TEST(CFrameRotation, ReflectionsAndDegenerateMatricesHaveNoId) {
  EXPECT_FALSE(rotation_id_of({1, 0, 0, 0, 1, 0, 0, 0, -1}));  // third column negated
  EXPECT_FALSE(rotation_id_of({1, 1, 0, 0, 0, 0, 0, 0, 1}));   // columns 0 and 1 equal
  EXPECT_FALSE(rotation_id_of({1, -1, 0, 0, 0, 0, 0, 0, 1}));  // columns 0 and 1 opposite
  EXPECT_FALSE(rotation_id_of({0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(CFrameRotation, NegativeZeroCountsAsZero) {
  EXPECT_EQ(rotation_id_of({1, -0.0f, 0, 0, 1, -0.0f, -0.0f, 0, 1}), std::uint8_t{0x02});
}

}  // namespace
}  // namespace rbxpipe::rbx::types
