// .json/.jsonc data files as Rojo 7.7 reads them (src/snapshot_middleware/json.rs: jsonc_parser to a
// serde_json::Value, then one Lua value). The surprising rules:
// - An empty or comment-only file is an error ("File contains no JSON value"), not nil.
// - Duplicate keys are allowed and the last one wins (serde_json's map); we warn about them.
// - Numbers are read by serde_json's own decimal reader (data_common.cpp), integers exactly; "-0" is -0.
// - Keys print in byte order (serde_json's BTreeMap), whatever the file's order.
#include <nlohmann/json.hpp>

#include <map>
#include <string_view>

#include "base/jsonc.h"
#include "rojo/data_common.h"
#include "rojo/data_files.h"

namespace rbxpipe::rojo {

namespace {

const std::string k_json_code = "ROJO0201";

// Walks the clean, already validated JSON that JsoncDocument produces, tracking the JSON Pointer of the value being
// read so the few errors left (numbers serde_json refuses) point into the original file.
class CleanJsonReader {
 public:
  CleanJsonReader(const base::JsoncDocument& document, std::vector<base::Diagnostic>& diagnostics)
      : m_document(document), m_text(document.json()), m_diagnostics(diagnostics) {}

  std::optional<LuaValue> read() {
    LuaValue value;
    if (!read_value(value, 0)) return std::nullopt;
    return value;
  }

 private:
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  std::string pointer() const {
    std::string result;
    for (const auto& token : m_path) result += '/' + token;
    return result;
  }

  bool fail(const std::string& message) {
    m_diagnostics.push_back(m_document.diagnose(base::Severity::error, k_json_code, message, pointer()));
    return false;
  }

  bool read_value(LuaValue& out, int depth) {
    char c = peek();
    if (c == '{') return read_object(out, depth + 1);
    if (c == '[') return read_array(out, depth + 1);
    if (c == '"') {
      std::string text;
      if (!read_string(text)) return false;
      out.data = std::move(text);
      return true;
    }
    if (c == 't' || c == 'f' || c == 'n') return read_literal(out);
    return read_number(out);
  }

  bool read_object(LuaValue& out, int depth) {
    if (depth > k_max_data_depth) return fail("nesting deeper than " + std::to_string(k_max_data_depth) + " levels");
    ++m_pos;
    LuaTable table;
    std::map<std::string, std::size_t, std::less<>> index;
    while (peek() != '}') {
      if (peek() == ',') ++m_pos;
      std::string key;
      if (!read_string(key)) return false;
      if (peek() != ':') return fail("malformed JSON");
      ++m_pos;
      m_path.push_back(base::json_pointer_escape(key));
      LuaValue value;
      if (!read_value(value, depth)) return false;
      m_path.pop_back();
      auto [found, inserted] = index.emplace(key, table.size());
      if (inserted) {
        table.emplace_back(std::move(key), std::move(value));
      } else {
        table[found->second].second = std::move(value);
      }
    }
    ++m_pos;
    out.data = std::move(table);
    return true;
  }

  bool read_array(LuaValue& out, int depth) {
    if (depth > k_max_data_depth) return fail("nesting deeper than " + std::to_string(k_max_data_depth) + " levels");
    ++m_pos;
    LuaArray array;
    while (peek() != ']') {
      if (peek() == ',') ++m_pos;
      m_path.push_back(std::to_string(array.size()));
      LuaValue value;
      if (!read_value(value, depth)) return false;
      m_path.pop_back();
      array.push_back(std::move(value));
    }
    ++m_pos;
    out.data = std::move(array);
    return true;
  }

  bool read_string(std::string& out) {
    if (peek() != '"') return fail("malformed JSON");
    std::size_t start = m_pos++;
    bool escaped = false;
    while (m_pos < m_text.size() && m_text[m_pos] != '"') {
      if (m_text[m_pos] == '\\') {
        escaped = true;
        ++m_pos;
      }
      ++m_pos;
    }
    if (m_pos >= m_text.size()) return fail("malformed JSON");
    ++m_pos;
    std::string_view token(m_text.data() + start, m_pos - start);
    if (!escaped) {
      out.assign(token.substr(1, token.size() - 2));
      return true;
    }
    // nlohmann decodes the escapes, surrogate pairs included.
    auto decoded = nlohmann::json::parse(token, nullptr, false);
    if (!decoded.is_string()) return fail("malformed JSON string");
    out = decoded.get<std::string>();
    return true;
  }

  bool read_literal(LuaValue& out) {
    std::string_view rest = std::string_view(m_text).substr(m_pos);
    if (rest.starts_with("true")) {
      out.data = true;
      m_pos += 4;
    } else if (rest.starts_with("false")) {
      out.data = false;
      m_pos += 5;
    } else if (rest.starts_with("null")) {
      out.data = std::monostate{};
      m_pos += 4;
    } else {
      return fail("malformed JSON");
    }
    return true;
  }

  bool read_number(LuaValue& out) {
    std::size_t start = m_pos;
    while (m_pos < m_text.size() && std::string_view("+-.eE0123456789").find(m_text[m_pos]) != std::string_view::npos) {
      ++m_pos;
    }
    std::string_view token(m_text.data() + start, m_pos - start);
    auto value = parse_serde_json_number(token);
    if (!value) return fail("number " + std::string(token) + " is out of range (Rojo's JSON reader refuses it)");
    out.data = *value;
    return true;
  }

  const base::JsoncDocument& m_document;
  const std::string& m_text;
  std::vector<base::Diagnostic>& m_diagnostics;
  std::size_t m_pos = 0;
  std::vector<std::string> m_path;
};

}  // namespace

std::optional<LuaValue> read_json_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics) {
  if (!require_utf8(source, k_json_code, diagnostics)) return std::nullopt;
  auto document = base::JsoncDocument::parse(source);
  for (auto diagnostic : document.diagnostics()) {
    if (diagnostic.code == "JSON0002") {
      // A duplicate key is legal for Rojo; only the last value reaches the module.
      diagnostic.severity = base::Severity::warning;
      if (diagnostic.help.empty()) diagnostic.help = "Rojo keeps the last value";
    } else {
      diagnostic.code = k_json_code;
    }
    diagnostics.push_back(std::move(diagnostic));
  }
  if (!document.ok()) return std::nullopt;
  return CleanJsonReader(document, diagnostics).read();
}

}  // namespace rbxpipe::rojo
