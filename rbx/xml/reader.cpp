// Reading .rbxmx/.rbxlx: pugixml parses the text, then two passes over the Items. The first walks the Item tree with
// an explicit stack (a file nested 10,000 deep must not exhaust the call stack), creates every instance and records
// its referent; the second reads properties, so a Ref can name an Item that comes later in the file.
#include <pugixml.hpp>

#include <unordered_map>
#include <vector>

#include "base/base64.h"
#include "rbx/reflection/database.h"
#include "rbx/reflection/serialization.h"
#include "rbx/xml/value_reader.h"
#include "rbx/xml/xml.h"

namespace rbxpipe::rbx::xml {

namespace {

using dom::InstanceId;

// Not parse_eol and not parse_wconv_attribute: carriage returns and tabs stay exactly as written, so text read back
// from what write() produced is byte-identical. parse_ws_pcdata keeps whitespace-only strings ("  ").
constexpr unsigned k_parse_flags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_ws_pcdata;

bool is_element(pugi::xml_node node, std::string_view name) {
  return node.type() == pugi::node_element && name == node.name();
}

class Reader {
 public:
  Reader(std::string_view text, const ReadOptions& options)
      : m_text(text),
        m_locator(text),
        m_options(options),
        m_database(options.database != nullptr ? *options.database : reflection::Database::shipped()) {}

  base::Result<dom::Dom> run() {
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_buffer(m_text.data(), m_text.size(), k_parse_flags,
                                                         pugi::encoding_utf8);
    if (parsed.status == pugi::status_no_document_element) {
      return m_locator.error_at(parsed.offset, "not an XML document (no root element)");
    }
    if (!parsed) return m_locator.error_at(parsed.offset, std::string("malformed XML: ") + parsed.description());
    pugi::xml_node root = document.document_element();
    for (pugi::xml_node other = root.next_sibling(); other; other = other.next_sibling()) {
      if (other.type() == pugi::node_element) return m_locator.error(other, "a second root element");
    }
    if (std::string_view(root.name()) != "roblox") {
      return m_locator.error(root, "the root element is <" + std::string(root.name()) + ">, expected <roblox>");
    }
    pugi::xml_attribute version = root.attribute("version");
    if (!version) return m_locator.error(root, "<roblox> has no version attribute");
    if (trim(version.value()) != "4") {
      return m_locator.error(root, "XML model version '" + std::string(version.value()) + "' is not supported (only 4)",
                             base::ErrorCode::unsupported);
    }
    // Shared strings come after the Items in Studio's files, so they are collected before any property is read.
    for (pugi::xml_node child : root.children()) {
      if (is_element(child, "SharedStrings")) RBXPIPE_TRY(read_shared_strings(child));
    }
    RBXPIPE_TRY(read_tree(root));
    for (const ItemToRead& item : m_items) RBXPIPE_TRY(read_properties(item));
    return std::move(m_dom);
  }

 private:
  struct ItemToRead {
    pugi::xml_node properties;
    InstanceId id = dom::k_null_instance;
  };

  base::Result<void> read_shared_strings(pugi::xml_node container) {
    for (pugi::xml_node entry : container.children()) {
      if (entry.type() != pugi::node_element) continue;
      if (!is_element(entry, "SharedString")) {
        return m_locator.error(entry, "unexpected element <" + std::string(entry.name()) + "> in <SharedStrings>");
      }
      pugi::xml_attribute key = entry.attribute("md5");
      if (!key) return m_locator.error(entry, "<SharedString> has no md5 attribute");
      ValueContext context{m_locator, m_referents, m_shared_strings, "shared string '" + std::string(key.value()) + "'"};
      auto text = text_of(entry, context);
      if (!text) return std::move(text).error();
      auto bytes = base::base64_decode(*text);
      if (!bytes) return context.fail(entry, "malformed base64: " + bytes.error().message());
      if (!m_shared_strings.emplace(key.value(), std::move(*bytes)).second) {
        return context.fail(entry, "the key appears twice");
      }
    }
    return {};
  }

  base::Result<void> read_tree(pugi::xml_node root) {
    struct Pending {
      pugi::xml_node item;
      InstanceId parent = dom::k_null_instance;
      std::size_t depth = 0;
    };
    std::vector<Pending> stack;
    // Children are pushed last first, so they come off the stack, and are inserted, in document order.
    auto push_items = [&](pugi::xml_node parent_node, InstanceId parent, std::size_t depth) {
      for (pugi::xml_node child = parent_node.last_child(); child; child = child.previous_sibling()) {
        if (is_element(child, "Item")) stack.push_back({child, parent, depth});
      }
    };
    push_items(root, m_dom.root(), 1);
    while (!stack.empty()) {
      Pending next = stack.back();
      stack.pop_back();
      if (next.depth > m_options.max_depth) {
        return m_locator.error(next.item, "Items nested deeper than the limit of " +
                                              std::to_string(m_options.max_depth), base::ErrorCode::too_large);
      }
      if (m_items.size() >= m_options.max_instances) {
        return m_locator.error(next.item, "more Items than the limit of " + std::to_string(m_options.max_instances),
                               base::ErrorCode::too_large);
      }
      auto id = read_item(next.item, next.parent);
      if (!id) return std::move(id).error();
      push_items(next.item, *id, next.depth + 1);
    }
    return {};
  }

