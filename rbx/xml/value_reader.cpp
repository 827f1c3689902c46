#include "rbx/xml/value_reader.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "base/base64.h"

namespace rbxpipe::rbx::xml {

using types::Variant;

base::Error Locator::error_at(std::ptrdiff_t offset, std::string_view message, base::ErrorCode code) const {
  std::string text;
  if (offset >= 0) {
    // Counted only when an error is reported, so reading never pays for a line index.
    auto at = std::min(static_cast<std::size_t>(offset), m_text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i) {
      if (m_text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    text = std::to_string(line) + ":" + std::to_string(at - line_start + 1) + ": ";
  }
  text += message;
  return base::Error(code, std::move(text));
}

base::Error Locator::error(pugi::xml_node node, std::string_view message, base::ErrorCode code) const {
  std::ptrdiff_t offset = node.offset_debug();
  // pugixml points at an element's name; the '<' before it is where a reader looks.
  if (node.type() == pugi::node_element && offset > 0 && static_cast<std::size_t>(offset) <= m_text.size() &&
      m_text[static_cast<std::size_t>(offset) - 1] == '<') {
    --offset;
  }
  return error_at(offset, message, code);
}

base::Error ValueContext::fail(pugi::xml_node node, std::string_view message) const {
  return locator.error(node, where + ": " + std::string(message));
}

std::string malformed(std::string_view type, std::string_view text) {
  constexpr std::size_t k_shown = 40;
  std::string shown(text.substr(0, k_shown));
  // Messages are one line; control characters from hostile input would break that.
  std::replace_if(shown.begin(), shown.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
  if (text.size() > k_shown) shown += "...";
  return "malformed " + std::string(type) + " '" + shown + "'";
}

base::Result<std::string> text_of(pugi::xml_node element, const ValueContext& context) {
  pugi::xml_node first = element.first_child();
  bool single_text = first && !first.next_sibling() &&
                     (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata);
  if (single_text) return std::string(first.value());
  // Several pieces: CDATA sections split around "]]>", or character data and CDATA mixed.
  std::string text;
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    } else if (child.type() == pugi::node_element) {
      return context.fail(child, "unexpected element <" + std::string(child.name()) + ">");
    }
  }
  return text;
}

base::Result<pugi::xml_node> field(pugi::xml_node parent, const char* name, const ValueContext& context) {
  pugi::xml_node child = parent.child(name);
  if (!child) return context.fail(parent, "missing <" + std::string(name) + ">");
  return child;
}

base::Result<float> float_of(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  auto value = parse_float(*text);
  if (!value) return context.fail(element, malformed("float", *text));
  return *value;
}

namespace {

base::Result<Variant> read_string(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  return Variant(std::move(*text));
}

base::Result<Variant> read_protected_string(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  return Variant(types::ProtectedString{std::move(*text)});
}

base::Result<Variant> read_binary_string(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  auto bytes = base::base64_decode(*text);
  if (!bytes) return context.fail(element, "malformed base64: " + bytes.error().message());
  return Variant(types::BinaryString{std::move(*bytes)});
}

base::Result<Variant> read_bool(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  auto value = parse_bool(*text);
  if (!value) return context.fail(element, malformed("bool", *text));
  return Variant(*value);
}

template <typename T>
base::Result<Variant> read_integer(pugi::xml_node element, const ValueContext& context) {
  auto value = integer_of<T>(element, element.name(), context);
  if (!value) return std::move(value).error();
  return Variant(*value);
}

base::Result<Variant> read_float(pugi::xml_node element, const ValueContext& context) {
  auto value = float_of(element, context);
  if (!value) return std::move(value).error();
  return Variant(*value);
}

base::Result<Variant> read_double(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  auto value = parse_double(*text);
  if (!value) return context.fail(element, malformed("double", *text));
  return Variant(*value);
}

base::Result<Variant> read_token(pugi::xml_node element, const ValueContext& context) {
  auto value = integer_of<std::uint32_t>(element, "token", context);
  if (!value) return std::move(value).error();
  return Variant(types::Enum{*value});
}

base::Result<Variant> read_brick_color(pugi::xml_node element, const ValueContext& context) {
  auto value = integer_of<std::uint32_t>(element, "BrickColor", context);
  if (!value) return std::move(value).error();
  return Variant(types::BrickColor{*value});
}

base::Result<Variant> read_color3uint8(pugi::xml_node element, const ValueContext& context) {
  // 0xAARRGGBB; Studio sets the alpha byte to FF, other writers leave it 0. Alpha is not part of the value.
  auto value = integer_of<std::uint32_t>(element, "Color3uint8", context);
  if (!value) return std::move(value).error();
  return Variant(types::Color3uint8{static_cast<std::uint8_t>(*value >> 16), static_cast<std::uint8_t>(*value >> 8),
                                    static_cast<std::uint8_t>(*value)});
}

base::Result<Variant> read_security_capabilities(pugi::xml_node element, const ValueContext& context) {
  auto value = integer_of<std::uint64_t>(element, "SecurityCapabilities", context);
  if (!value) return std::move(value).error();
  return Variant(types::SecurityCapabilities{*value});
}

base::Result<Variant> read_ref(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  std::string referent(trim(*text));
  // "null" is the null reference; a referent no Item declares also reads as null, as Studio does.
  auto found = context.referents.find(referent);
  return Variant(types::Ref{found == context.referents.end() ? types::k_null_instance : found->second});
}

base::Result<Variant> read_shared_string(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  std::string key(trim(*text));
  auto found = context.shared_strings.find(key);
  if (found == context.shared_strings.end()) {
    return context.fail(element, "no <SharedString> with key '" + key.substr(0, 64) + "'");
  }
  return Variant(types::SharedString{found->second});
}

base::Result<Variant> read_unique_id(pugi::xml_node element, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  std::string_view hex = trim(*text);
  bool valid = hex.size() == 32 && std::all_of(hex.begin(), hex.end(), [](char c) {
                 return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
               });
  if (!valid) return context.fail(element, malformed("UniqueId (32 hex digits)", *text));
  auto part = [&](std::size_t at, std::size_t size, auto& out) {
    std::from_chars(hex.data() + at, hex.data() + at + size, out, 16);
  };
  // Laid out as random (16 digits), time (8), index (8).
  std::uint64_t random = 0;
  types::UniqueId id;
  part(0, 16, random);
  part(16, 8, id.time);
  part(24, 8, id.index);
  id.random = static_cast<std::int64_t>(random);
  return Variant(id);
}

ValueReader scalar_reader(std::string_view tag) {
  static const std::unordered_map<std::string_view, ValueReader> readers = {
      {"string", read_string},
      {"ProtectedString", read_protected_string},
      {"BinaryString", read_binary_string},
      {"bool", read_bool},
      {"int", read_integer<std::int32_t>},
      {"int64", read_integer<std::int64_t>},
      {"float", read_float},
      {"double", read_double},
      {"token", read_token},
      {"BrickColor", read_brick_color},
      {"Color3uint8", read_color3uint8},
      {"SecurityCapabilities", read_security_capabilities},
      {"Ref", read_ref},
      {"SharedString", read_shared_string},
      {"NetAssetRef", read_shared_string},
      {"UniqueId", read_unique_id},
  };
  auto found = readers.find(tag);
  return found == readers.end() ? nullptr : found->second;
}

}  // namespace

base::Result<Variant> read_value(pugi::xml_node element, const ValueContext& context) {
  std::string_view tag = element.name();
  ValueReader reader = scalar_reader(tag);
  if (reader == nullptr) reader = compound_reader(tag);
  if (reader == nullptr) return context.fail(element, "unknown property type <" + std::string(tag) + ">");
  return reader(element, context);
}

}  // namespace rbxpipe::rbx::xml
