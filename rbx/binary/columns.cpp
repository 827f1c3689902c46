#include "rbx/binary/columns.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <map>

#include "rbx/reflection/database.h"
#include "rbx/reflection/serialization.h"

namespace rbxpipe::rbx::binary {

namespace {

using types::Variant;

std::optional<double> as_number(const Variant& value) {
  if (const auto* i = std::get_if<std::int32_t>(&value)) return *i;
  if (const auto* l = std::get_if<std::int64_t>(&value)) return static_cast<double>(*l);
  if (const auto* f = std::get_if<float>(&value)) return *f;
  if (const auto* d = std::get_if<double>(&value)) return *d;
  return std::nullopt;
}

std::uint8_t to_byte(float channel) {
  // NaN and out-of-range channels clamp instead of converting out of range (which would be undefined).
  if (!(channel > 0.0F)) return 0;
  if (channel >= 1.0F) return 255;
  return static_cast<std::uint8_t>(std::lround(channel * 255.0F));
}

std::optional<Variant> convert_number(double number, TypeId type) {
  bool integral = std::isfinite(number) && std::trunc(number) == number;
  switch (type) {
    case TypeId::float64: return Variant(number);
    case TypeId::float32:
      if (std::isfinite(number) && std::fabs(number) > FLT_MAX) return std::nullopt;
      return Variant(static_cast<float>(number));
    case TypeId::int32:
      if (!integral || number < INT32_MIN || number > INT32_MAX) return std::nullopt;
      return Variant(static_cast<std::int32_t>(number));
    case TypeId::int64:
      // 2^63 is exactly representable as a double; anything at or above it does not fit.
      if (!integral || number < -9223372036854775808.0 || number >= 9223372036854775808.0) return std::nullopt;
      return Variant(static_cast<std::int64_t>(number));
    default: return std::nullopt;
  }
}

// The most common file type of a property across a class's instances; ties go to the lower type id so the
// choice never depends on instance order.
TypeId most_common(const std::map<TypeId, std::size_t>& counts) {
  TypeId best = TypeId::string;
  std::size_t best_count = 0;
  for (const auto& [type, count] : counts) {
    if (count > best_count) {
      best = type;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

std::optional<Variant> convert_value(const Variant& value, TypeId type) {
  if (type_id_for(types::type_of(value)) == type) return value;
  if (auto number = as_number(value)) return convert_number(*number, type);
  if (const auto* color = std::get_if<types::Color3>(&value); color && type == TypeId::color3uint8) {
    return Variant(types::Color3uint8{to_byte(color->r), to_byte(color->g), to_byte(color->b)});
  }
  if (const auto* color = std::get_if<types::Color3uint8>(&value); color && type == TypeId::color3) {
    return Variant(types::Color3{color->r / 255.0F, color->g / 255.0F, color->b / 255.0F});
  }
  return std::nullopt;
}

base::Result<std::vector<PropColumn>> build_columns(const reflection::Database& database, const dom::Dom& dom,
                                                    const std::string& class_name,
                                                    std::span<const types::InstanceId> instances) {
  // Cells are gathered column by column (serialized name -> one optional value per instance): one lookup per
  // property instead of a map per instance, which dominated writing large models.
  std::map<std::string, std::vector<std::optional<Variant>>, std::less<>> cells;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const dom::Instance& instance = dom.get(instances[i]);
    auto has_property = [&](std::string_view name) { return instance.properties.contains(name); };
    for (const auto& [name, value] : instance.properties) {
      if (name == "Name") continue;  // the instance's name field is the one Name there is
      for (auto& property : reflection::serialize(database, class_name, name, value, has_property)) {
        if (property.name == "Name") continue;
        if (!type_id_for(types::type_of(property.value))) {
          return base::Error(base::ErrorCode::unsupported,
                             class_name + "." + property.name + ": a " +
                                 std::string(types::variant_type_name(types::type_of(property.value))) +
                                 " value cannot be stored in a binary file");
        }
        auto column = cells.find(property.name);
        if (column == cells.end()) {
          column = cells.emplace(std::move(property.name), std::vector<std::optional<Variant>>(instances.size())).first;
        }
        column->second[i] = std::move(property.value);
      }
    }
  }

  std::vector<PropColumn> columns;
  columns.reserve(cells.size() + 1);
  PropColumn names{"Name", TypeId::string, {}};
  names.values.reserve(instances.size());
  for (types::InstanceId id : instances) names.values.emplace_back(dom.get(id).name);
  bool names_placed = false;
  for (auto& [name, values] : cells) {
    // Name takes its sorted place among the other columns.
    if (!names_placed && name > "Name") {
      columns.push_back(std::move(names));
      names_placed = true;
    }
    std::map<TypeId, std::size_t> counts;
    for (const auto& value : values) {
      if (value) ++counts[*type_id_for(types::type_of(*value))];
    }
    PropColumn column{name, most_common(counts), {}};
    Variant fallback = types::default_value(variant_type_for(column.type));
    if (auto known = database.default_value(class_name, name)) {
      if (auto converted = convert_value(*known, column.type)) fallback = std::move(*converted);
    }
    column.values.reserve(values.size());
    for (auto& value : values) {
      if (value && type_id_for(types::type_of(*value)) == column.type) {
        column.values.push_back(std::move(*value));
        continue;
      }
      std::optional<Variant> converted;
      if (value) converted = convert_value(*value, column.type);
      column.values.push_back(converted ? std::move(*converted) : fallback);
    }
    columns.push_back(std::move(column));
  }
  if (!names_placed) columns.push_back(std::move(names));
  return columns;
}

}  // namespace rbxpipe::rbx::binary
