#pragma once
// Writing one property as an XML element (`<Vector3 name="size">...`), with the tag its value type has in files.
// Internal to rbx/xml.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::xml {

/// Deepest indentation written, in tabs; deeper lines get no more, so a 10,000-deep tree does not write
/// 10,000 tabs on each of its lines.
inline constexpr std::size_t k_max_indent = 64;

/// Appends one tab per level of `depth`, at most k_max_indent.
void append_indent(std::string& out, std::size_t depth);

/// What writing values needs from the whole file: the referents of the written instances, and the shared strings
/// met so far.
class WriteContext {
 public:
  /// `referents` maps every written instance to its referent.
  explicit WriteContext(const std::unordered_map<types::InstanceId, std::string>& referents)
      : m_referents(referents) {}

  /// The referent of a written instance; "null" for the null instance and instances outside the written trees.
  std::string_view referent_of(types::InstanceId id) const;
  /// Registers `bytes` as a shared string and returns its key: base64 of the first 16 bytes of their SHA-256.
  std::string add_shared_string(const std::string& bytes);
  /// The shared strings met so far, key -> bytes, sorted by key.
  const std::map<std::string, std::string>& shared_strings() const { return m_shared_strings; }

 private:
  const std::unordered_map<types::InstanceId, std::string>& m_referents;
  std::map<std::string, std::string> m_shared_strings;
};

/// The tag a value of `type` is written with ("Vector3", "CoordinateFrame", "string"); Tags, Attributes,
/// MaterialColors and Bytecode are written as "BinaryString"; empty for EnumItem, which files cannot hold.
std::string_view tag_of(types::VariantType type);

/// Appends the element of the property `name` holding `value`, indented by `depth`. invalid_input for a string
/// holding a NUL byte (XML cannot carry one) and for values files cannot hold.
base::Result<void> write_value(std::string& out, std::size_t depth, std::string_view name,
                               const types::Variant& value, WriteContext& context);

}  // namespace rbxpipe::rbx::xml
