// rbxpipe's own reflection format (config/reflection/README.md): parsing with located errors, and writing it back
// so that parsing the output gives an equal database. Unknown keys are errors so typos in shipped data cannot hide.
#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "rbx/reflection/database.h"
#include "rbx/reflection/database_impl.h"
#include "rbx/reflection/value_json.h"

namespace rbxpipe::rbx::reflection {

namespace {

using nlohmann::json;

constexpr int k_format_version = 1;
constexpr std::string_view k_enum_prefix = "Enum.";

base::Error bad(const std::string& where, const std::string& message) {
  return base::Error(base::ErrorCode::invalid_input, where + ": " + message);
}

base::Result<void> only_keys(const json& object, const std::string& where,
                             std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return bad(where, "expected an object");
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) return bad(where, "unknown key '" + key + "'");
  }
  return {};
}

base::Result<std::string> string_at(const json& object, const char* key, const std::string& where) {
  const auto& value = object.at(key);
  if (!value.is_string()) return bad(where + "." + key, "expected a string");
  return value.get<std::string>();
}

base::Result<types::VariantType> type_named(const std::string& name, const std::string& where) {
  if (auto type = types::variant_type_from_name(name)) return *type;
  return bad(where, "unknown type '" + name + "'");
}

base::Result<PropertyDescriptor> parse_property(const std::string& class_name, const std::string& name,
                                                const json& entry, const std::string& where) {
  PropertyDescriptor property;
  property.name = name;
  property.class_name = class_name;
  property.serialized_name = name;
  if (entry.is_string()) {
    // Shorthand: "Bool", or "Enum.Material" for an enum property.
    const auto& text = entry.get_ref<const std::string&>();
    if (text.starts_with(k_enum_prefix)) {
      property.type = types::VariantType::Enum;
      property.enum_name = text.substr(k_enum_prefix.size());
      return property;
    }
    auto type = type_named(text, where);
    if (!type) return std::move(type).error();
    property.type = *type;
    return property;
  }
  RBXPIPE_TRY(only_keys(entry, where, {"type", "enum", "serialized_name", "serializes", "migration", "migrate_to",
                                       "file_type", "aliases"}));
  if (!entry.contains("type")) return bad(where, "missing 'type'");
  auto type_text = string_at(entry, "type", where);
  if (!type_text) return std::move(type_text).error();
  auto type = type_named(*type_text, where + ".type");
  if (!type) return std::move(type).error();
  property.type = *type;
  for (auto [key, target] : {std::pair{"enum", &property.enum_name}, std::pair{"serialized_name",
                                                                                &property.serialized_name},
                             std::pair{"migrate_to", &property.migrate_to}}) {
    if (!entry.contains(key)) continue;
    auto text = string_at(entry, key, where);
    if (!text) return std::move(text).error();
    *target = std::move(*text);
  }
  if (property.type == types::VariantType::Enum && property.enum_name.empty()) return bad(where, "Enum without 'enum'");
  if (entry.contains("serializes")) {
    if (!entry["serializes"].is_boolean()) return bad(where + ".serializes", "expected true or false");
    property.serializes = entry["serializes"].get<bool>();
  }
  if (entry.contains("file_type")) {
    auto text = string_at(entry, "file_type", where);
    if (!text) return std::move(text).error();
    auto file_type = type_named(*text, where + ".file_type");
    if (!file_type) return std::move(file_type).error();
    property.file_type = *file_type;
  }
  if (entry.contains("migration")) {
    auto text = string_at(entry, "migration", where);
    if (!text) return std::move(text).error();
    auto migration = migration_from_name(*text);
    if (!migration) return bad(where + ".migration", "unknown migration '" + *text + "'");
    property.migration = *migration;
    if (property.migration != Migration::none && property.migrate_to.empty()) {
      return bad(where, "a migration needs 'migrate_to'");
    }
  }
  if (entry.contains("aliases")) {
    const auto& aliases = entry["aliases"];
    if (!aliases.is_array()) return bad(where + ".aliases", "expected an array of names");
    for (const auto& alias : aliases) {
      if (!alias.is_string()) return bad(where + ".aliases", "expected an array of names");
      property.aliases.push_back(alias.get<std::string>());
    }
  }
  return property;
}

