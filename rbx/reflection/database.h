#pragma once
// Reflection: what rbxpipe knows about Roblox classes, properties and enums, from data compiled in from config/
// and optionally extended by an imported API dump or rbx-dom database.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::reflection {

/// How a canonical property is written to files when it is not written under its own name and type.
enum class Migration {
  none,
  brick_color_to_color,           ///< BasePart.BrickColor -> Color3uint8 "Color3uint8"
  content_id_to_content,          ///< Decal.Texture (ContentId) -> TextureContent (Content), and the like
  font_to_font_face,              ///< TextLabel.Font (Enum.Font) -> FontFace (Font)
  ignore_gui_inset_to_screen_insets,  ///< ScreenGui.IgnoreGuiInset (Bool) -> ScreenInsets (Enum)
  corner_radius_to_corner_radii,  ///< UICorner.CornerRadius -> TopLeftRadius, TopRightRadius, BottomLeftRadius, ...
};

/// The stable snake_case name of a migration, as reflection data spells it ("font_to_font_face").
std::string_view migration_name(Migration migration);
/// Parses a name from migration_name; nullopt when unknown.
std::optional<Migration> migration_from_name(std::string_view name);

/// One property of one class.
struct PropertyDescriptor {
  std::string name;                    ///< canonical name ("Size")
  std::string class_name;              ///< the class that declares it
  types::VariantType type = types::VariantType::String;  ///< canonical value type
  std::string enum_name;               ///< for Enum properties: the enum ("Material")
  std::string serialized_name;         ///< name in files ("size"); equals `name` unless renamed
  bool serializes = true;              ///< false: never written to files
  Migration migration = Migration::none;  ///< how a writer converts it (the target is `migrate_to`)
  std::string migrate_to;              ///< the property it migrates to, when migration != none
  std::optional<types::VariantType> file_type;  ///< the type files store it as, when not `type` (Color3uint8)
  std::vector<std::string> aliases;    ///< other names files or older data use for it ("formFactor")
  friend bool operator==(const PropertyDescriptor&, const PropertyDescriptor&) = default;
};

/// One class.
struct ClassDescriptor {
  std::string name;                                        ///< "Part"
  std::string superclass;                                  ///< "FormFactorPart"; empty for Instance
  bool is_service = false;                                 ///< a singleton under DataModel
  std::map<std::string, PropertyDescriptor, std::less<>> properties;  ///< own properties by canonical name
  /// Default values this class sets, for its own or inherited properties; default_value() walks superclasses.
  std::map<std::string, types::Variant, std::less<>> defaults;
  friend bool operator==(const ClassDescriptor&, const ClassDescriptor&) = default;
};

/// One enum.
struct EnumDescriptor {
  std::string name;                                        ///< "Material"
  std::map<std::string, std::uint32_t, std::less<>> items;  ///< item name -> value
  /// The item name of a value, or nullopt.
  std::optional<std::string> item_name(std::uint32_t value) const;
  /// The value of an item, or nullopt.
  std::optional<std::uint32_t> item_value(std::string_view item) const;
  friend bool operator==(const EnumDescriptor&, const EnumDescriptor&) = default;
};

/// One BrickColor palette entry.
struct BrickColorInfo {
  std::string name;          ///< "Medium stone grey"
  types::Color3uint8 color;  ///< its RGB
  friend bool operator==(const BrickColorInfo&, const BrickColorInfo&) = default;
};

/// A reflection database. Lookups that walk superclasses stop at unknown classes.
class Database {
 public:
  /// The database compiled into rbxpipe (config/reflection/), merged with the user extension
  /// `user_database_path()` when that file exists. Loaded once per process; safe to call from any thread.
  static const Database& shipped();

  /// An empty database, for tests and for building one from data.
  Database();
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  /// Parses data in rbxpipe's own reflection format (see config/reflection/README.md) and merges it in.
  base::Result<void> merge_rbxpipe_json(std::string_view json);
  /// Merges an rbx-dom reflection database (database.json) or a Roblox API dump (Full-API-Dump.json); which one
  /// is detected from its shape. Returns how many classes were added or changed.
  base::Result<std::size_t> merge_external_json(std::string_view json);
  /// Writes the whole database in rbxpipe's own format (what `rbxpipe reflection import` stores).
  std::string to_rbxpipe_json() const;

  /// The class, or nullptr.
  const ClassDescriptor* find_class(std::string_view class_name) const;
  /// The property by canonical name, serialized name or alias on the class or its superclasses, or nullptr.
  const PropertyDescriptor* find_property(std::string_view class_name, std::string_view property_name) const;
  /// The enum, or nullptr.
  const EnumDescriptor* find_enum(std::string_view enum_name) const;
  /// The default value of a property for a class (walking superclasses), or nullopt.
  std::optional<types::Variant> default_value(std::string_view class_name, std::string_view property_name) const;
  /// True when `class_name` is `ancestor` or inherits from it.
  bool is_a(std::string_view class_name, std::string_view ancestor) const;
  /// True for services (Workspace, ReplicatedStorage, ...).
  bool is_service(std::string_view class_name) const;
  /// Names of every known class, sorted.
  std::vector<std::string> class_names() const;
  /// Names of every known enum, sorted.
  std::vector<std::string> enum_names() const;
  /// Number of known classes, for reports.
  std::size_t class_count() const;
  /// Number of known enums.
  std::size_t enum_count() const;
  /// The BrickColor palette entry for a number, or nullptr.
  const BrickColorInfo* find_brick_color(std::uint32_t number) const;
  /// The font face a legacy Enum.Font value stands for, or nullopt.
  std::optional<types::Font> font_face_for(std::uint32_t font_enum_value) const;

  /// True when both hold the same classes, enums, palette and font table.
  bool operator==(const Database& other) const;

  /// The storage; opaque outside this module (defined in database_impl.h).
  struct Impl;

 private:
  const PropertyDescriptor* find_property_uncached(std::string_view class_name, std::string_view property_name) const;

  friend struct DatabaseAccess;
  std::unique_ptr<Impl> m_impl;
};

/// The user extension file shipped() merges in: `$RBXPIPE_HOME/reflection.json`, where RBXPIPE_HOME defaults to
/// `$XDG_DATA_HOME/rbxpipe`, else `~/.local/share/rbxpipe`.
std::filesystem::path user_database_path();

/// Merges an rbx-dom database.json or API dump at `dump` into `home/reflection.json` (created when missing),
/// replacing that file atomically. Returns how many classes were added or changed.
base::Result<std::size_t> import_reflection_file(const std::filesystem::path& dump, const std::filesystem::path& home);

}  // namespace rbxpipe::rbx::reflection
