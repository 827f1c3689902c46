#pragma once
// Internal to rbx/reflection: the storage behind Database, shared by the files that parse and write its formats.

#include <cstdint>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {

/// Memoised find_property answers (including "not found"), keyed by class and property name. Copies start
/// empty: the pointers belong to the storage that filled them.
struct PropertyLookupCache {
  PropertyLookupCache() = default;
  PropertyLookupCache(const PropertyLookupCache&) {}
  PropertyLookupCache& operator=(const PropertyLookupCache&) {
    clear();
    return *this;
  }
  /// Forgets every answer (after the classes changed).
  void clear() {
    std::unique_lock lock(mutex);
    entries.clear();
  }

  mutable std::shared_mutex mutex;
  mutable std::unordered_map<std::string, const PropertyDescriptor*> entries;
};

/// What a Database holds.
struct Database::Impl {
  std::map<std::string, ClassDescriptor, std::less<>> classes;   ///< by class name
  std::map<std::string, EnumDescriptor, std::less<>> enums;      ///< by enum name
  std::map<std::uint32_t, BrickColorInfo> brick_colors;           ///< by palette number
  std::map<std::uint32_t, types::Font> font_faces;                ///< by Enum.Font value
  /// Per class: serialized names and aliases of its own properties -> canonical name. Rebuilt by reindex().
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> other_names;
  /// find_property answers; writers ask the same few questions for every instance.
  PropertyLookupCache property_cache;

  /// Rebuilds `other_names` after classes changed.
  void reindex();
  /// Rebuilds the `other_names` entry of one class after its properties changed.
  void reindex_class(const std::string& class_name);
};

/// Gives the files of this module access to a Database's storage.
struct DatabaseAccess {
  /// The storage of `database`.
  static Database::Impl& impl(Database& database) { return *database.m_impl; }
  /// The storage of `database`.
  static const Database::Impl& impl(const Database& database) { return *database.m_impl; }
};

}  // namespace rbxpipe::rbx::reflection