base::Result<void> parse_enums(const json& enums, Database::Impl& impl) {
  if (!enums.is_object()) return bad("enums", "expected an object");
  for (const auto& [name, items] : enums.items()) {
    if (!items.is_object()) return bad("enums." + name, "expected an object of item: value");
    auto& descriptor = impl.enums[name];
    descriptor.name = name;
    for (const auto& [item, value] : items.items()) {
      if (!value.is_number_unsigned() || value.get<std::uint64_t>() > UINT32_MAX) {
        return bad("enums." + name + "." + item, "expected an unsigned 32-bit value");
      }
      descriptor.items[item] = value.get<std::uint32_t>();
    }
  }
  return {};
}

base::Result<std::uint32_t> key_number(const std::string& key, const EnumDescriptor* names, const std::string& where) {
  std::uint32_t number = 0;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
  if (ec == std::errc() && end == key.data() + key.size()) return number;
  if (names != nullptr) {
    if (auto value = names->item_value(key)) return *value;
  }
  return bad(where, "expected a number" + std::string(names != nullptr ? " or an item name" : ""));
}

base::Result<void> parse_palette(const json& document, Database::Impl& impl) {
  if (document.contains("brick_colors")) {
    const auto& colors = document["brick_colors"];
    if (!colors.is_object()) return bad("brick_colors", "expected an object");
    for (const auto& [key, entry] : colors.items()) {
      std::string where = "brick_colors." + key;
      auto number = key_number(key, nullptr, where);
      if (!number) return std::move(number).error();
      RBXPIPE_TRY(only_keys(entry, where, {"name", "color"}));
      auto name = entry.contains("name") ? string_at(entry, "name", where) : base::Result<std::string>("");
      if (!name) return std::move(name).error();
      auto color = decode_value(entry.value("color", json()).dump(), types::VariantType::Color3uint8, nullptr);
      if (!color) return bad(where + ".color", "expected [r, g, b] bytes");
      impl.brick_colors[*number] = {std::move(*name), std::get<types::Color3uint8>(*color)};
    }
  }
  if (document.contains("font_faces")) {
    const auto& faces = document["font_faces"];
    if (!faces.is_object()) return bad("font_faces", "expected an object");
    auto font_enum = impl.enums.find("Font");
    const EnumDescriptor* names = font_enum == impl.enums.end() ? nullptr : &font_enum->second;
    for (const auto& [key, entry] : faces.items()) {
      std::string where = "font_faces." + key;
      auto number = key_number(key, names, where);
      if (!number) return std::move(number).error();
      auto face = decode_value(entry.dump(), types::VariantType::Font, nullptr);
      if (!face) return bad(where, face.error().message());
      impl.font_faces[*number] = std::get<types::Font>(*face);
    }
  }
  return {};
}

base::Result<void> parse_classes(const json& classes, Database& database) {
  auto& impl = DatabaseAccess::impl(database);
  if (!classes.is_object()) return bad("classes", "expected an object");
  // Structure first, defaults second: a default may be for a property declared further down or in a superclass.
  for (const auto& [name, entry] : classes.items()) {
    std::string where = "classes." + name;
    RBXPIPE_TRY(only_keys(entry, where, {"superclass", "service", "properties", "defaults"}));
    auto& descriptor = impl.classes[name];
    descriptor.name = name;
    if (entry.contains("superclass")) {
      auto superclass = string_at(entry, "superclass", where);
      if (!superclass) return std::move(superclass).error();
      descriptor.superclass = std::move(*superclass);
    }
    if (entry.contains("service")) {
      if (!entry["service"].is_boolean()) return bad(where + ".service", "expected true or false");
      descriptor.is_service = entry["service"].get<bool>();
    }
    if (!entry.contains("properties")) continue;
    if (!entry["properties"].is_object()) return bad(where + ".properties", "expected an object");
    for (const auto& [property_name, property_entry] : entry["properties"].items()) {
      auto property = parse_property(name, property_name, property_entry, where + ".properties." + property_name);
      if (!property) return std::move(property).error();
      descriptor.properties[property_name] = std::move(*property);
    }
  }
  impl.reindex();
  for (const auto& [name, entry] : classes.items()) {
    if (!entry.contains("defaults")) continue;
    std::string where = "classes." + name + ".defaults";
    if (!entry["defaults"].is_object()) return bad(where, "expected an object");
    for (const auto& [key, value] : entry["defaults"].items()) {
      const PropertyDescriptor* property = database.find_property(name, key);
      std::optional<types::VariantType> type;
      const EnumDescriptor* enum_descriptor = nullptr;
      if (property != nullptr) {
        type = property->type;
        enum_descriptor = database.find_enum(property->enum_name);
      }
      auto decoded = decode_value(value.dump(), type, enum_descriptor);
      if (!decoded) return bad(where + "." + key, decoded.error().message());
      impl.classes[name].defaults[property != nullptr ? property->name : key] = std::move(*decoded);
    }
  }
  return {};
}

