// Placeholder implementation: an empty database, until the reflection data lands.
#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {

struct Database::Impl {
  std::map<std::string, ClassDescriptor, std::less<>> classes;
  std::map<std::string, EnumDescriptor, std::less<>> enums;
};

std::optional<std::string> EnumDescriptor::item_name(std::uint32_t value) const {
  for (const auto& [item_name_, item_value] : items) {
    if (item_value == value) return item_name_;
  }
  return std::nullopt;
}

const Database& Database::shipped() {
  static const Database database;
  return database;
}

Database::Database() : m_impl(std::make_unique<Impl>()) {}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

base::Result<void> Database::merge_rbxpipe_json(std::string_view) { return {}; }
base::Result<std::size_t> Database::merge_external_json(std::string_view) { return std::size_t{0}; }
std::string Database::to_rbxpipe_json() const { return "{}"; }
const ClassDescriptor* Database::find_class(std::string_view) const { return nullptr; }
const PropertyDescriptor* Database::find_property(std::string_view, std::string_view) const { return nullptr; }
const EnumDescriptor* Database::find_enum(std::string_view) const { return nullptr; }
std::optional<types::Variant> Database::default_value(std::string_view, std::string_view) const { return std::nullopt; }
bool Database::is_a(std::string_view class_name, std::string_view ancestor) const { return class_name == ancestor; }
bool Database::is_service(std::string_view) const { return false; }
std::vector<std::string> Database::class_names() const { return {}; }
std::size_t Database::class_count() const { return 0; }
std::size_t Database::enum_count() const { return 0; }

}  // namespace rbxpipe::rbx::reflection
