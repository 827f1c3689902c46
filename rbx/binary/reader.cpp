// Reading: walks the chunks in file order, checking every count against the data and every referent against the
// header, collects classes, property columns and parent links, then builds the tree (reader_tree.cpp).
#include <cstdio>

#include "rbx/binary/arrays.h"
#include "rbx/binary/binary.h"
#include "rbx/binary/chunk.h"
#include "rbx/binary/reader_state.h"
#include "rbx/binary/values.h"
#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::binary {

namespace {

class FileReader {
 public:
  FileReader(std::string_view file, const ReadOptions& options) : m_file(file), m_options(options) {}

  base::Result<ReadState> run();

 private:
  base::Result<void> read_chunk(const ChunkHeader& chunk, std::string_view data);
  base::Result<void> read_meta(ByteReader& reader);
  base::Result<void> read_sstr(ByteReader& reader);
  base::Result<void> read_inst(ByteReader& reader);
  base::Result<void> read_prop(ByteReader& reader);
  base::Result<void> read_prnt(ByteReader& reader);
  bool is_defined(std::int32_t referent) const {
    return referent >= 0 && static_cast<std::size_t>(referent) < m_state.class_of.size() &&
           m_state.class_of[static_cast<std::size_t>(referent)] >= 0;
  }

  std::string_view m_file;
  const ReadOptions& m_options;
  FileHeader m_header;
  ReadState m_state;
  bool m_seen_sstr = false;
  std::vector<bool> m_parented;  // by referent: already placed by a PRNT entry
};

base::Error invalid(std::string message) { return base::Error(base::ErrorCode::invalid_input, std::move(message)); }

base::Error truncated(const ByteReader& reader) {
  return invalid("data is truncated at offset " + std::to_string(reader.offset()) + " of the chunk data");
}

base::Result<ReadState> FileReader::run() {
  auto header = read_file_header(m_file);
  if (!header) return std::move(header).error();
  m_header = *header;
  if (m_header.instance_count > m_options.max_instances) {
    return base::Error(base::ErrorCode::too_large,
                       "file header: " + std::to_string(m_header.instance_count) +
                           " instances declared, more than the limit of " +
                           std::to_string(m_options.max_instances));
  }
  ChunkStream chunks(m_file, m_options);
  while (true) {
    auto chunk = chunks.next();
    if (!chunk) return std::move(chunk).error();
    if (chunk->name == "END") break;
    bool known = chunk->name == "META" || chunk->name == "SSTR" || chunk->name == "INST" || chunk->name == "PROP" ||
                 chunk->name == "PRNT";
    if (!known) continue;  // chunks this reader does not know are skipped unread, as newer files may add some
    auto data = chunks.decompress(*chunk);
    if (!data) return std::move(data).error();
    auto done = read_chunk(*chunk, *data);
    if (!done) return chunk_error(chunk->name, chunk->offset, done.error().message(), done.error().code());
  }
  return std::move(m_state);
}

base::Result<void> FileReader::read_chunk(const ChunkHeader& chunk, std::string_view data) {
  ByteReader reader(data);
  if (chunk.name == "META") return read_meta(reader);
  if (chunk.name == "SSTR") return read_sstr(reader);
  if (chunk.name == "INST") return read_inst(reader);
  if (chunk.name == "PROP") return read_prop(reader);
  m_state.prnt_offset = chunk.offset;
  return read_prnt(reader);
}

base::Result<void> FileReader::read_meta(ByteReader& reader) {
  // Metadata (ExplicitAutoJoints, ...) has no place in the Dom; it is checked for well-formedness and dropped.
  std::uint32_t count = reader.read_u32();
  if (reader.has(count, 8)) {
    for (std::uint32_t i = 0; i < count && reader.ok(); ++i) {
      reader.read_bytes(reader.read_u32());
      reader.read_bytes(reader.read_u32());
    }
  }
  if (!reader.ok()) return truncated(reader);
  return {};
}

base::Result<void> FileReader::read_sstr(ByteReader& reader) {
  if (m_seen_sstr) return invalid("a second SSTR chunk");
  m_seen_sstr = true;
  std::uint32_t version = reader.read_u32();
  std::uint32_t count = reader.read_u32();
  if (!reader.ok()) return truncated(reader);
  if (version != 0) return invalid("unsupported SSTR version " + std::to_string(version));
  if (!reader.has(count, 20)) return truncated(reader);
  m_state.shared_strings.reserve(count);
  for (std::uint32_t i = 0; i < count && reader.ok(); ++i) {
    reader.read_bytes(16);  // an MD5 nobody checks; the index is what PROP chunks use
    m_state.shared_strings.push_back(reader.read_string());
  }
  if (!reader.ok()) return truncated(reader);
  return {};
}

base::Result<void> FileReader::read_inst(ByteReader& reader) {
  std::uint32_t class_id = reader.read_u32();
  std::string class_name = reader.read_string();
  std::uint8_t format = reader.read_u8();
  std::uint32_t count = reader.read_u32();
  if (!reader.ok()) return truncated(reader);
  if (class_id >= m_header.class_count) {
    return invalid("class id " + std::to_string(class_id) + " (" + class_name + ") is out of range: the header " +
                   "declares " + std::to_string(m_header.class_count) + " classes");
  }
  if (m_state.class_index.contains(class_id)) {
    return invalid("class id " + std::to_string(class_id) + " (" + class_name + ") has a second INST chunk");
  }
  if (format > 1) return invalid("unknown object format " + std::to_string(format) + " for class " + class_name);
  auto referents = read_referents(reader, count);
  // Service markers (one byte per instance) say "this is a service"; the Dom learns that from reflection instead.
  if (format == 1) reader.read_bytes(count);
  if (!reader.ok()) return truncated(reader);

  auto index = static_cast<std::int32_t>(m_state.classes.size());
  for (std::int32_t referent : referents) {
    if (referent < 0 || static_cast<std::uint32_t>(referent) >= m_header.instance_count) {
      return invalid("referent " + std::to_string(referent) + " of class " + class_name + " is out of range: " +
                     "the header declares " + std::to_string(m_header.instance_count) + " instances");
    }
    auto slot = static_cast<std::size_t>(referent);
    if (slot >= m_state.class_of.size()) m_state.class_of.resize(slot + 1, -1);
    if (std::int32_t earlier = m_state.class_of[slot]; earlier >= 0) {
      const std::string& first = earlier == index ? class_name : m_state.classes[static_cast<std::size_t>(earlier)].name;
      return invalid("referent " + std::to_string(referent) + " is declared twice (classes " + first + " and " +
                     class_name + ")");
    }
    m_state.class_of[slot] = index;
  }
  m_state.class_index.emplace(class_id, m_state.classes.size());
  m_state.classes.push_back(ClassRecord{std::move(class_name), std::move(referents)});
  return {};
}

base::Result<void> FileReader::read_prop(ByteReader& reader) {
  std::uint32_t class_id = reader.read_u32();
  std::string name = reader.read_string();
  std::uint8_t type_byte = reader.read_u8();
  if (!reader.ok()) return truncated(reader);
  auto found = m_state.class_index.find(class_id);
  if (found == m_state.class_index.end()) {
    return invalid("property " + name + " names class id " + std::to_string(class_id) + ", which has no INST chunk");
  }
  const ClassRecord& record = m_state.classes[found->second];  // NOLINT: stable, classes does not grow here
  std::string where = record.name + "." + name;
  auto type = type_id_from_byte(type_byte);
  if (!type) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(type_byte));
    return invalid("unknown property type id " + std::string(hex) + " for " + where);
  }
  auto values = decode_values(*type, reader, record.referents.size(), m_state.shared_strings);
  if (!values) return invalid(where + " (" + type_id_name(*type) + "): " + values.error().message());
  if (name == "Name") {
    if (*type != TypeId::string) return invalid(where + " has type " + type_id_name(*type) + ", expected String");
    if (m_state.names.size() < m_state.class_of.size()) m_state.names.resize(m_state.class_of.size());
    m_state.classes[found->second].has_names = true;
    for (std::size_t i = 0; i < values->size(); ++i) {
      m_state.names[static_cast<std::size_t>(record.referents[i])] = std::move(std::get<std::string>((*values)[i]));
    }
    return {};
  }
  m_state.columns.push_back(Column{found->second, std::move(name), std::move(*values)});
  return {};
}