json write_property(const PropertyDescriptor& property) {
  bool plain = property.serialized_name == property.name && property.serializes &&
               property.migration == Migration::none && !property.file_type && property.aliases.empty();
  std::string type_name(types::variant_type_name(property.type));
  if (plain) return property.type == types::VariantType::Enum ? "Enum." + property.enum_name : type_name;
  json out{{"type", type_name}};
  if (!property.enum_name.empty()) out["enum"] = property.enum_name;
  if (property.serialized_name != property.name) out["serialized_name"] = property.serialized_name;
  if (!property.serializes) out["serializes"] = false;
  if (property.migration != Migration::none) out["migration"] = migration_name(property.migration);
  if (!property.migrate_to.empty()) out["migrate_to"] = property.migrate_to;
  if (property.file_type) out["file_type"] = types::variant_type_name(*property.file_type);
  if (!property.aliases.empty()) out["aliases"] = property.aliases;
  return out;
}

}  // namespace

base::Result<void> Database::merge_rbxpipe_json(std::string_view text) {
  json document = json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    return base::Error(base::ErrorCode::invalid_input, "reflection data is not valid JSON");
  }
  RBXPIPE_TRY(only_keys(document, "reflection data", {"version", "enums", "brick_colors", "font_faces", "classes"}));
  if (document.contains("version") && document["version"] != k_format_version) {
    return bad("version", "unsupported reflection format version " + document["version"].dump());
  }
  // Work on a copy so a document that fails halfway leaves this database unchanged.
  Database staged;
  *staged.m_impl = *m_impl;
  if (document.contains("enums")) RBXPIPE_TRY(parse_enums(document["enums"], *staged.m_impl));
  RBXPIPE_TRY(parse_palette(document, *staged.m_impl));
  if (document.contains("classes")) RBXPIPE_TRY(parse_classes(document["classes"], staged));
  *this = std::move(staged);
  return {};
}

std::string Database::to_rbxpipe_json() const {
  json document{{"version", k_format_version}};
  json enums = json::object();
  for (const auto& [name, descriptor] : m_impl->enums) enums[name] = descriptor.items;
  document["enums"] = std::move(enums);
  json colors = json::object();
  for (const auto& [number, info] : m_impl->brick_colors) {
    colors[std::to_string(number)] = {{"name", info.name}, {"color", {info.color.r, info.color.g, info.color.b}}};
  }
  document["brick_colors"] = std::move(colors);
  json faces = json::object();
  for (const auto& [number, face] : m_impl->font_faces) faces[std::to_string(number)] = json::parse(encode_value(face));
  document["font_faces"] = std::move(faces);
  json classes = json::object();
  for (const auto& [name, descriptor] : m_impl->classes) {
    json entry = json::object();
    if (!descriptor.superclass.empty()) entry["superclass"] = descriptor.superclass;
    if (descriptor.is_service) entry["service"] = true;
    json properties = json::object();
    for (const auto& [property_name, property] : descriptor.properties) properties[property_name] = write_property(property);
    if (!properties.empty()) entry["properties"] = std::move(properties);
    json defaults = json::object();
    for (const auto& [key, value] : descriptor.defaults) {
      // Bare when reading it back finds the same type; typed otherwise (unknown property, or a different type).
      const PropertyDescriptor* property = find_property(name, key);
      bool bare = property != nullptr && property->name == key && property->type == types::type_of(value);
      defaults[key] = json::parse(bare ? encode_value(value) : encode_typed_value(value));
    }
    if (!defaults.empty()) entry["defaults"] = std::move(defaults);
    classes[name] = std::move(entry);
  }
  document["classes"] = std::move(classes);
  return document.dump(1, '\t') + "\n";
}

}  // namespace rbxpipe::rbx::reflection
