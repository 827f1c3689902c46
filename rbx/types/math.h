#pragma once
// Geometric and colour value types of the Roblox data model, as plain aggregates with value equality.

#include <array>
#include <cstdint>
#include <vector>

namespace rbxpipe::rbx::types {

/// Two 32-bit floats.
struct Vector2 {
  float x = 0, y = 0;
  friend bool operator==(const Vector2&, const Vector2&) = default;
};

/// Three 32-bit floats.
struct Vector3 {
  float x = 0, y = 0, z = 0;
  friend bool operator==(const Vector3&, const Vector3&) = default;
};

/// Two 16-bit integers.
struct Vector2int16 {
  std::int16_t x = 0, y = 0;
  friend bool operator==(const Vector2int16&, const Vector2int16&) = default;
};

/// Three 16-bit integers.
struct Vector3int16 {
  std::int16_t x = 0, y = 0, z = 0;
  friend bool operator==(const Vector3int16&, const Vector3int16&) = default;
};

/// A position and a row-major 3x3 rotation matrix (R00 R01 R02 R10 ... R22).
struct CFrame {
  Vector3 position;
  std::array<float, 9> rotation{1, 0, 0, 0, 1, 0, 0, 0, 1};
  friend bool operator==(const CFrame&, const CFrame&) = default;
};

/// Scale (fraction of the parent) plus pixel offset.
struct UDim {
  float scale = 0;
  std::int32_t offset = 0;
  friend bool operator==(const UDim&, const UDim&) = default;
};

/// A UDim per axis.
struct UDim2 {
  UDim x, y;
  friend bool operator==(const UDim2&, const UDim2&) = default;
};

/// An axis-aligned rectangle.
struct Rect {
  Vector2 min, max;
  friend bool operator==(const Rect&, const Rect&) = default;
};

/// An origin and a direction.
struct Ray {
  Vector3 origin, direction;
  friend bool operator==(const Ray&, const Ray&) = default;
};

/// RGB as floats, nominally 0..1.
struct Color3 {
  float r = 0, g = 0, b = 0;
  friend bool operator==(const Color3&, const Color3&) = default;
};

/// RGB as bytes.
struct Color3uint8 {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Color3uint8&, const Color3uint8&) = default;
};

/// A closed range of numbers.
struct NumberRange {
  float min = 0, max = 0;
  friend bool operator==(const NumberRange&, const NumberRange&) = default;
};

/// One keypoint of a NumberSequence.
struct NumberKeypoint {
  float time = 0, value = 0, envelope = 0;
  friend bool operator==(const NumberKeypoint&, const NumberKeypoint&) = default;
};

/// Numbers over time 0..1.
struct NumberSequence {
  std::vector<NumberKeypoint> keypoints;
  friend bool operator==(const NumberSequence&, const NumberSequence&) = default;
};

/// One keypoint of a ColorSequence.
struct ColorKeypoint {
  float time = 0;
  Color3 color;
  float envelope = 0;
  friend bool operator==(const ColorKeypoint&, const ColorKeypoint&) = default;
};

/// Colours over time 0..1.
struct ColorSequence {
  std::vector<ColorKeypoint> keypoints;
  friend bool operator==(const ColorSequence&, const ColorSequence&) = default;
};

}  // namespace rbxpipe::rbx::types
