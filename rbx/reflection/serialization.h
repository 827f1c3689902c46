#pragma once
// The bridge between the canonical properties the DOM holds and what files store: serialized names, type changes
// (Color3 <-> Color3uint8, Attributes/Tags/MaterialColors <-> BinaryString) and migrations. Both file formats use it,
// so a binary file and an XML file of the same content read into equal trees.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {

/// A property as a file stores it.
struct SerializedProperty {
  std::string name;       ///< serialized name ("size", "AttributesSerialize")
  types::Variant value;   ///< value in the file's type
};

/// Turns a property read from a file into its canonical name and value. Unknown classes and properties keep their
/// name and value unchanged; a value whose type cannot be converted to the descriptor's type is kept as read.
/// Legacy properties that migrate (Decal.Texture, TextLabel.Font, ScreenGui.IgnoreGuiInset) come back as the
/// property that replaced them (TextureContent, FontFace, ScreenInsets); BrickColor and CornerRadius stay as read.
std::pair<std::string, types::Variant> canonicalize(const Database& database, std::string_view class_name,
                                                    std::string_view serialized_name, types::Variant value);

/// True when canonicalize turns this file property into a newer one (Decal.Texture into TextureContent). When an
/// instance's file also holds that newer property, a reader should keep the newer property's own value, whichever
/// comes first in the file.
bool migrates_on_read(const Database& database, std::string_view class_name, std::string_view serialized_name,
                      const types::Variant& value);

/// What to write for one canonical property: nothing for non-serializing properties, the migrated property when a
/// migration applies (nothing when `has_property(target)` says the instance already holds the target), else the
/// serialized name with the value converted to the file type. Unknown properties are written as they are.
std::vector<SerializedProperty> serialize(const Database& database, std::string_view class_name,
                                          std::string_view canonical_name, const types::Variant& value,
                                          const std::function<bool(std::string_view)>& has_property);

/// The file type a canonical property is written with (Color3uint8 for BasePart.Color, BinaryString for
/// Attributes/Tags/MaterialColors, else the canonical type); for unknown properties, the value's own type.
types::VariantType serialized_type(const Database& database, std::string_view class_name,
                                   std::string_view canonical_name, types::VariantType value_type);

}  // namespace rbxpipe::rbx::reflection
