#include <algorithm>

#include "base/json_schema_graph.h"
#include "base/jsonc.h"

namespace rbxpipe::base::detail {

namespace {

// Only a recursive schema can descend this far; the limit keeps hostile input from exhausting the stack.
constexpr int k_max_depth = 512;
// libstdc++'s regex matcher recurses at least once per character; past this length it could exhaust a worker
// thread's stack, so longer strings are refused instead of matched.
constexpr std::size_t k_max_pattern_subject = 4096;
// A summary names this many of an object's keys before trailing off.
constexpr std::size_t k_max_listed_keys = 4;

// Where a value sits: its pointer, how messages name it, and its position in the document for sorting.
struct Place {
  std::string pointer;
  std::string name;               // bare name ("place", "steps[0]"); empty for the root
  bool is_key = false;            // the value is an object key being checked by propertyNames
  std::vector<std::size_t> order; // member/item index at each level, which sorts violations into document order
  int depth = 0;

  std::string subject() const {
    if (is_key) return "key '" + name + "'";
    return pointer.empty() ? "the file" : "'" + name + "'";
  }

  Place member(const std::string& key, std::size_t index) const {
    Place child{pointer + "/" + json_pointer_escape(key), key, false, order, depth + 1};
    child.order.push_back(index);
    return child;
  }

  Place item(std::size_t index) const {
    Place child{pointer + "/" + std::to_string(index), name + "[" + std::to_string(index) + "]", false, order,
                depth + 1};
    child.order.push_back(index);
    return child;
  }
};

struct Finding {
  SchemaViolation violation;
  std::vector<std::size_t> order;
};

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

std::string quoted_names(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& name : names) quoted.push_back("'" + name + "'");
  return join_alternatives(quoted, " and ");
}

bool pattern_matches(const SchemaPattern& pattern, const std::string& text) {
  if (text.size() > k_max_pattern_subject) return false;
  try {
    return std::regex_search(text, pattern.regex);
  } catch (const std::regex_error&) {
    return false;  // the matcher gave up (complexity); the value cannot be shown to match
  }
}

class Checker {
 public:
  explicit Checker(const SchemaGraph& graph) : m_graph(graph) {}