  // Creates the instance of one Item (named after its class until its Name property is read) and checks its shape.
  base::Result<InstanceId> read_item(pugi::xml_node item, InstanceId parent) {
    std::string_view class_name = item.attribute("class").value();
    if (class_name.empty()) return m_locator.error(item, "<Item> has no class attribute");
    pugi::xml_node properties;
    for (pugi::xml_node child : item.children()) {
      if (child.type() != pugi::node_element || is_element(child, "Item")) continue;
      if (!is_element(child, "Properties")) {
        return m_locator.error(child, "unexpected element <" + std::string(child.name()) + "> in an <Item>");
      }
      if (properties) return m_locator.error(child, "an <Item> with more than one <Properties>");
      properties = child;
    }
    if (!properties) return m_locator.error(item, "<Item class=\"" + std::string(class_name) + "\"> has no <Properties>");
    InstanceId id = m_dom.insert(parent, std::string(class_name), std::string(class_name));
    if (pugi::xml_attribute referent = item.attribute("referent")) {
      std::string_view value = referent.value();
      if (value.empty() || value == "null") {
        return m_locator.error(item, "an <Item> referent must not be '" + std::string(value) + "'");
      }
      if (!m_referents.emplace(value, id).second) {
        return m_locator.error(item, "duplicate referent '" + std::string(value) + "'");
      }
    }
    m_items.push_back({properties, id});
    return id;
  }

  base::Result<void> read_properties(const ItemToRead& item) {
    dom::Instance& instance = m_dom.get(item.id);
    // Name first, so every later message can say which instance it is about.
    for (pugi::xml_node property : item.properties.children()) {
      if (property.type() != pugi::node_element || std::string_view(property.attribute("name").value()) != "Name") {
        continue;
      }
      ValueContext context{m_locator, m_referents, m_shared_strings, "property 'Name' of " + instance.class_name};
      auto value = read_value(property, context);
      if (!value) return std::move(value).error();
      if (auto* text = std::get_if<std::string>(&*value)) {
        instance.name = std::move(*text);
      } else if (auto* protected_text = std::get_if<types::ProtectedString>(&*value)) {
        instance.name = std::move(protected_text->text);
      } else {
        return context.fail(property, "Name must be a string, not <" + std::string(property.name()) + ">");
      }
    }
    std::string subject = " of " + instance.class_name + " '" + instance.name + "'";
    for (pugi::xml_node property : item.properties.children()) {
      if (property.type() != pugi::node_element) continue;
      pugi::xml_attribute name = property.attribute("name");
      if (!name || *name.value() == '\0') {
        return m_locator.error(property, "a <" + std::string(property.name()) + "> property without a name" + subject);
      }
      std::string_view serialized_name = name.value();
      if (serialized_name == "Name") continue;
      ValueContext context{m_locator, m_referents, m_shared_strings,
                           "property '" + std::string(serialized_name) + "'" + subject};
      auto value = read_value(property, context);
      if (!value) return std::move(value).error();
      auto [canonical_name, canonical_value] =
          reflection::canonicalize(m_database, instance.class_name, serialized_name, std::move(*value));
      if (canonical_name == "Name") continue;  // Instance::name is the only home of the name
      instance.properties.insert_or_assign(std::move(canonical_name), std::move(canonical_value));
    }
    return {};
  }

  std::string_view m_text;
  Locator m_locator;
  const ReadOptions& m_options;
  const reflection::Database& m_database;
  dom::Dom m_dom;
  std::unordered_map<std::string, InstanceId> m_referents;
  std::unordered_map<std::string, std::string> m_shared_strings;
  std::vector<ItemToRead> m_items;
};

}  // namespace

base::Result<dom::Dom> read(std::string_view text, const ReadOptions& options) {
  // A UTF-8 byte-order mark is not part of the document; positions are counted from after it.
  constexpr std::string_view k_bom = "\xEF\xBB\xBF";
  if (text.substr(0, k_bom.size()) == k_bom) text.remove_prefix(k_bom.size());
  return Reader(text, options).run();
}

}  // namespace rbxpipe::rbx::xml
