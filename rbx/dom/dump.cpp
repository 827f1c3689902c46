#include "rbx/dom/dump.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace rbxpipe::rbx::dom {

namespace {

using nlohmann::ordered_json;
using RefNamer = std::function<std::string(InstanceId)>;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Shortest text that reads back to the same float, so dumps are exact yet readable ("0.1", not "0.100000001").
template <typename F>
std::string number(F value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, error == std::errc() ? end : buffer);
}

template <typename F>
ordered_json json_number(F value) {
  if (std::isnan(value) || std::isinf(value)) return number(value);
  return value;
}

std::string quoted(const std::string& text) {
  return ordered_json(text).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string bytes_summary(const std::string& bytes) {
  return "<" + std::to_string(bytes.size()) + " bytes sha256:" + base::sha256_hex(bytes).substr(0, 16) + ">";
}

std::string join(std::initializer_list<std::string> parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

std::string text_of(const types::Vector3& v) { return join({number(v.x), number(v.y), number(v.z)}); }
std::string text_of(const types::Vector2& v) { return join({number(v.x), number(v.y)}); }
std::string text_of(const types::Color3& c) { return join({number(c.r), number(c.g), number(c.b)}); }
std::string text_of(const types::UDim& u) { return "{" + number(u.scale) + ", " + std::to_string(u.offset) + "}"; }

std::string text_of(const types::CFrame& c) {
  std::string text = text_of(c.position) + " |";
  for (float r : c.rotation) text += " " + number(r);
  return text;
}

std::string value_text(const types::Variant& value, const RefNamer& ref_name);

std::string attributes_text(const types::Attributes& attributes, const RefNamer& ref_name) {
  std::string text = "{";
  for (const auto& entry : attributes.entries) {
    text += (text.size() > 1 ? "; " : "") + entry.name + ": " +
            std::string(types::variant_type_name(types::type_of(entry.value))) + " = " +
            value_text(entry.value, ref_name);
  }
  return text + "}";
}

std::string value_text(const types::Variant& value, const RefNamer& ref_name) {
  return std::visit(
      Overloaded{
          [](const std::string& v) { return quoted(v); },
          [](const types::BinaryString& v) { return bytes_summary(v.bytes); },
          [](const types::ProtectedString& v) { return quoted(v.text); },
          [](const types::ContentId& v) { return quoted(v.uri); },
          [](bool v) { return std::string(v ? "true" : "false"); },
          [](std::int32_t v) { return std::to_string(v); },
          [](std::int64_t v) { return std::to_string(v); },
          [](float v) { return number(v); },
          [](double v) { return number(v); },
          [](const types::UDim& v) { return text_of(v); },
          [](const types::UDim2& v) { return text_of(v.x) + ", " + text_of(v.y); },
          [](const types::Ray& v) { return text_of(v.origin) + " -> " + text_of(v.direction); },
          [](const types::Faces& v) { return "faces " + std::to_string(v.bits); },
          [](const types::Axes& v) { return "axes " + std::to_string(v.bits); },
          [](const types::BrickColor& v) { return std::to_string(v.number); },
          [](const types::Color3& v) { return text_of(v); },
          [](const types::Color3uint8& v) { return join({std::to_string(v.r), std::to_string(v.g), std::to_string(v.b)}); },
          [](const types::Vector2& v) { return text_of(v); },
          [](const types::Vector2int16& v) { return join({std::to_string(v.x), std::to_string(v.y)}); },
          [](const types::Vector3& v) { return text_of(v); },
          [](const types::Vector3int16& v) { return join({std::to_string(v.x), std::to_string(v.y), std::to_string(v.z)}); },
          [](const types::CFrame& v) { return text_of(v); },
          [](const types::OptionalCFrame& v) { return v.value ? text_of(*v.value) : std::string("none"); },
          [](const types::Enum& v) { return std::to_string(v.value); },
          [](const types::EnumItem& v) { return "Enum." + v.enum_name + " " + std::to_string(v.value); },
          [&](const types::Ref& v) { return ref_name(v.target); },
          [](const types::NumberSequence& v) {
            std::string text;
            for (const auto& k : v.keypoints) text += (text.empty() ? "" : "; ") + join({number(k.time), number(k.value), number(k.envelope)});
            return "[" + text + "]";
          },
          [](const types::ColorSequence& v) {
            std::string text;
            for (const auto& k : v.keypoints) text += (text.empty() ? "" : "; ") + number(k.time) + ": " + text_of(k.color);
            return "[" + text + "]";
          },
          [](const types::NumberRange& v) { return number(v.min) + " .. " + number(v.max); },
          [](const types::Rect& v) { return text_of(v.min) + " .. " + text_of(v.max); },
          [](const types::PhysicalProperties& v) {
            if (!v.custom) return std::string("default");
            std::string text = join({number(v.density), number(v.friction), number(v.elasticity),
                                     number(v.friction_weight), number(v.elasticity_weight)});
            if (v.acoustic_absorption) text += ", " + number(*v.acoustic_absorption);
            return text;
          },
          [](const types::SharedString& v) { return bytes_summary(v.bytes); },
          [](const types::UniqueId& v) {
            return std::to_string(v.index) + "/" + std::to_string(v.time) + "/" + std::to_string(v.random);
          },
          [](const types::Font& v) {
            return quoted(v.family) + " " + std::to_string(v.weight) + (v.style == 1 ? " italic" : " normal") +
                   (v.cached_face_id.empty() ? "" : " " + quoted(v.cached_face_id));
          },
          [](const types::SecurityCapabilities& v) { return std::to_string(v.bits); },
          [&](const types::Content& v) {
            switch (v.kind) {
              case types::Content::Kind::none: return std::string("none");
              case types::Content::Kind::uri: return "uri " + quoted(v.uri);
              case types::Content::Kind::object: return "object " + ref_name(v.object);
            }
            return std::string("none");
          },
          [](const types::Tags& v) {
            std::string text;
            for (const auto& name : v.names) text += (text.empty() ? "" : ", ") + quoted(name);
            return "[" + text + "]";
          },
          [&](const types::Attributes& v) { return attributes_text(v, ref_name); },
          [](const types::MaterialColors& v) {
            std::string text;
            for (const auto& c : v.colors) text += (text.empty() ? "" : " ") + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b);
            return "[" + text + "]";
          },
          [](const types::Bytecode& v) { return bytes_summary(v.bytes); },
      },
      value);
}

ordered_json value_json(const types::Variant& value, const RefNamer& ref_name);

ordered_json vector_json(const types::Vector3& v) { return {json_number(v.x), json_number(v.y), json_number(v.z)}; }
ordered_json cframe_json(const types::CFrame& c) {
  ordered_json rotation = ordered_json::array();
  for (float r : c.rotation) rotation.push_back(json_number(r));
  return {{"position", vector_json(c.position)}, {"rotation", rotation}};
}

// JSON values stay close to the text form; numbers are JSON numbers so tools can compare them.
ordered_json value_json(const types::Variant& value, const RefNamer& ref_name) {
  return std::visit(
      Overloaded{
          [](const std::string& v) { return ordered_json(v); },
          [](bool v) { return ordered_json(v); },
          [](std::int32_t v) { return ordered_json(v); },
          [](std::int64_t v) { return ordered_json(v); },
          [](float v) { return json_number(v); },
          [](double v) { return json_number(v); },
          [](const types::ProtectedString& v) { return ordered_json(v.text); },
          [](const types::ContentId& v) { return ordered_json(v.uri); },
          [](const types::Vector3& v) { return vector_json(v); },
          [](const types::CFrame& v) { return cframe_json(v); },
          [](const types::OptionalCFrame& v) { return v.value ? cframe_json(*v.value) : ordered_json(nullptr); },
          [](const types::Enum& v) { return ordered_json(v.value); },
          [&](const types::Ref& v) { return v.target == k_null_instance ? ordered_json(nullptr) : ordered_json(ref_name(v.target)); },
          [&](const types::Attributes& v) {
            ordered_json object = ordered_json::object();
            for (const auto& entry : v.entries) {
              object[entry.name] = {{"type", types::variant_type_name(types::type_of(entry.value))},
                                    {"value", value_json(entry.value, ref_name)}};
            }
            return object;
          },
          [](const types::Tags& v) { return ordered_json(v.names); },
          [&](const auto& v) { return ordered_json(value_text(types::Variant(v), ref_name)); },
      },
      value);
}

// References print as the target's path, computed on demand: precomputing every path would be quadratic in depth.
RefNamer ref_namer(const Dom& dom, InstanceId root) {
  return [&dom, root](InstanceId id) -> std::string {
    if (id == k_null_instance) return "null";
    if (!dom.contains(id)) return "<outside>";
    InstanceId at = id;
    while (at != root && at != k_null_instance) at = dom.get(at).parent;
    if (at != root) return "<outside>";
    return "@" + instance_path(dom, root, id);
  };
}

}  // namespace