base::Result<void> FileReader::read_prnt(ByteReader& reader) {
  std::uint8_t version = reader.read_u8();
  std::uint32_t count = reader.read_u32();
  if (!reader.ok()) return truncated(reader);
  if (version != 0) return invalid("unsupported PRNT version " + std::to_string(version));
  auto children = read_referents(reader, count);
  auto parents = read_referents(reader, count);
  if (!reader.ok()) return truncated(reader);
  m_parented.resize(m_state.class_of.size(), false);
  for (std::size_t i = 0; i < children.size(); ++i) {
    std::int32_t child = children[i];
    std::int32_t parent = parents[i];
    std::string entry = "entry " + std::to_string(i) + ": ";
    if (!is_defined(child)) return invalid(entry + "child referent " + std::to_string(child) + " has no INST entry");
    if (parent != -1 && !is_defined(parent)) {
      return invalid(entry + "parent referent " + std::to_string(parent) + " has no INST entry");
    }
    if (child == parent) return invalid(entry + "referent " + std::to_string(child) + " is its own parent");
    auto slot = static_cast<std::size_t>(child);
    if (m_parented[slot]) return invalid(entry + "referent " + std::to_string(child) + " is parented twice");
    m_parented[slot] = true;
    m_state.links.emplace_back(child, parent);
  }
  return {};
}

}  // namespace

base::Result<dom::Dom> read(std::string_view bytes, const ReadOptions& options) {
  FileReader reader(bytes, options);
  auto state = reader.run();
  if (!state) return std::move(state).error();
  const reflection::Database& database = options.database ? *options.database : reflection::Database::shipped();
  return build_tree(std::move(*state), database);
}

}  // namespace rbxpipe::rbx::binary
