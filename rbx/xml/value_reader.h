#pragma once
// Reading property elements (`<Vector3 name="size">...`) into Variants, one reader per tag, plus the small helpers
// the readers share. Internal to rbx/xml.

#include <pugixml.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "rbx/types/variant.h"
#include "rbx/xml/scalars.h"

namespace rbxpipe::rbx::xml {

/// Turns XML nodes into "line:col" positions of the text they were parsed from.
class Locator {
 public:
  /// `text` is exactly what was given to the parser (columns count bytes from there).
  explicit Locator(std::string_view text) : m_text(text) {}
  /// An error whose message is "line:col: message", located at `node` (at its '<' for elements).
  base::Error error(pugi::xml_node node, std::string_view message,
                    base::ErrorCode code = base::ErrorCode::invalid_input) const;
  /// An error whose message is "line:col: message", located at a byte offset of the parsed text.
  base::Error error_at(std::ptrdiff_t offset, std::string_view message,
                       base::ErrorCode code = base::ErrorCode::invalid_input) const;

 private:
  std::string_view m_text;
};

/// What reading one value needs besides its element: the file's referents and shared strings, and a description of
/// the property for messages.
struct ValueContext {
  const Locator& locator;                                                     ///< for located errors
  const std::unordered_map<std::string, types::InstanceId>& referents;        ///< referent -> instance
  const std::unordered_map<std::string, std::string>& shared_strings;         ///< md5 key -> bytes
  std::string where;  ///< "property 'size' of Part 'Block'", put into every message

  /// An invalid_input error at `node`: "line:col: <where>: message".
  base::Error fail(pugi::xml_node node, std::string_view message) const;
};

/// Reads a property element according to its tag name (`string`, `Vector3`, `CoordinateFrame`, ...). An unknown tag
/// or malformed content is invalid_input naming the tag, the property and the line:col of the offending element.
base::Result<types::Variant> read_value(pugi::xml_node element, const ValueContext& context);

/// The text content of `element` (its character data and CDATA sections joined, whitespace exact);
/// invalid_input when it has element children.
base::Result<std::string> text_of(pugi::xml_node element, const ValueContext& context);

/// The first child element named `name`; invalid_input at `parent` when there is none.
base::Result<pugi::xml_node> field(pugi::xml_node parent, const char* name, const ValueContext& context);

/// The float content of `element`.
base::Result<float> float_of(pugi::xml_node element, const ValueContext& context);

/// The float contents of the children `names` of `parent`, in that order.
template <std::size_t N>
base::Result<std::array<float, N>> float_fields(pugi::xml_node parent, const std::array<const char*, N>& names,
                                                const ValueContext& context) {
  std::array<float, N> values{};
  for (std::size_t i = 0; i < N; ++i) {
    auto child = field(parent, names[i], context);
    if (!child) return std::move(child).error();
    auto value = float_of(*child, context);
    if (!value) return std::move(value).error();
    values[i] = *value;
  }
  return values;
}

/// "malformed <type> '<text>'", with long text shortened, for messages.
std::string malformed(std::string_view type, std::string_view text);

/// The integer content of `element`, which must fit T; `type` names the XML type for messages ("int", "int64").
template <typename T>
base::Result<T> integer_of(pugi::xml_node element, std::string_view type, const ValueContext& context) {
  auto text = text_of(element, context);
  if (!text) return std::move(text).error();
  auto value = parse_integer<T>(*text);
  if (!value) return context.fail(element, malformed(type, *text));
  return *value;
}

/// Readers of the compound tags (geometry, colours, sequences, content, fonts); nullptr for other tags.
using ValueReader = base::Result<types::Variant> (*)(pugi::xml_node, const ValueContext&);
/// The compound reader for `tag`, or nullptr.
ValueReader compound_reader(std::string_view tag);

}  // namespace rbxpipe::rbx::xml