std::string format_value(const types::Variant& value) {
  return value_text(value, [](InstanceId id) { return "#" + std::to_string(id); });
}

std::string instance_path(const Dom& dom, InstanceId root, InstanceId id) {
  std::vector<std::string> parts;
  for (InstanceId at = id; at != root && at != k_null_instance; at = dom.get(at).parent) {
    const Instance& instance = dom.get(at);
    std::string part = instance.name;
    int earlier = 0;
    for (InstanceId sibling : dom.get(instance.parent).children) {
      if (sibling == at) break;
      if (dom.get(sibling).name == instance.name) ++earlier;
    }
    if (earlier > 0) part += "[" + std::to_string(earlier + 1) + "]";
    parts.push_back(std::move(part));
  }
  std::string path;
  for (auto part = parts.rbegin(); part != parts.rend(); ++part) path += (path.empty() ? "" : ".") + *part;
  return path;
}

std::string dump_text(const Dom& dom, InstanceId root) {
  auto names = ref_namer(dom, root);
  std::string text;
  // Depth comes from walking up to the root; descendants() is iterative, so deep trees dump without recursion.
  std::map<InstanceId, int> depth{{root, 0}};
  for (InstanceId id : dom.descendants(root)) {
    const Instance& instance = dom.get(id);
    if (id != root) depth[id] = depth[instance.parent] + 1;
    std::string indent(static_cast<std::size_t>(depth[id]) * 2, ' ');
    text += indent + instance.class_name + " " + quoted(instance.name) + "\n";
    for (const auto& [name, value] : instance.properties) {
      text += indent + "  " + name + ": " + std::string(types::variant_type_name(types::type_of(value))) + " = " +
              value_text(value, names) + "\n";
    }
  }
  return text;
}

std::string dump_json(const Dom& dom, InstanceId root) {
  auto names = ref_namer(dom, root);
  std::map<InstanceId, ordered_json> built;
  auto order = dom.descendants(root);
  // Build bottom-up (reverse pre-order) so each node's children are complete before it is, without recursion.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Instance& instance = dom.get(*it);
    ordered_json node{{"class", instance.class_name}, {"name", instance.name}};
    ordered_json properties = ordered_json::object();
    for (const auto& [name, value] : instance.properties) {
      properties[name] = {{"type", types::variant_type_name(types::type_of(value))}, {"value", value_json(value, names)}};
    }
    node["properties"] = std::move(properties);
    ordered_json children = ordered_json::array();
    for (InstanceId child : instance.children) {
      children.push_back(std::move(built[child]));
      built.erase(child);
    }
    node["children"] = std::move(children);
    built[*it] = std::move(node);
  }
  return built[root].dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace rbxpipe::rbx::dom
