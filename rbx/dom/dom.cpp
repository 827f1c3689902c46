#include "rbx/dom/dom.h"

#include "rbx/dom/dump.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace rbxpipe::rbx::dom {

Dom::Dom() {
  m_instances.push_back(Instance{1, "DataModel", "ROOT", k_null_instance, {}, {}});
  m_root = 1;
  m_live = 1;
}

InstanceId Dom::insert(InstanceId parent, std::string class_name, std::string name) {
  assert(contains(parent));
  auto id = static_cast<InstanceId>(m_instances.size() + 1);
  m_instances.push_back(Instance{id, std::move(class_name), std::move(name), parent, {}, {}});
  get(parent).children.push_back(id);
  ++m_live;
  return id;
}

Instance& Dom::get(InstanceId id) {
  assert(contains(id));
  return m_instances[id - 1];
}

const Instance& Dom::get(InstanceId id) const {
  assert(contains(id));
  return m_instances[id - 1];
}

const Instance* Dom::find(InstanceId id) const {
  if (id == k_null_instance || id > m_instances.size()) return nullptr;
  const Instance& instance = m_instances[id - 1];
  return instance.id == k_null_instance ? nullptr : &instance;
}

void Dom::set_property(InstanceId id, std::string name, Variant value) {
  get(id).properties.insert_or_assign(std::move(name), std::move(value));
}

base::Result<void> Dom::reparent(InstanceId id, InstanceId new_parent) {
  if (id == m_root) return base::Error(base::ErrorCode::invalid_input, "the root cannot be moved");
  if (!contains(id) || !contains(new_parent)) return base::Error(base::ErrorCode::not_found, "no such instance");
  for (InstanceId at = new_parent; at != k_null_instance; at = get(at).parent) {
    if (at == id) return base::Error(base::ErrorCode::invalid_input, "an instance cannot become its own descendant");
  }
  auto& siblings = get(get(id).parent).children;
  siblings.erase(std::find(siblings.begin(), siblings.end(), id));
  get(new_parent).children.push_back(id);
  get(id).parent = new_parent;
  return {};
}

void Dom::destroy(InstanceId id) {
  if (id == m_root || !contains(id)) return;
  auto& siblings = get(get(id).parent).children;
  siblings.erase(std::find(siblings.begin(), siblings.end(), id));
  for (InstanceId gone : descendants(id)) {
    m_instances[gone - 1] = Instance{};
    --m_live;
  }
}

std::vector<InstanceId> Dom::descendants(InstanceId id) const {
  std::vector<InstanceId> order;
  std::vector<InstanceId> stack{id};
  while (!stack.empty()) {
    InstanceId next = stack.back();
    stack.pop_back();
    order.push_back(next);
    const auto& children = get(next).children;
    for (auto child = children.rbegin(); child != children.rend(); ++child) stack.push_back(*child);
  }
  return order;
}

InstanceId Dom::find_child(InstanceId parent, std::string_view name) const {
  for (InstanceId child : get(parent).children) {
    if (get(child).name == name) return child;
  }
  return k_null_instance;
}

namespace {

// Maps each instance of a subtree to its pre-order position, so references can be compared across two trees.
std::unordered_map<InstanceId, std::size_t> positions(const Dom& dom, InstanceId root) {
  std::unordered_map<InstanceId, std::size_t> map;
  auto order = dom.descendants(root);
  for (std::size_t i = 0; i < order.size(); ++i) map.emplace(order[i], i);
  return map;
}

std::string path_of(const Dom& dom, InstanceId root, InstanceId id) {
  std::string path;
  for (InstanceId at = id; at != root && at != k_null_instance; at = dom.get(at).parent) {
    path = dom.get(at).name + (path.empty() ? "" : "." + path);
  }
  return path.empty() ? "<root>" : path;
}

// Splits a formatted value into number and non-number tokens, so two texts can be compared number by number.
std::vector<std::string> tokens(const std::string& text) {
  std::vector<std::string> list;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    bool numeric = std::isdigit(static_cast<unsigned char>(text[i])) != 0 || text[i] == '-' || text[i] == '.';
    while (i < text.size() && numeric == (std::isdigit(static_cast<unsigned char>(text[i])) != 0 || text[i] == '-' ||
                                          text[i] == '.' || (numeric && (text[i] == 'e' || text[i] == '+')))) {
      ++i;
    }
    if (i == start) ++i;
    list.push_back(text.substr(start, i - start));
  }
  return list;
}

bool nearly_equal_text(const std::string& x, const std::string& y, double tolerance) {
  auto a = tokens(x);
  auto b = tokens(y);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    char* end_a = nullptr;
    char* end_b = nullptr;
    double u = std::strtod(a[i].c_str(), &end_a);
    double v = std::strtod(b[i].c_str(), &end_b);
    if (*end_a != '\0' || *end_b != '\0') return false;
    if (std::fabs(u - v) > tolerance * std::max({1.0, std::fabs(u), std::fabs(v)})) return false;
  }
  return true;
}

bool same_value(const Variant& x, const Variant& y, const CompareOptions& options) {
  if (x == y) return true;
  std::string x_text = format_value(x);
  std::string y_text = format_value(y);
  // Text forms are exact for every float and make NaN equal to NaN, which value equality does not.
  if (x_text == y_text) return true;
  return options.relative_tolerance > 0 && types::type_of(x) == types::type_of(y) &&
         nearly_equal_text(x_text, y_text, options.relative_tolerance);
}

}  // namespace

std::string first_difference(const Dom& a, InstanceId a_root, const Dom& b, InstanceId b_root,
                             const CompareOptions& options) {
  auto a_order = a.descendants(a_root);
  auto b_order = b.descendants(b_root);
  auto a_positions = positions(a, a_root);
  auto b_positions = positions(b, b_root);
  auto position_in = [](const std::unordered_map<InstanceId, std::size_t>& map, InstanceId id) -> long long {
    auto found = map.find(id);
    return found == map.end() ? -1 : static_cast<long long>(found->second);
  };
  for (std::size_t i = 0; i < std::min(a_order.size(), b_order.size()); ++i) {
    const Instance& x = a.get(a_order[i]);
    const Instance& y = b.get(b_order[i]);
    // The path is only built once a difference is found: building it for every instance is quadratic on deep trees.
    auto where = [&] { return path_of(a, a_root, x.id); };
    if (x.class_name != y.class_name) return where() + ": class " + x.class_name + " vs " + y.class_name;
    if (x.name != y.name) return where() + ": name '" + x.name + "' vs '" + y.name + "'";
    if (x.children.size() != y.children.size()) {
      return where() + ": " + std::to_string(x.children.size()) + " children vs " + std::to_string(y.children.size());
    }
    for (const auto& [name, value] : x.properties) {
      auto other = y.properties.find(name);
      if (other == y.properties.end()) return where() + ": property " + name + " missing on the right";
      if (const auto* ref = std::get_if<types::Ref>(&value)) {
        const auto* other_ref = std::get_if<types::Ref>(&other->second);
        if (other_ref == nullptr || position_in(a_positions, ref->target) != position_in(b_positions, other_ref->target)) {
          return where() + ": property " + name + " refers to different instances";
        }
        continue;
      }
      if (!same_value(value, other->second, options)) {
        return where() + ": property " + name + " differs: " + format_value(value) + " vs " +
               format_value(other->second);
      }
    }
    for (const auto& [name, value] : y.properties) {
      if (!x.properties.contains(name)) return where() + ": property " + name + " missing on the left";
    }
  }
  if (a_order.size() != b_order.size()) return "instance counts differ";
  return {};
}

}  // namespace rbxpipe::rbx::dom
