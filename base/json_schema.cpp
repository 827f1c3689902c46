#include "base/json_schema.h"

#include <array>
#include <map>

#include "base/json_schema_graph.h"

namespace rbxpipe::base {

namespace {

using detail::Json;
using detail::SchemaGraph;
using detail::SchemaNode;
using detail::SchemaPattern;

// Validation keywords outside the supported subset. Ignoring one would silently accept what the author meant to
// forbid, so a schema using one is refused instead of being treated like an annotation.
constexpr std::array<std::string_view, 18> k_unsupported_keywords = {
    "allOf", "not", "if", "then", "else", "prefixItems", "contains", "minContains", "maxContains", "multipleOf",
    "dependentRequired", "dependentSchemas", "dependencies", "unevaluatedProperties", "unevaluatedItems",
    "$dynamicRef", "$recursiveRef", "additionalItems"};

Error schema_error(const std::string& where, const std::string& message) {
  return Error(ErrorCode::invalid_input, "invalid schema at " + where + ": " + message);
}

std::optional<unsigned> type_bit(std::string_view name) {
  if (name == "null") return detail::k_type_null;
  if (name == "boolean") return detail::k_type_boolean;
  if (name == "object") return detail::k_type_object;
  if (name == "array") return detail::k_type_array;
  if (name == "number") return detail::k_type_number;
  if (name == "string") return detail::k_type_string;
  if (name == "integer") return detail::k_type_integer;
  return std::nullopt;
}

// Undoes RFC 6901 escaping in a $ref's last token ("a~1b" names the def "a/b").
std::string unescape_token(std::string_view token) {
  std::string name;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      name += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      name += token[i];
    }
  }
  return name;
}

// Turns schema JSON into a SchemaGraph. Defs get their node slots before anything is compiled, so a $ref can name
// a def that appears later in the file, or the def it sits in.
class SchemaCompiler {
 public:
  Result<SchemaGraph> compile(const Json& document) {
    if (!document.is_object() && !document.is_boolean()) {
      return schema_error("#", "a schema must be an object or a boolean");
    }
    for (std::string_view section : {"$defs", "definitions"}) {
      if (!document.is_object() || !document.contains(section)) continue;
      const Json& defs = document.at(std::string(section));
      if (!defs.is_object()) return schema_error("#/" + std::string(section), "must be an object");
      for (const auto& [name, def] : defs.items()) {
        m_defs.emplace(std::string(section) + "/" + name, m_graph.nodes.size());
        m_graph.nodes.emplace_back();
      }
    }
    for (std::string_view section : {"$defs", "definitions"}) {
      if (!document.is_object() || !document.contains(section)) continue;
      for (const auto& [name, def] : document.at(std::string(section)).items()) {
        std::size_t slot = m_defs.at(std::string(section) + "/" + name);
        auto node = compile_node(def, "#/" + std::string(section) + "/" + name);
        if (!node) return std::move(node).error();
        m_graph.nodes[slot] = std::move(node).value();
      }
    }
    auto root = add(document, "#");
    if (!root) return std::move(root).error();
    m_graph.root = *root;
    RBXPIPE_TRY(check_cycles());
    return std::move(m_graph);
  }

 private:
  Result<std::size_t> add(const Json& schema, const std::string& where) {
    auto node = compile_node(schema, where);
    if (!node) return std::move(node).error();
    m_graph.nodes.push_back(std::move(node).value());
    return m_graph.nodes.size() - 1;
  }

  Result<SchemaNode> compile_node(const Json& schema, const std::string& where) {
    SchemaNode node;
    node.where = where;
    if (schema.is_boolean()) {
      node.reject_all = !schema.get<bool>();
      return node;
    }
    if (!schema.is_object()) return schema_error(where, "a schema must be an object or a boolean");
    for (const auto& [keyword, value] : schema.items()) {
      RBXPIPE_TRY(compile_keyword(node, keyword, value, where));
    }
    return node;
  }

