#include "luau/name_table.h"

namespace rbxpipe::luau {

namespace {

// FNV-1a: identifiers are short, so a simple byte hash beats the general-purpose one.
std::uint32_t hash_name(std::string_view name) {
  std::uint32_t hash = 2166136261u;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::uint32_t NameTable::intern(std::string_view name, std::string& text) {
  if (m_entries.size() * 2 >= m_slots.size()) grow();
  std::uint32_t hash = hash_name(name);
  std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = m_slots[i];
    if (slot.index == 0) {
      auto index = static_cast<std::uint32_t>(m_entries.size());
      slot = {hash, index + 1};
      m_keys.push_back(name);
      Entry& entry = m_entries.emplace_back();
      entry.text = {static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(name.size())};
      text.append(name);
      return index;
    }
    if (slot.hash == hash && m_keys[slot.index - 1] == name) return slot.index - 1;
  }
}

void NameTable::grow() {
  std::vector<Slot> slots(m_slots.empty() ? 256 : m_slots.size() * 2);
  std::size_t mask = slots.size() - 1;
  for (const Slot& slot : m_slots) {
    if (slot.index == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots[i].index != 0) i = (i + 1) & mask;
    slots[i] = slot;
  }
  m_slots.swap(slots);
}

}  // namespace rbxpipe::luau
