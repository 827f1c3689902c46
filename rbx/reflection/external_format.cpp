// Importing reflection data from outside: rbx-dom's database.json and Roblox's API dump (Full-API-Dump.json).
// rbx-dom's data knows serialization (renames, migrations, defaults), so it overlays ours; the API dump only knows
// types and whether a property is saved, so it adds what we lack and never overrides what we know.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "rbx/reflection/database.h"
#include "rbx/reflection/database_impl.h"
#include "rbx/reflection/value_json.h"

namespace rbxpipe::rbx::reflection {

namespace {

using nlohmann::json;

base::Error bad(const std::string& message) { return base::Error(base::ErrorCode::invalid_input, message); }

std::string text(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_tag(const json& object, std::string_view tag) {
  auto it = object.find("Tags");
  if (it == object.end() || !it->is_array()) return false;
  for (const auto& item : *it) {
    if (item.is_string() && item.get_ref<const std::string&>() == tag) return true;
  }
  return false;
}

// rbx-dom spells some migrations in its own words; ours are snake_case.
std::optional<Migration> rbx_dom_migration(std::string_view name) {
  if (name == "BrickColorToColor") return Migration::brick_color_to_color;
  if (name == "ContentIdToContent") return Migration::content_id_to_content;
  if (name == "FontToFontFace") return Migration::font_to_font_face;
  if (name == "IgnoreGuiInsetToScreenInsets") return Migration::ignore_gui_inset_to_screen_insets;
  if (name == "CornerRadiusToCornerRadii") return Migration::corner_radius_to_corner_radii;
  return std::nullopt;
}

std::optional<types::VariantType> rbx_dom_type(std::string_view name) {
  if (name == "SerializedMap") return types::VariantType::Attributes;
  return types::variant_type_from_name(name);
}

// Fills type and serialization of a canonical rbx-dom property; false when its type cannot be represented.
bool read_rbx_dom_property(const json& entry, PropertyDescriptor& property) {
  const json& data_type = entry.value("DataType", json::object());
  if (data_type.contains("Enum") && data_type["Enum"].is_string()) {
    property.type = types::VariantType::Enum;
    property.enum_name = data_type["Enum"].get<std::string>();
  } else if (auto type = rbx_dom_type(text(data_type, "Value"))) {
    property.type = *type;
  } else {
    return false;
  }
  const json& serialization = entry["Kind"]["Canonical"].value("Serialization", json("Serializes"));
  if (serialization == "DoesNotSerialize") property.serializes = false;
  if (serialization.is_object() && serialization.contains("SerializesAs")) {
    property.serialized_name = text(serialization, "SerializesAs");
  }
  if (serialization.is_object() && serialization.contains("Migrate") && serialization["Migrate"].is_object()) {
    const json& migrate = serialization["Migrate"];
    auto migration = rbx_dom_migration(text(migrate, "Migration"));
    const json& to = migrate.contains("To") ? migrate["To"] : migrate.value("Property", json());
    std::string target = to.is_string() ? to.get<std::string>()
                         : to.is_array() && !to.empty() && to[0].is_string() ? to[0].get<std::string>()
                                                                              : std::string();
    if (migration && !target.empty()) {
      property.migration = *migration;
      property.migrate_to = target;
    } else {
      property.serializes = false;  // a migration we cannot perform: better not to write it than write it wrong
    }
  }
  // The file types rbx-dom's serializers use for these canonical types.
  if (property.serialized_name == "Color3uint8") property.file_type = types::VariantType::Color3uint8;
  if (property.type == types::VariantType::Attributes || property.type == types::VariantType::Tags ||
      property.type == types::VariantType::MaterialColors) {
    property.file_type = types::VariantType::BinaryString;
  }
  return true;
}

std::size_t merge_rbx_dom(const json& document, Database& database) {
  auto& impl = DatabaseAccess::impl(database);
  std::size_t changed = 0;
  for (const auto& [name, entry] : document["Classes"].items()) {
    if (!entry.is_object()) continue;
    ClassDescriptor before = impl.classes.count(name) ? impl.classes[name] : ClassDescriptor{};
    ClassDescriptor& descriptor = impl.classes[name];
    descriptor.name = name;
    descriptor.superclass = text(entry, "Superclass");
    descriptor.is_service = has_tag(entry, "Service");
    const json& properties = entry.value("Properties", json::object());
    // Canonical properties first; aliases then attach to them.
    for (const auto& [property_name, property_entry] : properties.items()) {
      if (!property_entry.is_object() || !property_entry.contains("Kind") ||
          !property_entry["Kind"].contains("Canonical")) {
        continue;
      }
      PropertyDescriptor property;
      property.name = property_name;
      property.class_name = name;
      property.serialized_name = property_name;
      if (!read_rbx_dom_property(property_entry, property)) continue;
      if (auto existing = descriptor.properties.find(property_name); existing != descriptor.properties.end()) {
        property.aliases = existing->second.aliases;
        // rbx-dom types some properties by what files hold (Source as String); keep our canonical type then.
        if (existing->second.file_type == property.type) {
          property.type = existing->second.type;
          property.file_type = existing->second.file_type;
        }
      }
      descriptor.properties[property_name] = std::move(property);
    }
    for (const auto& [property_name, property_entry] : properties.items()) {
      if (!property_entry.is_object() || !property_entry.contains("Kind") || !property_entry["Kind"].contains("Alias")) {
        continue;
      }
      std::string target = text(property_entry["Kind"]["Alias"], "AliasFor");
      auto it = descriptor.properties.find(target);
      if (it == descriptor.properties.end() || property_name == it->second.serialized_name) continue;
      auto& aliases = it->second.aliases;
      if (std::find(aliases.begin(), aliases.end(), property_name) == aliases.end()) aliases.push_back(property_name);
    }
    const json defaults = entry.value("DefaultProperties", json::object());
    for (const auto& [property_name, value] : defaults.items()) {
      if (auto decoded = decode_rbx_dom_value(value.dump())) descriptor.defaults[property_name] = std::move(*decoded);
    }
    if (!(before == descriptor)) ++changed;
  }
  const json enums = document.value("Enums", json::object());
  for (const auto& [name, entry] : enums.items()) {
    if (!entry.is_object() || !entry.contains("items") || !entry["items"].is_object()) continue;
    auto& descriptor = impl.enums[name];
    descriptor.name = name;
    for (const auto& [item, value] : entry["items"].items()) {
      if (value.is_number_unsigned() && value.get<std::uint64_t>() <= UINT32_MAX) {
        descriptor.items[item] = value.get<std::uint32_t>();
      }
    }
  }
  return changed;
}

std::optional<PropertyDescriptor> read_dump_property(const std::string& class_name, const json& member) {
  PropertyDescriptor property;
  property.name = text(member, "Name");
  property.class_name = class_name;
  property.serialized_name = property.name;
  const json& value_type = member.value("ValueType", json::object());
  std::string category = text(value_type, "Category");
  std::string type_name = text(value_type, "Name");
  if (category == "Enum") {
    property.type = types::VariantType::Enum;
    property.enum_name = type_name;
  } else if (category == "Class") {
    property.type = types::VariantType::Ref;
  } else if (auto type = types::variant_type_from_name(type_name)) {
    property.type = *type;
  } else {
    return std::nullopt;
  }
  const json& serialization = member.value("Serialization", json::object());
  property.serializes = serialization.value("CanSave", false) == true;
  return property;
}

std::size_t merge_api_dump(const json& document, Database& database) {
  auto& impl = DatabaseAccess::impl(database);
  std::map<std::string, ClassDescriptor> before;
  // The hierarchy first, so that the property pass can look names up in superclasses listed later.
  for (const auto& entry : document["Classes"]) {
    std::string name = text(entry, "Name");
    if (name.empty() || before.count(name)) continue;
    auto existing = impl.classes.find(name);
    before[name] = existing != impl.classes.end() ? existing->second : ClassDescriptor{};
    ClassDescriptor& descriptor = impl.classes[name];
    descriptor.name = name;
    std::string superclass = text(entry, "Superclass");
    descriptor.superclass = superclass == "<<<ROOT>>>" ? "" : superclass;
    descriptor.is_service = descriptor.is_service || has_tag(entry, "Service");
  }
  for (const auto& entry : document["Classes"]) {
    std::string name = text(entry, "Name");
    if (name.empty()) continue;
    ClassDescriptor& descriptor = impl.classes[name];
    for (const auto& member : entry.value("Members", json::array())) {
      if (!member.is_object() || text(member, "MemberType") != "Property") continue;
      std::string property_name = text(member, "Name");
      // A name we already know (as a property, a serialized name or an alias, here or in a superclass) keeps what
      // we know: the dump would turn "xmlRead_MaxDistance_3" into a property of its own.
      if (property_name.empty() || database.find_property(name, property_name) != nullptr) continue;
      if (auto property = read_dump_property(name, member)) descriptor.properties[property_name] = std::move(*property);
    }
    impl.reindex_class(name);
  }
  std::size_t changed = 0;
  for (const auto& [name, descriptor] : before) changed += impl.classes[name] == descriptor ? 0 : 1;
  for (const auto& entry : document.value("Enums", json::array())) {
    std::string name = text(entry, "Name");
    if (name.empty()) continue;
    auto& descriptor = impl.enums[name];
    descriptor.name = name;
    for (const auto& item : entry.value("Items", json::array())) {
      const json& value = item.value("Value", json());
      if (!text(item, "Name").empty() && value.is_number_unsigned() && value.get<std::uint64_t>() <= UINT32_MAX) {
        descriptor.items[text(item, "Name")] = value.get<std::uint32_t>();
      }
    }
  }
  return changed;
}

}  // namespace

base::Result<std::size_t> Database::merge_external_json(std::string_view input) {
  json document = json::parse(input, nullptr, false);
  if (document.is_discarded()) return bad("reflection import: the file is not valid JSON");
  if (!document.is_object() || !document.contains("Classes")) {
    return bad("reflection import: expected an rbx-dom database.json or a Roblox API dump (no \"Classes\")");
  }
  // Shape decides: rbx-dom keys classes by name, the API dump lists them.
  Database staged;
  *staged.m_impl = *m_impl;
  std::size_t changed = 0;
  if (document["Classes"].is_object()) {
    changed = merge_rbx_dom(document, staged);
  } else if (document["Classes"].is_array()) {
    changed = merge_api_dump(document, staged);
  } else {
    return bad("reflection import: \"Classes\" is neither an object (rbx-dom) nor an array (API dump)");
  }
  staged.m_impl->reindex();
  *this = std::move(staged);
  return changed;
}

}  // namespace rbxpipe::rbx::reflection
