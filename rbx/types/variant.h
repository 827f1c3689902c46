#pragma once
// Variant: every property value type the Roblox file formats carry, as one std::variant with a parallel type enum.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rbx/types/math.h"

namespace rbxpipe::rbx::types {

/// Identifies an instance within one tree; 0 is "no instance".
using InstanceId = std::uint32_t;
/// The null instance id.
inline constexpr InstanceId k_null_instance = 0;

/// Raw bytes (base64 in XML).
struct BinaryString {
  std::string bytes;
  friend bool operator==(const BinaryString&, const BinaryString&) = default;
};

/// Script source: a string whose whitespace is exact (XML writes it as CDATA).
struct ProtectedString {
  std::string text;
  friend bool operator==(const ProtectedString&, const ProtectedString&) = default;
};

/// A legacy content URL property ("rbxassetid://123"); empty means none.
struct ContentId {
  std::string uri;
  friend bool operator==(const ContentId&, const ContentId&) = default;
};

/// A face bitfield: Right=1, Top=2, Back=4, Left=8, Bottom=16, Front=32.
struct Faces {
  std::uint8_t bits = 0;
  friend bool operator==(const Faces&, const Faces&) = default;
};

/// An axis bitfield: X=1, Y=2, Z=4.
struct Axes {
  std::uint8_t bits = 0;
  friend bool operator==(const Axes&, const Axes&) = default;
};

/// A BrickColor palette number.
struct BrickColor {
  std::uint32_t number = 194;  ///< "Medium stone grey"
  friend bool operator==(const BrickColor&, const BrickColor&) = default;
};

/// An enum property's numeric value (the enum's name comes from reflection).
struct Enum {
  std::uint32_t value = 0;
  friend bool operator==(const Enum&, const Enum&) = default;
};

/// An enum item with its enum's name, as attributes store it.
struct EnumItem {
  std::string enum_name;
  std::uint32_t value = 0;
  friend bool operator==(const EnumItem&, const EnumItem&) = default;
};

/// A reference to another instance of the same tree.
struct Ref {
  InstanceId target = k_null_instance;
  friend bool operator==(const Ref&, const Ref&) = default;
};

/// A CFrame that may be absent.
struct OptionalCFrame {
  std::optional<CFrame> value;
  friend bool operator==(const OptionalCFrame&, const OptionalCFrame&) = default;
};

/// Physical material overrides; `custom` false means "use the material's defaults".
struct PhysicalProperties {
  bool custom = false;
  float density = 0, friction = 0, elasticity = 0, friction_weight = 0, elasticity_weight = 0;
  std::optional<float> acoustic_absorption;  ///< newer files only
  friend bool operator==(const PhysicalProperties&, const PhysicalProperties&) = default;
};

/// Bytes stored once per file and referenced by index (binary) or key (XML).
struct SharedString {
  std::string bytes;
  friend bool operator==(const SharedString&, const SharedString&) = default;
};

/// Studio's per-instance unique id.
struct UniqueId {
  std::uint32_t index = 0;
  std::uint32_t time = 0;     ///< seconds since 2021-01-01
  std::int64_t random = 0;    ///< as stored in XML (binary stores it rotated left by one bit)
  friend bool operator==(const UniqueId&, const UniqueId&) = default;
};

/// A font face.
struct Font {
  std::string family;              ///< "rbxasset://fonts/families/SourceSansPro.json"
  std::uint16_t weight = 400;      ///< 100..900
  std::uint8_t style = 0;          ///< 0 Normal, 1 Italic
  std::string cached_face_id;      ///< may be empty
  friend bool operator==(const Font&, const Font&) = default;
};

/// Script capability bits.
struct SecurityCapabilities {
  std::uint64_t bits = 0;
  friend bool operator==(const SecurityCapabilities&, const SecurityCapabilities&) = default;
};

/// The newer content value: nothing, a URI, or an object reference.
struct Content {
  enum class Kind : std::uint8_t { none, uri, object } kind = Kind::none;
  std::string uri;                       ///< for Kind::uri
  InstanceId object = k_null_instance;   ///< for Kind::object
  friend bool operator==(const Content&, const Content&) = default;
};

/// CollectionService tags.
struct Tags {
  std::vector<std::string> names;
  friend bool operator==(const Tags&, const Tags&) = default;
};

/// Terrain material colours: 21 materials in the format's fixed order.
struct MaterialColors {
  std::array<Color3uint8, 21> colors{};
  friend bool operator==(const MaterialColors&, const MaterialColors&) = default;
};

/// Compiled Luau bytecode; carried through, never executed.
struct Bytecode {
  std::string bytes;
  friend bool operator==(const Bytecode&, const Bytecode&) = default;
};

struct AttributeEntry;

/// Custom attributes, sorted by name (the order rbxpipe writes them).
struct Attributes {
  std::vector<AttributeEntry> entries;
  friend bool operator==(const Attributes& a, const Attributes& b);
};

/// The closed list of value types, in the same order as Variant's alternatives.
enum class VariantType : std::uint8_t {
  String, BinaryString, ProtectedString, ContentId, Bool, Int32, Int64, Float32, Float64, UDim, UDim2, Ray, Faces,
  Axes, BrickColor, Color3, Color3uint8, Vector2, Vector2int16, Vector3, Vector3int16, CFrame, OptionalCFrame, Enum,
  EnumItem, Ref, NumberSequence, ColorSequence, NumberRange, Rect, PhysicalProperties, SharedString, UniqueId, Font,
  SecurityCapabilities, Content, Tags, Attributes, MaterialColors, Bytecode,
};

/// Any property value.
using Variant = std::variant<std::string, BinaryString, ProtectedString, ContentId, bool, std::int32_t, std::int64_t,
                             float, double, UDim, UDim2, Ray, Faces, Axes, BrickColor, Color3, Color3uint8, Vector2,
                             Vector2int16, Vector3, Vector3int16, CFrame, OptionalCFrame, Enum, EnumItem, Ref,
                             NumberSequence, ColorSequence, NumberRange, Rect, PhysicalProperties, SharedString,
                             UniqueId, Font, SecurityCapabilities, Content, Tags, Attributes, MaterialColors, Bytecode>;

/// One named attribute value.
struct AttributeEntry {
  std::string name;
  Variant value;
  friend bool operator==(const AttributeEntry&, const AttributeEntry&) = default;
};

inline bool operator==(const Attributes& a, const Attributes& b) { return a.entries == b.entries; }

/// The type of a value.
inline VariantType type_of(const Variant& value) { return static_cast<VariantType>(value.index()); }

/// The type's name as rbxpipe prints it and as reflection data names it ("Vector3", "CFrame", "String").
std::string_view variant_type_name(VariantType type);

/// Parses a type name from variant_type_name (also accepts rbx-dom's aliases such as "Color3uint8" and "Content");
/// nullopt when unknown.
std::optional<VariantType> variant_type_from_name(std::string_view name);

/// The value a property of `type` has when a file does not say (zero, empty, identity CFrame, ...).
Variant default_value(VariantType type);

}  // namespace rbxpipe::rbx::types
