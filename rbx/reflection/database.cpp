// Database lookups, the shipped database and the user extension file. Parsing and writing the JSON formats live in
// rbxpipe_format.cpp and external_format.cpp.
#include "rbx/reflection/database.h"

#include "base/paths.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "base/embedded_files.h"
#include "base/file_io.h"
#include "base/log.h"
#include "rbx/reflection/database_impl.h"

namespace rbxpipe::rbx::reflection {

namespace {

constexpr std::array<std::pair<Migration, std::string_view>, 6> k_migration_names = {{
    {Migration::none, "none"},
    {Migration::brick_color_to_color, "brick_color_to_color"},
    {Migration::content_id_to_content, "content_id_to_content"},
    {Migration::font_to_font_face, "font_to_font_face"},
    {Migration::ignore_gui_inset_to_screen_insets, "ignore_gui_inset_to_screen_insets"},
    {Migration::corner_radius_to_corner_radii, "corner_radius_to_corner_radii"},
}};

// A superclass chain longer than this is a cycle in (imported) data; lookups stop instead of looping forever.
constexpr int k_max_depth = 64;

constexpr std::string_view k_shipped_prefix = "reflection/";

// Enums first (class defaults and the font table name enum items), then the core classes (other files' defaults
// may be for properties declared there), then the rest in name order.
int load_rank(const std::string& path) {
  if (path.find("/enums") != std::string::npos) return 0;
  if (path.find("/classes-core") != std::string::npos) return 1;
  return 2;
}

Database load_compiled() {
  Database database;
  std::vector<std::string> paths = base::embedded_files_under(k_shipped_prefix);
  std::stable_sort(paths.begin(), paths.end(),
                   [](const std::string& a, const std::string& b) { return load_rank(a) < load_rank(b); });
  for (const auto& path : paths) {
    if (!path.ends_with(".json")) continue;
    auto merged = database.merge_rbxpipe_json(*base::embedded_file(path));
    // The shipped data is part of the program: a broken file is a bug, caught by the unit tests.
    if (!merged) throw std::logic_error("shipped " + path + ": " + merged.error().to_string());
  }
  return database;
}

}  // namespace

std::string_view migration_name(Migration migration) {
  for (const auto& [value, name] : k_migration_names) {
    if (value == migration) return name;
  }
  return "none";
}

std::optional<Migration> migration_from_name(std::string_view name) {
  for (const auto& [value, item] : k_migration_names) {
    if (item == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> EnumDescriptor::item_name(std::uint32_t value) const {
  for (const auto& [item, item_value_] : items) {
    if (item_value_ == value) return item;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> EnumDescriptor::item_value(std::string_view item) const {
  auto it = items.find(item);
  if (it == items.end()) return std::nullopt;
  return it->second;
}

void Database::Impl::reindex() {
  property_cache.clear();
  other_names.clear();
  for (const auto& [class_name, descriptor] : classes) reindex_class(class_name);
}

void Database::Impl::reindex_class(const std::string& class_name) {
  property_cache.clear();
  auto& names = other_names[class_name];
  names.clear();
  auto it = classes.find(class_name);
  if (it == classes.end()) return;
  for (const auto& [name, property] : it->second.properties) {
    if (property.serialized_name != name) names.emplace(property.serialized_name, name);
    for (const auto& alias : property.aliases) names.emplace(alias, name);
  }
}

const Database& Database::shipped() {
  // C++11 guarantees this initialisation runs once even when several threads arrive together.
  static const Database database = [] {
    Database loaded = load_compiled();
    std::filesystem::path user_file = user_database_path();
    std::error_code ignored;
    if (!user_file.empty() && std::filesystem::is_regular_file(user_file, ignored)) {
      auto text = base::read_file(user_file);
      base::Result<void> merged = text ? loaded.merge_rbxpipe_json(*text) : base::Result<void>(text.error());
      // A damaged extension must not stop every command; the built-in data still works.
      if (!merged) {
        base::log_warn("ignoring the reflection extension file", {{"path", user_file.string()},
                                                                  {"error", merged.error().to_string()}});
      }
    }
    return loaded;
  }();
  return database;
}

Database::Database() : m_impl(std::make_unique<Impl>()) {}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

const ClassDescriptor* Database::find_class(std::string_view class_name) const {
  auto it = m_impl->classes.find(class_name);
  return it == m_impl->classes.end() ? nullptr : &it->second;
}

const PropertyDescriptor* Database::find_property(std::string_view class_name,
                                                  std::string_view property_name) const {
  std::string key;
  key.reserve(class_name.size() + property_name.size() + 1);
  key.append(class_name).append(1, '\0').append(property_name);
  auto& cache = m_impl->property_cache;
  {
    std::shared_lock lock(cache.mutex);
    if (auto it = cache.entries.find(key); it != cache.entries.end()) return it->second;
  }
  const PropertyDescriptor* found = find_property_uncached(class_name, property_name);
  std::unique_lock lock(cache.mutex);
  cache.entries.emplace(std::move(key), found);
  return found;
}

const PropertyDescriptor* Database::find_property_uncached(std::string_view class_name,
                                                           std::string_view property_name) const {
  const ClassDescriptor* descriptor = find_class(class_name);
  for (int depth = 0; descriptor != nullptr && depth < k_max_depth; ++depth) {
    if (auto it = descriptor->properties.find(property_name); it != descriptor->properties.end()) return &it->second;
    if (auto names = m_impl->other_names.find(descriptor->name); names != m_impl->other_names.end()) {
      if (auto it = names->second.find(property_name); it != names->second.end()) {
        return &descriptor->properties.find(it->second)->second;
      }
    }
    descriptor = descriptor->superclass.empty() ? nullptr : find_class(descriptor->superclass);
  }
  return nullptr;
}

const EnumDescriptor* Database::find_enum(std::string_view enum_name) const {
  auto it = m_impl->enums.find(enum_name);
  return it == m_impl->enums.end() ? nullptr : &it->second;
}

std::optional<types::Variant> Database::default_value(std::string_view class_name,
                                                      std::string_view property_name) const {
  // Defaults are keyed by canonical name; accept serialized names and aliases too, like find_property.
  const PropertyDescriptor* property = find_property(class_name, property_name);
  std::string_view key = property != nullptr ? std::string_view(property->name) : property_name;
  const ClassDescriptor* descriptor = find_class(class_name);
  for (int depth = 0; descriptor != nullptr && depth < k_max_depth; ++depth) {
    if (auto it = descriptor->defaults.find(key); it != descriptor->defaults.end()) return it->second;
    descriptor = descriptor->superclass.empty() ? nullptr : find_class(descriptor->superclass);
  }
  return std::nullopt;
}

bool Database::is_a(std::string_view class_name, std::string_view ancestor) const {
  if (class_name == ancestor) return true;
  const ClassDescriptor* descriptor = find_class(class_name);
  for (int depth = 0; descriptor != nullptr && depth < k_max_depth; ++depth) {
    if (descriptor->superclass == ancestor) return true;
    descriptor = descriptor->superclass.empty() ? nullptr : find_class(descriptor->superclass);
  }
  return false;
}

bool Database::is_service(std::string_view class_name) const {
  const ClassDescriptor* descriptor = find_class(class_name);
  return descriptor != nullptr && descriptor->is_service;
}

std::vector<std::string> Database::class_names() const {
  std::vector<std::string> names;
  names.reserve(m_impl->classes.size());
  for (const auto& [name, descriptor] : m_impl->classes) names.push_back(name);
  return names;
}

std::vector<std::string> Database::enum_names() const {
  std::vector<std::string> names;
  names.reserve(m_impl->enums.size());
  for (const auto& [name, descriptor] : m_impl->enums) names.push_back(name);
  return names;
}

std::size_t Database::class_count() const { return m_impl->classes.size(); }
std::size_t Database::enum_count() const { return m_impl->enums.size(); }

const BrickColorInfo* Database::find_brick_color(std::uint32_t number) const {
  auto it = m_impl->brick_colors.find(number);
  return it == m_impl->brick_colors.end() ? nullptr : &it->second;
}

std::optional<types::Font> Database::font_face_for(std::uint32_t font_enum_value) const {
  auto it = m_impl->font_faces.find(font_enum_value);
  if (it == m_impl->font_faces.end()) return std::nullopt;
  return it->second;
}

bool Database::operator==(const Database& other) const {
  return m_impl->classes == other.m_impl->classes && m_impl->enums == other.m_impl->enums &&
         m_impl->brick_colors == other.m_impl->brick_colors && m_impl->font_faces == other.m_impl->font_faces;
}

std::filesystem::path user_database_path() {
  auto home = base::rbxpipe_home();
  return home.empty() ? home : home / "reflection.json";
}

base::Result<std::size_t> import_reflection_file(const std::filesystem::path& dump, const std::filesystem::path& home) {
  auto context = "import reflection data '" + dump.string() + "'";
  auto text = base::read_file(dump);
  if (!text) return std::move(text).error().with_context(context);

  // Merge onto the full picture (built-in data plus earlier imports) so that an API dump, which knows nothing of
  // serialized names, overlays what rbxpipe knows instead of replacing it; then store only what differs from the
  // built-in data, so a newer rbxpipe's corrections are not masked by a stale copy.
  Database compiled = load_compiled();
  Database merged = load_compiled();
  std::filesystem::path target = home / "reflection.json";
  std::error_code ignored;
  if (std::filesystem::is_regular_file(target, ignored)) {
    auto existing = base::read_file(target);
    if (!existing) return std::move(existing).error().with_context(context);
    auto parsed = merged.merge_rbxpipe_json(*existing);
    if (!parsed) return std::move(parsed).error().with_context("read '" + target.string() + "'").with_context(context);
  }
  auto changed = merged.merge_external_json(*text);
  if (!changed) return std::move(changed).error().with_context(context);

  Database difference;
  auto& out = DatabaseAccess::impl(difference);
  const auto& base_impl = DatabaseAccess::impl(compiled);
  for (const auto& [name, descriptor] : DatabaseAccess::impl(merged).classes) {
    auto it = base_impl.classes.find(name);
    if (it == base_impl.classes.end() || !(it->second == descriptor)) out.classes.emplace(name, descriptor);
  }
  for (const auto& [name, descriptor] : DatabaseAccess::impl(merged).enums) {
    auto it = base_impl.enums.find(name);
    if (it == base_impl.enums.end() || !(it->second == descriptor)) out.enums.emplace(name, descriptor);
  }
  out.reindex();
  auto written = base::write_file_atomic(target, difference.to_rbxpipe_json());
  if (!written) return std::move(written).error().with_context(context);
  return *changed;
}

}  // namespace rbxpipe::rbx::reflection
