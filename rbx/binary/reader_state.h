#pragma once
// What the reader collects from the chunks before it builds the tree.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.h"
#include "rbx/dom/dom.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::reflection {
class Database;
}

namespace rbxpipe::rbx::binary {

/// One INST chunk: a class and its instances' referents, in file order.
struct ClassRecord {
  std::string name;                     ///< class name
  std::vector<std::int32_t> referents;  ///< each in range and declared once
  bool has_names = false;               ///< a Name PROP was read (else instances are named after the class)
};

/// One PROP chunk: a property's values for every instance of a class, in the class's referent order.
struct Column {
  std::size_t class_index = 0;         ///< index into ReadState::classes
  std::string name;                    ///< serialized property name
  std::vector<types::Variant> values;  ///< Refs and Content objects hold referent slots (values.h)
};

/// Everything read from a file's chunks.
struct ReadState {
  std::vector<ClassRecord> classes;                             ///< in INST order
  std::unordered_map<std::uint32_t, std::size_t> class_index;  ///< class id -> index into classes
  std::vector<std::int32_t> class_of;   ///< by referent: index into classes, -1 when undeclared
  std::vector<std::string> names;       ///< by referent: the Name property (may be shorter than class_of)
  std::vector<std::string> shared_strings;                      ///< SSTR entries
  std::vector<Column> columns;                                  ///< PROP chunks in file order
  std::vector<std::pair<std::int32_t, std::int32_t>> links;    ///< PRNT (child, parent) pairs, parent -1 = top
  std::size_t prnt_offset = 0;                                  ///< byte offset of the (last) PRNT chunk
};

/// Builds the Dom: PRNT links in file order give each parent's children; instances no PRNT entry places become
/// top-level after the linked ones, in referent order. invalid_input for a parent cycle. Every property goes
/// through reflection::canonicalize.
base::Result<dom::Dom> build_tree(ReadState state, const reflection::Database& database);

}  // namespace rbxpipe::rbx::binary
