// Canonical <-> file forms of properties. Both codecs call these, so the rules here are what makes a binary file
// and an XML file of the same model read into equal trees. Every conversion is a no-op on a value that already has
// the target type, which makes canonicalize idempotent.
#include "rbx/reflection/serialization.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include "rbx/types/attributes.h"

namespace rbxpipe::rbx::reflection {

namespace {

using namespace types;

// The four properties UICorner.CornerRadius is split into, in the order they are written.
constexpr std::array<std::string_view, 4> k_corner_radii = {"BottomLeftRadius", "BottomRightRadius", "TopLeftRadius",
                                                            "TopRightRadius"};

// ScreenInsets items IgnoreGuiInset stands for: true ignores the top bar (DeviceSafeInsets), false keeps clear of
// Roblox's own UI (CoreUISafeInsets).
constexpr std::uint32_t k_device_safe_insets = 1;
constexpr std::uint32_t k_core_ui_safe_insets = 2;

// Text carried by the string-shaped types; files disagree on which of them a property uses (binary stores all of
// them as its one string type, XML names the type per property).
const std::string* text_of(const Variant& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return s;
  if (const auto* b = std::get_if<BinaryString>(&value)) return &b->bytes;
  if (const auto* p = std::get_if<ProtectedString>(&value)) return &p->text;
  if (const auto* c = std::get_if<ContentId>(&value)) return &c->uri;
  if (const auto* h = std::get_if<SharedString>(&value)) return &h->bytes;
  return nullptr;
}

std::uint8_t to_byte(float component) {
  if (std::isnan(component)) return 0;
  return static_cast<std::uint8_t>(std::lround(std::clamp(component, 0.0F, 1.0F) * 255.0F));
}

template <typename To, typename From>
std::optional<Variant> narrow(From value) {
  if (value < static_cast<From>(std::numeric_limits<To>::lowest()) ||
      value > static_cast<From>(std::numeric_limits<To>::max())) {
    return std::nullopt;
  }
  return static_cast<To>(value);
}

std::optional<Variant> from_text(const std::string& text, VariantType target) {
  switch (target) {
    case VariantType::String: return text;
    case VariantType::BinaryString: return BinaryString{text};
    case VariantType::ProtectedString: return ProtectedString{text};
    case VariantType::ContentId: return ContentId{text};
    case VariantType::Content:
      return text.empty() ? Content{} : Content{Content::Kind::uri, text, k_null_instance};
    case VariantType::Tags: return decode_tags(text);
    case VariantType::Attributes: {
      auto attributes = decode_attributes(text);
      if (!attributes) return std::nullopt;
      return std::move(*attributes);
    }
    case VariantType::MaterialColors: {
      auto colors = decode_material_colors(text);
      if (!colors) return std::nullopt;
      return *colors;
    }
    default: return std::nullopt;
  }
}

// The value as `target`, or nullopt when there is no faithful conversion.
std::optional<Variant> convert(const Variant& value, VariantType target) {
  VariantType source = type_of(value);
  if (source == target) return value;
  if (const std::string* text = text_of(value)) return from_text(*text, target);
  switch (source) {
    case VariantType::Int32:
      if (target == VariantType::Int64) return static_cast<std::int64_t>(std::get<std::int32_t>(value));
      // XML files store BrickColor properties as <int>.
      if (target == VariantType::BrickColor && std::get<std::int32_t>(value) >= 0) {
        return BrickColor{static_cast<std::uint32_t>(std::get<std::int32_t>(value))};
      }
      break;
    case VariantType::Int64:
      if (target == VariantType::Int32) return narrow<std::int32_t>(std::get<std::int64_t>(value));
      break;
    case VariantType::Float32:
      if (target == VariantType::Float64) return static_cast<double>(std::get<float>(value));
      break;
    case VariantType::Float64:
      if (target == VariantType::Float32) return static_cast<float>(std::get<double>(value));
      break;
    case VariantType::Color3uint8:
      if (target == VariantType::Color3) {
        const auto& c = std::get<Color3uint8>(value);
        return Color3{c.r / 255.0F, c.g / 255.0F, c.b / 255.0F};
      }
      break;
    case VariantType::Color3:
      if (target == VariantType::Color3uint8) {
        const auto& c = std::get<Color3>(value);
        return Color3uint8{to_byte(c.r), to_byte(c.g), to_byte(c.b)};
      }
      break;
    case VariantType::Content: {
      const auto& c = std::get<Content>(value);
      if (c.kind == Content::Kind::object) break;
      if (target == VariantType::ContentId) return ContentId{c.uri};
      if (target == VariantType::String) return c.uri;
      break;
    }
    case VariantType::CFrame:
      if (target == VariantType::OptionalCFrame) return OptionalCFrame{std::get<CFrame>(value)};
      break;
    case VariantType::OptionalCFrame:
      if (target == VariantType::CFrame && std::get<OptionalCFrame>(value).value) {
        return *std::get<OptionalCFrame>(value).value;
      }
      break;
    case VariantType::EnumItem:
      if (target == VariantType::Enum) return Enum{std::get<EnumItem>(value).value};
      break;
    case VariantType::Tags:
      if (target == VariantType::BinaryString) return BinaryString{encode_tags(std::get<Tags>(value))};
      break;
    case VariantType::Attributes:
      if (target == VariantType::BinaryString) {
        auto blob = encode_attributes(std::get<Attributes>(value));
        if (blob) return BinaryString{std::move(*blob)};
      }
      break;
    case VariantType::MaterialColors:
      if (target == VariantType::BinaryString) {
        return BinaryString{encode_material_colors(std::get<MaterialColors>(value))};
      }
      break;
    default: break;
  }
  return std::nullopt;
}

VariantType file_type_of(const PropertyDescriptor& property) { return property.file_type.value_or(property.type); }

// The property as written under `target`'s serialized name and file type.
SerializedProperty as_target(const PropertyDescriptor& target, const Variant& value) {
  auto converted = convert(value, file_type_of(target));
  return {target.serialized_name, converted ? std::move(*converted) : value};
}

std::optional<std::uint32_t> number_of(const Variant& value) {
  if (const auto* b = std::get_if<BrickColor>(&value)) return b->number;
  if (const auto* e = std::get_if<Enum>(&value)) return e->value;
  if (const auto* e = std::get_if<EnumItem>(&value)) return e->value;
  if (const auto* i = std::get_if<std::int32_t>(&value); i != nullptr && *i >= 0) return static_cast<std::uint32_t>(*i);
  return std::nullopt;
}

std::vector<SerializedProperty> migrate(const Database& database, std::string_view class_name,
                                        const PropertyDescriptor& property, const Variant& value,
                                        const std::function<bool(std::string_view)>& has_property) {
  // Unconvertible values keep their own name so nothing a file held is silently dropped.
  std::vector<SerializedProperty> unchanged{{property.serialized_name, value}};
  if (property.migration == Migration::corner_radius_to_corner_radii) {
    std::vector<SerializedProperty> out;
    for (auto corner : k_corner_radii) {
      const PropertyDescriptor* target = database.find_property(class_name, corner);
      if (target == nullptr) return unchanged;
      if (!has_property(target->name)) out.push_back(as_target(*target, value));
    }
    return out;
  }
  const PropertyDescriptor* target = database.find_property(class_name, property.migrate_to);
  if (target == nullptr) return unchanged;
  if (has_property(target->name)) return {};
  switch (property.migration) {
    case Migration::brick_color_to_color: {
      auto number = number_of(value);
      const BrickColorInfo* info = number ? database.find_brick_color(*number) : nullptr;
      if (info == nullptr) return unchanged;
      return {as_target(*target, info->color)};
    }
    case Migration::content_id_to_content: {
      auto content = convert(value, VariantType::Content);
      if (!content) return unchanged;
      return {as_target(*target, *content)};
    }
    case Migration::font_to_font_face: {
      auto number = number_of(value);
      auto face = number ? database.font_face_for(*number) : std::nullopt;
      if (!face) return unchanged;
      return {as_target(*target, *face)};
    }
    case Migration::ignore_gui_inset_to_screen_insets: {
      const bool* ignore = std::get_if<bool>(&value);
      if (ignore == nullptr) return unchanged;
      return {as_target(*target, Enum{*ignore ? k_device_safe_insets : k_core_ui_safe_insets})};
    }
    default: return unchanged;
  }
}

// The newer property and value a legacy file property stands for, or nullopt when it is kept as it is. BrickColor
// is kept (files that hold it usually hold the exact Color3uint8 too, which must win) and so is CornerRadius (one
// value cannot become four properties).
std::optional<std::pair<const PropertyDescriptor*, Variant>> migrate_read(const Database& database,
                                                                          std::string_view class_name,
                                                                          const PropertyDescriptor& property,
                                                                          const Variant& value) {
  const PropertyDescriptor* target = database.find_property(class_name, property.migrate_to);
  if (target == nullptr) return std::nullopt;
  std::optional<Variant> migrated;
  switch (property.migration) {
    case Migration::content_id_to_content: migrated = convert(value, VariantType::Content); break;
    case Migration::font_to_font_face:
      if (auto number = number_of(value)) {
        if (auto face = database.font_face_for(*number)) migrated = *face;
      }
      break;
    case Migration::ignore_gui_inset_to_screen_insets:
      if (const bool* ignore = std::get_if<bool>(&value)) {
        migrated = Enum{*ignore ? k_device_safe_insets : k_core_ui_safe_insets};
      }
      break;
    default: break;
  }
  if (!migrated) return std::nullopt;
  auto typed = convert(*migrated, target->type);
  if (!typed) return std::nullopt;
  return std::make_pair(target, std::move(*typed));
}

}  // namespace

std::pair<std::string, Variant> canonicalize(const Database& database, std::string_view class_name,
                                             std::string_view serialized_name, Variant value) {
  const PropertyDescriptor* property = database.find_property(class_name, serialized_name);
  if (property == nullptr) return {std::string(serialized_name), std::move(value)};
  // Legacy properties read as the property that replaced them, so an old file and its re-save read the same.
  if (property->migration != Migration::none) {
    if (auto migrated = migrate_read(database, class_name, *property, value)) {
      return {migrated->first->name, std::move(migrated->second)};
    }
  }
  auto converted = convert(value, property->type);
  return {property->name, converted ? std::move(*converted) : std::move(value)};
}

bool migrates_on_read(const Database& database, std::string_view class_name, std::string_view serialized_name,
                      const Variant& value) {
  const PropertyDescriptor* property = database.find_property(class_name, serialized_name);
  return property != nullptr && property->migration != Migration::none &&
         migrate_read(database, class_name, *property, value).has_value();
}

std::vector<SerializedProperty> serialize(const Database& database, std::string_view class_name,
                                          std::string_view canonical_name, const Variant& value,
                                          const std::function<bool(std::string_view)>& has_property) {
  const PropertyDescriptor* property = database.find_property(class_name, canonical_name);
  if (property == nullptr) return {SerializedProperty{std::string(canonical_name), value}};
  if (property->migration != Migration::none) return migrate(database, class_name, *property, value, has_property);
  if (!property->serializes) return {};
  return {as_target(*property, value)};
}

VariantType serialized_type(const Database& database, std::string_view class_name, std::string_view canonical_name,
                            VariantType value_type) {
  const PropertyDescriptor* property = database.find_property(class_name, canonical_name);
  if (property == nullptr) return value_type;
  if (property->migration == Migration::none) return file_type_of(*property);
  std::string_view target_name = property->migration == Migration::corner_radius_to_corner_radii
                                     ? k_corner_radii.front()
                                     : std::string_view(property->migrate_to);
  const PropertyDescriptor* target = database.find_property(class_name, target_name);
  return target != nullptr ? file_type_of(*target) : value_type;
}

}  // namespace rbxpipe::rbx::reflection