  void check(std::size_t index, const Json& value, const Place& place, std::vector<Finding>& out) const {
    const SchemaNode& node = m_graph.nodes[index];
    if (place.depth > k_max_depth) {
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + " is nested too deeply to check");
      return;
    }
    if (node.reject_all) {
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + " is not allowed here");
      return;
    }
    // A value of the wrong type is reported once; its contents would only produce noise.
    if (node.types != 0 && (node.types & type_bits_of(value)) == 0) {
      add(out, place, SchemaViolationKind::wrong_type,
          place.subject() + " must be " + type_words(node.types) + ", got " + type_word(value));
      return;
    }
    if (node.ref) check(*node.ref, value, place, out);
    check_constants(node, value, place, out);
    if (value.is_string()) check_string(node, value, place, out);
    if (value.is_number()) check_number(node, value, place, out);
    if (value.is_array()) check_array(node, value, place, out);
    if (value.is_object()) check_object(node, value, place, out);
    if (!node.any_of.empty()) check_branches(node, node.any_of, false, value, place, out);
    if (!node.one_of.empty()) check_branches(node, node.one_of, true, value, place, out);
  }

 private:
  static void add(std::vector<Finding>& out, const Place& place, SchemaViolationKind kind, std::string message) {
    out.push_back(Finding{SchemaViolation{kind, place.pointer, std::move(message), place.is_key}, place.order});
  }

  // Keys are named by the subject already, so repeating them after "got" would say the same thing twice.
  static std::string got(const Json& value, const Place& place) {
    return place.is_key ? "" : ", got " + render_value(value);
  }

  static void check_constants(const SchemaNode& node, const Json& value, const Place& place,
                              std::vector<Finding>& out) {
    if (node.const_value && value != *node.const_value) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " must be " + render_value(*node.const_value) + got(value, place));
    }
    if (node.enum_values && std::find(node.enum_values->begin(), node.enum_values->end(), value) ==
                                node.enum_values->end()) {
      std::string allowed;
      for (const auto& option : *node.enum_values) allowed += (allowed.empty() ? "" : ", ") + render_value(option);
      std::string must = node.enum_values->size() == 1 ? " must be " : " must be one of ";
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + must + allowed + got(value, place));
    }
  }

  static void check_string(const SchemaNode& node, const Json& value, const Place& place, std::vector<Finding>& out) {
    const auto& text = value.get_ref<const std::string&>();
    if (node.pattern && text.size() > k_max_pattern_subject) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " is too long to check against its pattern (over " +
              std::to_string(k_max_pattern_subject) + " bytes)");
    } else if (node.pattern && !pattern_matches(*node.pattern, text)) {
      std::string rule = node.error_message ? *node.error_message : "must match " + node.pattern->source;
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + " " + rule + got(value, place));
    }
    std::size_t length = code_point_count(text);
    if (node.min_length && length < *node.min_length) {
      std::string rule = *node.min_length == 1 ? " must not be empty"
                                               : " must be at least " + plural(*node.min_length, "character") +
                                                     " long" + got(value, place);
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + rule);
    }
    if (node.max_length && length > *node.max_length) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " must be at most " + plural(*node.max_length, "character") + " long, got " +
              std::to_string(length));
    }
  }

  static void check_number(const SchemaNode& node, const Json& value, const Place& place, std::vector<Finding>& out) {
    auto limit = [&](const std::optional<Json>& bound, auto fails, std::string_view rule) {
      if (bound && fails(compare_numbers(value, *bound))) {
        add(out, place, SchemaViolationKind::invalid_value,
            place.subject() + " must be " + std::string(rule) + " " + bound->dump() + got(value, place));
      }
    };
    limit(node.minimum, [](int order) { return order < 0; }, "at least");
    limit(node.maximum, [](int order) { return order > 0; }, "at most");
    limit(node.exclusive_minimum, [](int order) { return order <= 0; }, "greater than");
    limit(node.exclusive_maximum, [](int order) { return order >= 0; }, "less than");
  }

  void check_array(const SchemaNode& node, const Json& value, const Place& place, std::vector<Finding>& out) const {
    if (node.min_items && value.size() < *node.min_items) {
      std::string rule = *node.min_items == 1 ? " must not be empty"
                                              : " must have at least " + plural(*node.min_items, "item") +
                                                    ", got " + std::to_string(value.size());
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + rule);
    }
    if (node.max_items && value.size() > *node.max_items) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " must have at most " + plural(*node.max_items, "item") + ", got " +
              std::to_string(value.size()));
    }
    if (node.unique_items) {
      // Each repeated value is reported once, at its first repeat, so the caret points at the extra copy.
      std::vector<const Json*> reported;
      for (std::size_t i = 1; i < value.size(); ++i) {
        bool repeat = std::any_of(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(i),
                                  [&](const Json& earlier) { return earlier == value[i]; });
        bool known = std::any_of(reported.begin(), reported.end(), [&](const Json* r) { return *r == value[i]; });
        if (!repeat || known) continue;
        reported.push_back(&value[i]);
        add(out, place.item(i), SchemaViolationKind::invalid_value,
            place.subject() + " must not contain duplicates, got " + render_value(value[i]) + " more than once");
      }
    }
    if (node.items) {
      for (std::size_t i = 0; i < value.size(); ++i) check(*node.items, value[i], place.item(i), out);
    }
  }

  void check_object(const SchemaNode& node, const Json& value, const Place& place, std::vector<Finding>& out) const {
    for (const auto& name : node.required) {
      if (!value.contains(name)) {
        add(out, place, SchemaViolationKind::missing_property, "missing required key '" + name + "'");
      }
    }
    if (node.min_properties && value.size() < *node.min_properties) {
      std::string rule = *node.min_properties == 1 ? " must not be empty"
                                                   : " must have at least " + plural(*node.min_properties, "key") +
                                                         ", got " + std::to_string(value.size());
      add(out, place, SchemaViolationKind::invalid_value, place.subject() + rule);
    }
    if (node.max_properties && value.size() > *node.max_properties) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " must have at most " + plural(*node.max_properties, "key") + ", got " +
              std::to_string(value.size()));
    }
    std::size_t position = 0;
    for (const auto& [key, member] : value.items()) {
      Place child = place.member(key, position++);
      check_member(node, value, key, member, child, out);
    }
  }

  void check_member(const SchemaNode& node, const Json& object, const std::string& key, const Json& member,
                    const Place& child, std::vector<Finding>& out) const {
    if (node.property_names) {
      Place key_place = child;
      key_place.is_key = true;
      check(*node.property_names, Json(key), key_place, out);
    }
    bool declared = false;
    for (const auto& [name, index] : node.properties) {
      if (name == key) {
        check(index, member, child, out);
        declared = true;
      }
    }
    for (const auto& [pattern, index] : node.pattern_properties) {
      if (pattern_matches(pattern, key)) {
        check(index, member, child, out);
        declared = true;
      }
    }
    if (declared) return;
    if (node.additional) check(*node.additional, member, child, out);
    if (!node.additional_forbidden) return;
    // Suggest only names the object lacks: pointing 'nmae' at a 'name' that is already there would mislead.
    std::vector<std::string_view> candidates;
    for (const auto& [name, index] : node.properties) {
      if (!object.contains(name)) candidates.push_back(name);
    }
    std::string suggestion = closest_name(key, candidates);
    add(out, child, SchemaViolationKind::unknown_property,
        "unknown key '" + key + "'" + (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
  }

  // anyOf/oneOf: when the value's shape picks out one branch, that branch's own findings are the useful ones;
  // otherwise a single summary of the allowed forms reads better than every branch's complaints.
  void check_branches(const SchemaNode& node, const std::vector<std::size_t>& branches, bool exactly_one,
                      const Json& value, const Place& place, std::vector<Finding>& out) const {
    std::vector<std::vector<Finding>> results(branches.size());
    std::size_t passing = 0;
    for (std::size_t i = 0; i < branches.size(); ++i) {
      check(branches[i], value, place, results[i]);
      if (results[i].empty()) ++passing;
    }
    if (passing == 1 || (passing > 1 && !exactly_one)) return;
    std::vector<std::string> expected;
    for (auto branch : branches) describe(branch, expected);
    std::string allowed = join_alternatives(expected, " or ");
    if (passing > 1) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " must be exactly one of " + allowed + ", but it matches " + std::to_string(passing));
      return;
    }
    std::vector<std::size_t> shaped;
    bool any_type_matches = false;
    for (std::size_t i = 0; i < branches.size(); ++i) {
      unsigned types = effective_types(branches[i]);
      bool type_matches = types == 0 || (types & type_bits_of(value)) != 0;
      any_type_matches = any_type_matches || type_matches;
      if (type_matches && has_required_keys(branches[i], value)) shaped.push_back(i);
    }
    if (shaped.size() == 1) {
      out.insert(out.end(), results[shaped[0]].begin(), results[shaped[0]].end());
    } else if (node.error_message) {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " " + *node.error_message + got(value, place));
    } else if (!any_type_matches) {
      add(out, place, SchemaViolationKind::wrong_type,
          place.subject() + " must be " + allowed + ", got " + type_word(value));
    } else {
      add(out, place, SchemaViolationKind::invalid_value,
          place.subject() + " must be " + allowed + ", got " + describe_value(value));
    }
  }

  unsigned effective_types(std::size_t index) const {
    const SchemaNode& node = m_graph.nodes[index];
    if (node.types != 0) return node.types;
    if (node.const_value) return type_bits_of(*node.const_value);
    if (node.enum_values) {
      unsigned types = 0;
      for (const auto& option : *node.enum_values) types |= type_bits_of(option);
      return types;
    }
    if (node.ref) return effective_types(*node.ref);
    unsigned types = 0;
    for (const auto* branches : {&node.any_of, &node.one_of}) {
      for (auto branch : *branches) {
        unsigned branch_types = effective_types(branch);
        if (branch_types == 0) return 0;
        types |= branch_types;
      }
    }
    return types;
  }

  std::vector<std::string> effective_required(std::size_t index) const {
    const SchemaNode& node = m_graph.nodes[index];
    std::vector<std::string> required = node.required;
    if (node.ref) {
      auto inherited = effective_required(*node.ref);
      required.insert(required.end(), inherited.begin(), inherited.end());
    }
    return required;
  }

  bool has_required_keys(std::size_t index, const Json& value) const {
    if (!value.is_object()) return true;
    auto required = effective_required(index);
    return std::all_of(required.begin(), required.end(), [&](const std::string& name) { return value.contains(name); });
  }

  // Appends the forms a branch accepts, in words: "\"fail\"", "an object with 'env'", "a string".
  void describe(std::size_t index, std::vector<std::string>& expected) const {
    const SchemaNode& node = m_graph.nodes[index];
    auto push = [&](std::string form) {
      if (std::find(expected.begin(), expected.end(), form) == expected.end()) expected.push_back(std::move(form));
    };
    if (node.const_value) return push(render_value(*node.const_value));
    if (node.enum_values) {
      for (const auto& option : *node.enum_values) push(render_value(option));
      return;
    }
    if (node.types == 0 && node.ref) return describe(*node.ref, expected);
    if (node.types == 0 && (!node.any_of.empty() || !node.one_of.empty())) {
      for (auto branch : node.any_of) describe(branch, expected);
      for (auto branch : node.one_of) describe(branch, expected);
      return;
    }
    unsigned types = effective_types(index);
    auto required = effective_required(index);
    if (types == 0) return push("any value");
    for (unsigned bit = 1; bit <= k_type_integer; bit <<= 1) {
      if ((types & bit) == 0 || (bit == k_type_integer && (types & k_type_number) != 0)) continue;
      std::string form = type_words(bit);
      if (bit == k_type_object && !required.empty()) form += " with " + quoted_names(required);
      push(std::move(form));
    }
  }

  static std::string describe_value(const Json& value) {
    if (!value.is_object() || value.empty()) return value.is_object() ? "an empty object" : render_value(value);
    std::vector<std::string> keys;
    for (const auto& [key, member] : value.items()) {
      if (keys.size() == k_max_listed_keys) break;
      keys.push_back("'" + key + "'");
    }
    if (value.size() > keys.size()) keys.push_back(std::to_string(value.size() - keys.size()) + " more");
    return "an object with " + join_alternatives(keys, " and ");
  }

  const SchemaGraph& m_graph;
};

}  // namespace

std::vector<SchemaViolation> check_value(const SchemaGraph& graph, const Json& value) {
  std::vector<Finding> findings;
  Checker(graph).check(graph.root, value, Place{}, findings);
  // Checks run keyword by keyword; sorting by document position gives the promised document order.
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.order < b.order; });
  // A $ref and its sibling keywords can find the same fault twice; equal findings share a position, so only the
  // run of findings at the same position needs searching.
  std::vector<SchemaViolation> violations;
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (i > 0 && findings[i].order != findings[i - 1].order) run_start = violations.size();
    const SchemaViolation& next = findings[i].violation;
    bool repeated = std::any_of(violations.begin() + static_cast<std::ptrdiff_t>(run_start), violations.end(),
                                [&](const SchemaViolation& seen) {
                                  return seen.kind == next.kind && seen.pointer == next.pointer &&
                                         seen.message == next.message;
                                });
    if (!repeated) violations.push_back(next);
  }
  return violations;
}

}  // namespace rbxpipe::base::detail
