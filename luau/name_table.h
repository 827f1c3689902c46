#pragma once
// NameTable: interned identifiers for the parser (internal). Each distinct name gets a stable index, its text
// stored once in the tree's text, and the local it currently denotes while parsing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "luau/ast.h"

namespace rbxpipe::luau {

/// Open-addressing map from name bytes to a stable index.
class NameTable {
 public:
  /// What the parser keeps per name.
  struct Entry {
    AstText text;          ///< the name's bytes in the tree's text
    NodeId local = k_none;  ///< the innermost local of this name in scope, or k_none
  };

  /// The index of `name`, added on first sight with its bytes appended to `text`. `name` must outlive the table.
  std::uint32_t intern(std::string_view name, std::string& text);
  /// The entry of an index from `intern` (valid until the next `intern`).
  Entry& operator[](std::uint32_t index) { return m_entries[index]; }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t index = 0;  // entry index + 1; 0 marks an empty slot
  };
  void grow();

  std::vector<Slot> m_slots;
  std::vector<Entry> m_entries;
  std::vector<std::string_view> m_keys;
};

}  // namespace rbxpipe::luau
