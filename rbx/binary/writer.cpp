// Writing. Determinism comes from the traversal: referents follow a depth-first post-order walk of the roots
// (children before their parent, siblings in order; the order PRNT is written in), classes are numbered and
// written in class-name order, and properties in serialized-name order (columns.cpp).
#include <climits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "rbx/binary/arrays.h"
#include "rbx/binary/binary.h"
#include "rbx/binary/chunk.h"
#include "rbx/binary/columns.h"
#include "rbx/binary/values.h"
#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::binary {

namespace {

using types::InstanceId;

struct ClassToWrite {
  std::vector<InstanceId> instances;  // in referent order
  std::vector<PropColumn> columns;
};

// Post-order over every root with an explicit stack, so 10,000-deep trees are no risk to the call stack.
base::Result<std::vector<InstanceId>> post_order(const dom::Dom& dom, const std::vector<InstanceId>& roots) {
  std::vector<InstanceId> order;
  std::unordered_set<InstanceId> seen;
  for (InstanceId root : roots) {
    if (!dom.contains(root)) {
      return base::Error(base::ErrorCode::invalid_input, "instance " + std::to_string(root) + " is not in the tree");
    }
    std::vector<std::pair<InstanceId, std::size_t>> stack{{root, 0}};  // (instance, next child to visit)
    while (!stack.empty()) {
      auto& [id, next_child] = stack.back();
      const auto& children = dom.get(id).children;
      if (next_child == 0 && !seen.insert(id).second) {
        return base::Error(base::ErrorCode::invalid_input,
                           "instance '" + dom.get(id).name + "' would be written twice: the roots overlap");
      }
      if (next_child < children.size()) {
        InstanceId child = children[next_child++];
        stack.emplace_back(child, 0);
        continue;
      }
      order.push_back(id);
      stack.pop_back();
    }
  }
  return order;
}

base::Result<void> append(std::string& out, std::string_view name, const ByteWriter& body, Compression compression) {
  return append_chunk(out, name, body.bytes(), compression);
}

}  // namespace

base::Result<std::string> write(const dom::Dom& dom, const std::vector<InstanceId>& roots,
                                const WriteOptions& options) {
  const reflection::Database& database = options.database ? *options.database : reflection::Database::shipped();
  auto order = post_order(dom, roots);
  if (!order) return std::move(order).error();
  if (order->size() > INT32_MAX) return base::Error(base::ErrorCode::too_large, "too many instances to write");

  std::unordered_map<InstanceId, std::int32_t> referent_of;
  std::map<std::string, ClassToWrite> classes;
  for (std::size_t i = 0; i < order->size(); ++i) {
    InstanceId id = (*order)[i];
    referent_of.emplace(id, static_cast<std::int32_t>(i));
    classes[dom.get(id).class_name].instances.push_back(id);
  }

  std::map<std::string, std::uint32_t> shared_strings;  // content -> SSTR index; sorted by content
  for (auto& [class_name, info] : classes) {
    auto columns = build_columns(database, dom, class_name, info.instances);
    if (!columns) return std::move(columns).error();
    info.columns = std::move(*columns);
    for (const PropColumn& column : info.columns) {
      if (column.type != TypeId::shared_string) continue;
      for (const auto& value : column.values) shared_strings.emplace(std::get<types::SharedString>(value).bytes, 0);
    }
  }
  std::uint32_t next_index = 0;
  for (auto& [bytes, index] : shared_strings) index = next_index++;

  EncodeContext context;
  context.referent_of = [&](InstanceId id) {
    auto found = referent_of.find(id);
    return found == referent_of.end() ? -1 : found->second;
  };
  context.shared_string_index = [&](const std::string& bytes) { return shared_strings.at(bytes); };

  std::string out = encode_file_header(static_cast<std::uint32_t>(classes.size()),
                                       static_cast<std::uint32_t>(order->size()));
  if (!shared_strings.empty()) {
    ByteWriter body;
    body.write_u32(0);
    body.write_u32(static_cast<std::uint32_t>(shared_strings.size()));
    for (const auto& [bytes, index] : shared_strings) {
      body.write_bytes(std::string_view("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));  // the MD5 slot; readers ignore it
      body.write_string(bytes);
    }
    RBXPIPE_TRY(append(out, "SSTR", body, options.compression));
  }

  std::uint32_t class_id = 0;
  for (const auto& [class_name, info] : classes) {
    // The service flag only matters for services directly under the root, where Studio merges them.
    bool service = false;
    std::vector<std::int32_t> referents;
    std::string markers;
    for (InstanceId id : info.instances) {
      bool at_root = dom.get(id).parent == dom.root() && database.is_service(class_name);
      service = service || at_root;
      markers.push_back(at_root ? '\1' : '\0');
      referents.push_back(referent_of.at(id));
    }
    ByteWriter body;
    body.write_u32(class_id++);
    body.write_string(class_name);
    body.write_u8(service ? 1 : 0);
    body.write_u32(static_cast<std::uint32_t>(referents.size()));
    write_referents(body, referents);
    if (service) body.write_bytes(markers);
    RBXPIPE_TRY(append(out, "INST", body, options.compression));
  }

  class_id = 0;
  for (const auto& [class_name, info] : classes) {
    for (const PropColumn& column : info.columns) {
      ByteWriter body;
      body.write_u32(class_id);
      body.write_string(column.name);
      body.write_u8(static_cast<std::uint8_t>(column.type));
      auto encoded = encode_values(column.type, column.values, context, body);
      if (!encoded) return std::move(encoded).error().with_context(class_name + "." + column.name);
      RBXPIPE_TRY(append(out, "PROP", body, options.compression));
    }
    ++class_id;
  }

  std::vector<std::int32_t> children;
  std::vector<std::int32_t> parents;
  for (InstanceId id : *order) {
    children.push_back(referent_of.at(id));
    parents.push_back(context.referent_of(dom.get(id).parent));
  }
  ByteWriter links;
  links.write_u8(0);
  links.write_u32(static_cast<std::uint32_t>(children.size()));
  write_referents(links, children);
  write_referents(links, parents);
  RBXPIPE_TRY(append(out, "PRNT", links, options.compression));
  RBXPIPE_TRY(append_chunk(out, "END", "</roblox>", Compression::none));
  return out;
}

}  // namespace rbxpipe::rbx::binary
