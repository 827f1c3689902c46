// Writing .rbxmx/.rbxlx the way Studio lays them out (tabs, one property per line, Meta and External first,
// SharedStrings last). Deterministic by construction: referents count instances in pre-order, properties are
// sorted by serialized name, and shared strings are keyed by a hash of their content and sorted by key.
#include <algorithm>
#include <unordered_map>
#include <vector>

#include "base/base64.h"
#include "rbx/reflection/database.h"
#include "rbx/reflection/serialization.h"
#include "rbx/xml/scalars.h"
#include "rbx/xml/value_writer.h"
#include "rbx/xml/xml.h"

namespace rbxpipe::rbx::xml {

namespace {

using dom::InstanceId;

// Studio's root attributes. The ExplicitAutoJoints Meta is written for places too: Studio only reads it, and one
// fixed preamble keeps the output independent of what kind of file the caller is making.
constexpr std::string_view k_preamble =
    "<roblox xmlns:xmime=\"http://www.w3.org/2005/05/xmlmime\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:noNamespaceSchemaLocation=\"http://www.roblox.com/roblox.xsd\" version=\"4\">\n"
    "\t<Meta name=\"ExplicitAutoJoints\">true</Meta>\n"
    "\t<External>null</External>\n"
    "\t<External>nil</External>\n";

// "RBX" and 32 upper-case hex digits, Studio's referent shape, counting from 0 in pre-order.
std::string referent_for(std::uint64_t index) {
  constexpr std::string_view k_digits = "0123456789ABCDEF";
  std::string referent = "RBX" + std::string(16, '0');
  for (int shift = 60; shift >= 0; shift -= 4) referent += k_digits[(index >> shift) & 0xF];
  return referent;
}

class Writer {
 public:
  Writer(const dom::Dom& dom, const WriteOptions& options)
      : m_dom(dom),
        m_database(options.database != nullptr ? *options.database : reflection::Database::shipped()),
        m_context(m_referents) {}

  base::Result<std::string> run(const std::vector<InstanceId>& roots) {
    // Every referent is known before the first Item is written, since a Ref may point forwards.
    for (InstanceId root : roots) {
      if (!m_dom.contains(root)) {
        return base::Error(base::ErrorCode::invalid_input, "instance " + std::to_string(root) + " is not in the tree");
      }
      for (InstanceId id : m_dom.descendants(root)) {
        if (!m_referents.emplace(id, referent_for(m_referents.size())).second) {
          return base::Error(base::ErrorCode::invalid_input,
                             "instance " + std::to_string(id) + " would be written twice (the roots overlap)");
        }
      }
    }
    m_out = k_preamble;
    RBXPIPE_TRY(write_items(roots));
    write_shared_strings();
    m_out += "</roblox>\n";
    return std::move(m_out);
  }

 private:
  // Pre-order with explicit close steps instead of recursion, so a deep tree cannot exhaust the call stack.
  base::Result<void> write_items(const std::vector<InstanceId>& roots) {
    struct Step {
      InstanceId id = dom::k_null_instance;
      std::size_t depth = 0;
      bool close = false;
    };
    std::vector<Step> stack;
    for (auto root = roots.rbegin(); root != roots.rend(); ++root) stack.push_back({*root, 1, false});
    while (!stack.empty()) {
      Step step = stack.back();
      stack.pop_back();
      if (step.close) {
        append_indent(m_out, step.depth);
        m_out += "</Item>\n";
        continue;
      }
      const dom::Instance& instance = m_dom.get(step.id);
      RBXPIPE_TRY(write_item_start(instance, step.depth));
      stack.push_back({step.id, step.depth, true});
      for (auto child = instance.children.rbegin(); child != instance.children.rend(); ++child) {
        stack.push_back({*child, step.depth + 1, false});
      }
    }
    return {};
  }

  base::Result<void> write_item_start(const dom::Instance& instance, std::size_t depth) {
    append_indent(m_out, depth);
    m_out += "<Item class=\"";
    if (!append_escaped_attribute(m_out, instance.class_name)) {
      return base::Error(base::ErrorCode::invalid_input, "a class name holds a NUL character");
    }
    m_out += "\" referent=\"";
    m_out += m_referents.at(instance.id);
    m_out += "\">\n";
    append_indent(m_out, depth + 1);
    m_out += "<Properties>\n";
    for (const reflection::SerializedProperty& property : serialized_properties(instance)) {
      auto written = write_value(m_out, depth + 2, property.name, property.value, m_context);
      if (!written) return std::move(written).error().with_context(instance.class_name + " '" + instance.name + "'");
    }
    append_indent(m_out, depth + 1);
    m_out += "</Properties>\n";
    return {};
  }

  // The instance's properties as the file stores them (names, types and migrations from reflection), Name
  // included, sorted by serialized name; when two land on one name, the first in canonical order wins.
  std::vector<reflection::SerializedProperty> serialized_properties(const dom::Instance& instance) const {
    std::vector<reflection::SerializedProperty> properties;
    properties.push_back({"Name", instance.name});
    auto has_property = [&](std::string_view name) { return instance.properties.find(name) != instance.properties.end(); };
    for (const auto& [name, value] : instance.properties) {
      if (name == "Name") continue;  // Instance::name is the name; a stray property must not shadow it
      for (auto& property : reflection::serialize(m_database, instance.class_name, name, value, has_property)) {
        properties.push_back(std::move(property));
      }
    }
    std::stable_sort(properties.begin(), properties.end(),
                     [](const auto& a, const auto& b) { return a.name < b.name; });
    properties.erase(std::unique(properties.begin(), properties.end(),
                                 [](const auto& a, const auto& b) { return a.name == b.name; }),
                     properties.end());
    return properties;
  }

  void write_shared_strings() {
    if (m_context.shared_strings().empty()) return;
    m_out += "\t<SharedStrings>\n";
    for (const auto& [key, bytes] : m_context.shared_strings()) {
      m_out += "\t\t<SharedString md5=\"";
      m_out += key;  // base64: nothing to escape
      m_out += "\">";
      m_out += base::base64_encode(bytes);
      m_out += "</SharedString>\n";
    }
    m_out += "\t</SharedStrings>\n";
  }

  const dom::Dom& m_dom;
  const reflection::Database& m_database;
  std::unordered_map<InstanceId, std::string> m_referents;
  WriteContext m_context;
  std::string m_out;
};

}  // namespace

base::Result<std::string> write(const dom::Dom& dom, const std::vector<InstanceId>& roots,
                                const WriteOptions& options) {
  return Writer(dom, options).run(roots);
}

}  // namespace rbxpipe::rbx::xml