  Result<void> compile_keyword(SchemaNode& node, const std::string& keyword, const Json& value,
                               const std::string& where) {
    const std::string at = where + "/" + keyword;
    if (keyword == "type") return compile_type(node, value, at);
    if (keyword == "properties" || keyword == "patternProperties") {
      if (!value.is_object()) return schema_error(at, "must be an object");
      for (const auto& [name, sub] : value.items()) {
        auto index = add(sub, at + "/" + name);
        if (!index) return std::move(index).error();
        if (keyword == "properties") {
          node.properties.emplace_back(name, *index);
        } else {
          auto pattern = compile_pattern(name, at);
          if (!pattern) return std::move(pattern).error();
          node.pattern_properties.emplace_back(std::move(pattern).value(), *index);
        }
      }
      return ok();
    }
    if (keyword == "required") {
      if (!value.is_array()) return schema_error(at, "must be an array of strings");
      for (const auto& name : value) {
        if (!name.is_string()) return schema_error(at, "must be an array of strings");
        node.required.push_back(name.get<std::string>());
      }
      return ok();
    }
    if (keyword == "additionalProperties" && value.is_boolean()) {
      node.additional_forbidden = !value.get<bool>();
      return ok();
    }
    if (keyword == "additionalProperties") return compile_sub(node.additional, value, at);
    if (keyword == "propertyNames") return compile_sub(node.property_names, value, at);
    if (keyword == "items") {
      if (value.is_array()) return schema_error(at, "tuple 'items' (an array) is not supported");
      return compile_sub(node.items, value, at);
    }
    if (keyword == "enum") {
      if (!value.is_array() || value.empty()) return schema_error(at, "must be a non-empty array");
      node.enum_values = value;
      return ok();
    }
    if (keyword == "const") {
      node.const_value = value;
      return ok();
    }
    if (keyword == "pattern") {
      if (!value.is_string()) return schema_error(at, "must be a string");
      auto pattern = compile_pattern(value.get<std::string>(), at);
      if (!pattern) return std::move(pattern).error();
      node.pattern = std::move(pattern).value();
      return ok();
    }
    if (keyword == "minimum") return compile_limit(node.minimum, value, at);
    if (keyword == "maximum") return compile_limit(node.maximum, value, at);
    if (keyword == "exclusiveMinimum") return compile_limit(node.exclusive_minimum, value, at);
    if (keyword == "exclusiveMaximum") return compile_limit(node.exclusive_maximum, value, at);
    if (keyword == "minLength") return compile_count(node.min_length, value, at);
    if (keyword == "maxLength") return compile_count(node.max_length, value, at);
    if (keyword == "minItems") return compile_count(node.min_items, value, at);
    if (keyword == "maxItems") return compile_count(node.max_items, value, at);
    if (keyword == "minProperties") return compile_count(node.min_properties, value, at);
    if (keyword == "maxProperties") return compile_count(node.max_properties, value, at);
    if (keyword == "uniqueItems") {
      if (!value.is_boolean()) return schema_error(at, "must be a boolean");
      node.unique_items = value.get<bool>();
      return ok();
    }
    if (keyword == "anyOf" || keyword == "oneOf") {
      if (!value.is_array() || value.empty()) return schema_error(at, "must be a non-empty array of schemas");
      auto& branches = keyword == "anyOf" ? node.any_of : node.one_of;
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto index = add(value[i], at + "/" + std::to_string(i));
        if (!index) return std::move(index).error();
        branches.push_back(*index);
      }
      return ok();
    }
    if (keyword == "$ref") return compile_ref(node, value, at);
    if (keyword == "errorMessage") {
      if (!value.is_string()) return schema_error(at, "must be a string");
      node.error_message = value.get<std::string>();
      return ok();
    }
    for (auto unsupported : k_unsupported_keywords) {
      if (keyword == unsupported) return schema_error(where, "keyword '" + keyword + "' is not supported");
    }
    return ok();  // an annotation (title, description, default, $schema, nested $defs...): no effect on validation
  }

  Result<void> compile_type(SchemaNode& node, const Json& value, const std::string& at) {
    std::vector<Json> names = value.is_array() ? std::vector<Json>(value.begin(), value.end())
                                               : std::vector<Json>{value};
    if (names.empty()) return schema_error(at, "must name at least one type");
    for (const auto& name : names) {
      auto bit = name.is_string() ? type_bit(name.get<std::string>()) : std::nullopt;
      if (!bit) return schema_error(at, "unknown type " + name.dump());
      node.types |= *bit;
    }
    return ok();
  }

  Result<void> compile_sub(std::optional<std::size_t>& slot, const Json& value, const std::string& at) {
    auto index = add(value, at);
    if (!index) return std::move(index).error();
    slot = *index;
    return ok();
  }

  static Result<void> compile_limit(std::optional<Json>& slot, const Json& value, const std::string& at) {
    if (!value.is_number()) return schema_error(at, "must be a number");
    slot = value;
    return ok();
  }

  static Result<void> compile_count(std::optional<std::size_t>& slot, const Json& value, const std::string& at) {
    if (!value.is_number_unsigned()) return schema_error(at, "must be a non-negative integer");
    slot = value.get<std::size_t>();
    return ok();
  }

  static Result<SchemaPattern> compile_pattern(const std::string& source, const std::string& at) {
    try {
      return SchemaPattern{source, std::regex(source, std::regex::ECMAScript)};
    } catch (const std::regex_error& error) {
      return schema_error(at, "invalid regular expression '" + source + "': " + error.what());
    }
  }

  Result<void> compile_ref(SchemaNode& node, const Json& value, const std::string& at) {
    if (!value.is_string()) return schema_error(at, "must be a string");
    const auto ref = value.get<std::string>();
    for (std::string_view section : {"$defs", "definitions"}) {
      std::string prefix = "#/" + std::string(section) + "/";
      if (!ref.starts_with(prefix) || ref.find('/', prefix.size()) != std::string::npos) continue;
      auto found = m_defs.find(std::string(section) + "/" + unescape_token(ref.substr(prefix.size())));
      if (found == m_defs.end()) return schema_error(at, "'" + ref + "' names no definition");
      node.ref = found->second;
      return ok();
    }
    return schema_error(at, "unsupported $ref '" + ref + "' (only \"#/$defs/<name>\" is supported)");
  }

  // A loop of $ref/anyOf/oneOf that never steps into a child value would recurse forever while validating.
  Result<void> check_cycles() {
    enum class Mark { unvisited, active, done };
    std::vector<Mark> marks(m_graph.nodes.size(), Mark::unvisited);
    // Iterative depth-first search: the schema itself may be deep, and a recursive walk could overflow.
    for (std::size_t start = 0; start < m_graph.nodes.size(); ++start) {
      if (marks[start] != Mark::unvisited) continue;
      std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};
      marks[start] = Mark::active;
      while (!stack.empty()) {
        auto& [index, next] = stack.back();
        auto edges = in_place_edges(m_graph.nodes[index]);
        if (next == edges.size()) {
          marks[index] = Mark::done;
          stack.pop_back();
          continue;
        }
        std::size_t target = edges[next++];
        if (marks[target] == Mark::active) {
          return schema_error(m_graph.nodes[target].where, "$ref loops back to itself without a nested value");
        }
        if (marks[target] == Mark::unvisited) {
          marks[target] = Mark::active;
          stack.emplace_back(target, 0);
        }
      }
    }
    return ok();
  }

  static std::vector<std::size_t> in_place_edges(const SchemaNode& node) {
    std::vector<std::size_t> edges(node.any_of.begin(), node.any_of.end());
    edges.insert(edges.end(), node.one_of.begin(), node.one_of.end());
    if (node.ref) edges.push_back(*node.ref);
    return edges;
  }

  SchemaGraph m_graph;
  std::map<std::string, std::size_t> m_defs;
};

}  // namespace

struct JsonSchema::Impl {
  SchemaGraph graph;
};

JsonSchema::JsonSchema() : m_impl(std::make_unique<Impl>()) {}
JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

Result<JsonSchema> JsonSchema::parse(std::string_view schema_json) {
  Json document = Json::parse(schema_json, nullptr, false);
  if (document.is_discarded()) return Error(ErrorCode::invalid_input, "the schema is not valid JSON");
  auto graph = SchemaCompiler().compile(document);
  if (!graph) return std::move(graph).error();
  JsonSchema schema;
  schema.m_impl->graph = std::move(graph).value();
  return schema;
}

std::vector<SchemaViolation> JsonSchema::validate(std::string_view json_text) const {
  Json value = Json::parse(json_text, nullptr, false);
  if (value.is_discarded()) {
    return {SchemaViolation{SchemaViolationKind::wrong_type, "", "the file is not valid JSON"}};
  }
  return detail::check_value(m_impl->graph, value);
}

}  // namespace rbxpipe::base
