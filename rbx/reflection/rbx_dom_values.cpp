// rbx-dom's explicit value form ({"Vector3": [1, 2, 3]}), as its database.json writes default values. Most shapes
// equal ours; the few that differ are rewritten into ours and decoded by decode_value, so each type has one decoder.
#include <string>

#include <nlohmann/json.hpp>

#include "rbx/reflection/value_json.h"

namespace rbxpipe::rbx::reflection {

namespace {

using nlohmann::json;

// MaterialColors blob order (after two reserved entries), as rbx-dom names the materials.
constexpr std::array<std::string_view, 21> k_terrain_materials = {
    "Grass", "Slate", "Concrete", "Brick", "Sand", "WoodPlanks", "Rock", "Glacier", "Snow", "Sandstone", "Mud",
    "Basalt", "Ground", "CrackedLava", "Asphalt", "Cobblestone", "Ice", "LeafyGrass", "Salt", "Limestone",
    "Pavement"};

json cframe(const json& value) {
  if (!value.is_object() || !value.contains("position") || !value.contains("orientation")) return nullptr;
  json out = value["position"];
  if (!out.is_array()) return nullptr;
  for (const auto& row : value["orientation"]) {
    if (!row.is_array()) return nullptr;
    for (const auto& cell : row) out.push_back(cell);
  }
  return out;
}

json keypoints(const json& value, bool colors) {
  json out = json::array();
  for (const auto& k : value.value("keypoints", json::array())) {
    if (!k.is_object()) return nullptr;
    if (colors) {
      const json& c = k.value("color", json::array());
      if (!c.is_array() || c.size() != 3) return nullptr;
      out.push_back({k.value("time", json(0)), c[0], c[1], c[2], k.value("envelope", json(0))});
    } else {
      out.push_back({k.value("time", json(0)), k.value("value", json(0)), k.value("envelope", json(0))});
    }
  }
  return out;
}

json physical(const json& value) {
  if (value == "Default") return nullptr;
  if (!value.is_object()) return "invalid";
  json out{{"density", value.value("density", json())}, {"friction", value.value("friction", json())},
           {"elasticity", value.value("elasticity", json())},
           {"friction_weight", value.value("frictionWeight", json())},
           {"elasticity_weight", value.value("elasticityWeight", json())}};
  if (value.contains("acousticAbsorption")) out["acoustic_absorption"] = value["acousticAbsorption"];
  return out;
}

json content(const json& value) {
  if (value == "None") return nullptr;
  if (value.is_string()) return value;  // older databases wrote legacy content as a plain string
  if (value.is_object() && value.contains("Uri")) return value["Uri"];
  return false;  // no shape of ours, so decoding fails and the default is skipped
}

json font(const json& value) {
  if (!value.is_object()) return nullptr;
  json out{{"family", value.value("family", json())}, {"weight", value.value("weight", json("Regular"))},
           {"style", value.value("style", json("Normal"))}};
  if (value.contains("cachedFaceId") && value["cachedFaceId"].is_string()) out["cached_face_id"] = value["cachedFaceId"];
  return out;
}

json material_colors(const json& value) {
  if (!value.is_object()) return nullptr;
  json out = json::array();
  for (auto material : k_terrain_materials) {
    auto it = value.find(std::string(material));
    out.push_back(it != value.end() ? *it : json::array({0, 0, 0}));
  }
  return out;
}

json attributes(const json& value);

// Our typed form ({"type": T, "value": V}) for one rbx-dom value, or null when the type is unknown to us.
json translate(const json& explicit_value) {
  if (!explicit_value.is_object() || explicit_value.size() != 1) return nullptr;
  auto entry = explicit_value.begin();
  const std::string& type = entry.key();
  const json& value = entry.value();
  json ours = value;
  if (type == "CFrame") ours = cframe(value);
  else if (type == "OptionalCFrame") ours = value.is_null() ? json(nullptr) : cframe(value);
  else if (type == "NumberSequence") ours = keypoints(value, false);
  else if (type == "ColorSequence") ours = keypoints(value, true);
  else if (type == "PhysicalProperties") ours = physical(value);
  else if (type == "Content") ours = content(value);
  else if (type == "Font") ours = font(value);
  else if (type == "MaterialColors") ours = material_colors(value);
  else if (type == "Attributes") ours = attributes(value);
  else if (type == "Ref") ours = nullptr;
  else if (type == "EnumItem" && value.is_object()) ours = {{"enum", value.value("type", json())}, {"value", value.value("value", json())}};
  else if (type == "SharedString" || type == "NetAssetRef") return nullptr;  // a hash key into a file's table
  if (ours.is_null() && (type == "CFrame" || type == "NumberSequence" || type == "ColorSequence" || type == "Font" ||
                         type == "MaterialColors" || type == "Attributes")) {
    return nullptr;
  }
  std::string our_type = type == "SerializedMap" ? "Attributes" : type;
  return {{"type", our_type}, {"value", ours}};
}

json attributes(const json& value) {
  if (!value.is_object()) return nullptr;
  json out = json::object();
  for (const auto& [name, entry] : value.items()) {
    json typed = translate(entry);
    if (typed.is_null()) return nullptr;
    out[name] = std::move(typed);
  }
  return out;
}

}  // namespace

std::optional<types::Variant> decode_rbx_dom_value(std::string_view text) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) return std::nullopt;
  json typed = translate(value);
  if (typed.is_null()) return std::nullopt;
  auto decoded = decode_value(typed.dump(), std::nullopt, nullptr);
  if (!decoded) return std::nullopt;
  return std::move(*decoded);
}

}  // namespace rbxpipe::rbx::reflection
