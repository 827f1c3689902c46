// Tree building. Everything here is iterative (a queue, never recursion), so a file nesting instances tens of
// thousands of levels deep cannot exhaust the stack.
#include "rbx/binary/chunk.h"
#include "rbx/binary/reader_state.h"
#include "rbx/binary/values.h"
#include "rbx/reflection/serialization.h"

namespace rbxpipe::rbx::binary {

namespace {

// Turns a decoded referent slot (values.h) into the Dom id of that instance; referents the file never declared
// become null, as a dangling reference in Studio would.
types::Variant resolve_refs(types::Variant value, const std::vector<types::InstanceId>& dom_ids) {
  auto resolve = [&](types::InstanceId slot) -> types::InstanceId {
    if (slot == types::k_null_instance || slot - 1 >= dom_ids.size()) return types::k_null_instance;
    return dom_ids[slot - 1];
  };
  if (auto* ref = std::get_if<types::Ref>(&value)) {
    ref->target = resolve(ref->target);
  } else if (auto* content = std::get_if<types::Content>(&value)) {
    if (content->kind == types::Content::Kind::object) {
      content->object = resolve(content->object);
      if (content->object == types::k_null_instance) *content = types::Content{};
    }
  }
  return value;
}

}  // namespace

base::Result<dom::Dom> build_tree(ReadState state, const reflection::Database& database) {
  const std::size_t count = state.class_of.size();
  // Children lists as linked arrays (first, last, next): no per-instance vectors for files with millions of
  // instances, and PRNT order is kept as the sibling order.
  std::vector<std::int32_t> first_child(count, -1);
  std::vector<std::int32_t> last_child(count, -1);
  std::vector<std::int32_t> next_sibling(count, -1);
  std::vector<bool> placed(count, false);
  std::vector<std::int32_t> top_level;
  for (auto [child, parent] : state.links) {
    auto c = static_cast<std::size_t>(child);
    placed[c] = true;
    if (parent < 0) {
      top_level.push_back(child);
      continue;
    }
    auto p = static_cast<std::size_t>(parent);
    if (last_child[p] < 0) first_child[p] = child;
    else next_sibling[static_cast<std::size_t>(last_child[p])] = child;
    last_child[p] = child;
  }
  std::size_t declared = 0;
  for (std::size_t referent = 0; referent < count; ++referent) {
    if (state.class_of[referent] < 0) continue;
    ++declared;
    if (!placed[referent]) top_level.push_back(static_cast<std::int32_t>(referent));
  }

  dom::Dom dom;
  std::vector<types::InstanceId> dom_ids(count, types::k_null_instance);
  std::vector<std::pair<std::int32_t, types::InstanceId>> queue;  // (referent, Dom parent), breadth first
  queue.reserve(declared);
  for (std::int32_t referent : top_level) queue.emplace_back(referent, dom.root());
  for (std::size_t next = 0; next < queue.size(); ++next) {
    auto [referent, parent] = queue[next];
    auto r = static_cast<std::size_t>(referent);
    const ClassRecord& record = state.classes[static_cast<std::size_t>(state.class_of[r])];
    std::string name = record.has_names && r < state.names.size() ? std::move(state.names[r]) : record.name;
    types::InstanceId id = dom.insert(parent, record.name, std::move(name));
    dom_ids[r] = id;
    for (std::int32_t child = first_child[r]; child >= 0; child = next_sibling[static_cast<std::size_t>(child)]) {
      queue.emplace_back(child, id);
    }
  }
  if (queue.size() != declared) {
    // Whatever the walk from the top level did not reach hangs off a parent cycle.
    for (std::size_t referent = 0; referent < count; ++referent) {
      if (state.class_of[referent] >= 0 && dom_ids[referent] == types::k_null_instance) {
        return chunk_error("PRNT", state.prnt_offset,
                           "referent " + std::to_string(referent) +
                               " is in a parent cycle (an instance would become its own ancestor)");
      }
    }
  }

  for (Column& column : state.columns) {
    const ClassRecord& record = state.classes[column.class_index];
    for (std::size_t i = 0; i < column.values.size(); ++i) {
      types::InstanceId id = dom_ids[static_cast<std::size_t>(record.referents[i])];
      types::Variant value = resolve_refs(std::move(column.values[i]), dom_ids);
      bool legacy = reflection::migrates_on_read(database, record.name, column.name, value);
      auto [canonical_name, canonical] = reflection::canonicalize(database, record.name, column.name, std::move(value));
      // A legacy property (Decal.Texture) reads as its replacement (TextureContent); when the file also holds the
      // replacement itself, that value is the newer one and wins whichever PROP chunk comes first.
      if (legacy && dom.get(id).properties.contains(canonical_name)) continue;
      dom.set_property(id, std::move(canonical_name), std::move(canonical));
    }
  }
  return dom;
}

}  // namespace rbxpipe::rbx::binary
