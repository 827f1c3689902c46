// .yaml/.yml data files as Rojo 7.7 reads them (src/snapshot_middleware/yaml.rs: yaml-rust2's YamlLoader, then one
// Lua value). yaml-cpp parses; its events are typed the way yaml-rust2 types nodes. The surprising rules:
// - Exactly one document: an empty or comment-only file is an error, and so is a second `---` document.
// - Mapping keys keep document order (yaml-rust2's LinkedHashMap) and keep their type: `1: a` prints `[1] = "a"`,
//   `true: b` prints `[true] = "b"`; a null key is refused (Rojo panics on it); a duplicate key is an error.
// - Aliases are expanded into copies of the anchored value (guarded against exponential "billion laughs" input).
// - Scalar typing is yaml-rust2's, not YAML 1.2's (data_yaml_scalar.cpp): `Null`, `yes`, `on` are strings.
// - A tag on a quoted scalar is ignored (`!!int "5"` is the string "5"); yaml-cpp does not say whether a tagged
//   scalar was quoted, nor whether a null came from `Null`/`NULL` (strings for yaml-rust2), so both are read back
//   from the source text.
// - yaml-cpp ends a plain scalar at any '?' inside [...] or {...} ("[Why?]" is a syntax error for it), while
//   yaml-rust2 keeps the '?' as text. A '?' right after scalar text is never an indicator, so it is swapped for a
//   byte the file does not contain before parsing and swapped back in every scalar (offsets stay the same).
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "rojo/data_common.h"
#include "rojo/data_files.h"
#include "rojo/data_yaml_scalar.h"

namespace rbxpipe::rojo {

namespace {

const std::string k_yaml_code = "ROJO0203";
// Values aliases may add in total before the file is refused; far above any hand-written data file.
constexpr std::size_t k_max_alias_values = 1'000'000;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_yaml_core_tag = "tag:yaml.org,2002:";

// Thrown from inside the event handler to stop yaml-cpp once a diagnostic is recorded; never leaves this file.
struct YamlAbort {};

// A finished node: its value and, for scalars, its key identity (collections compute theirs when used as keys).
struct YamlNode {
  LuaValue value;
  std::string identity;
};

std::size_t count_values(const LuaValue& value) {
  std::size_t count = 1;
  if (const auto* array = std::get_if<LuaArray>(&value.data)) {
    for (const auto& item : *array) count += count_values(item);
  } else if (const auto* table = std::get_if<LuaKeyedTable>(&value.data)) {
    for (const auto& [key, item] : *table) count += count_values(key) + count_values(item);
  }
  return count;
}

// A control byte absent from `text`, to stand in for '?' while yaml-cpp parses; nullopt if the file has them all.
std::optional<char> pick_sentinel(std::string_view text) {
  for (char candidate = '\x01'; candidate < '\x20'; ++candidate) {
    if (candidate == '\t' || candidate == '\n' || candidate == '\r') continue;
    if (text.find(candidate) == std::string_view::npos) return candidate;
  }
  return std::nullopt;
}

// `text` with every '?' that directly follows scalar text replaced by `sentinel`.
std::string protect_question_marks(std::string_view text, char sentinel) {
  std::string result(text);
  for (std::size_t i = 1; i < result.size(); ++i) {
    if (result[i] == '?' && std::string_view(" \t\r\n[{,").find(text[i - 1]) == std::string_view::npos) {
      result[i] = sentinel;
    }
  }
  return result;
}

class YamlBuilder final : public YAML::EventHandler {
 public:
  YamlBuilder(const base::SourceText& source, std::optional<char> sentinel, std::vector<base::Diagnostic>& diagnostics)
      : m_source(source), m_text(source.text()), m_diagnostics(diagnostics),
        m_bom(source.text().starts_with(k_bom) ? k_bom.size() : 0), m_sentinel(sentinel) {}

  int documents() const { return m_documents; }
  LuaValue take_root() { return std::move(m_root); }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message) {
    m_diagnostics.push_back(base::make_diagnostic(base::Severity::error, k_yaml_code, std::move(message), m_source,
                                                  locate(mark), 1));
    throw YamlAbort{};
  }

  base::SourceLocation locate(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return {};
    return m_source.locate(offset_of(mark));
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++m_documents > 1) fail(mark, "Rojo does not support multiple documents in a YAML file");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // yaml-cpp reports `Null` and `NULL` as null; yaml-rust2 keeps them as strings.
    std::size_t at = content_offset(mark);
    for (std::string_view word : {"Null", "NULL"}) {
      if (std::string_view(m_text).substr(at).starts_with(word) && !is_next_key(at + word.size())) {
        add(YamlNode{LuaValue{std::string(word)}, "s" + std::string(word)}, mark, anchor);
        return;
      }
    }
    add(YamlNode{LuaValue{}, "n"}, mark, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) fail(mark, "alias refers to an anchor whose value is not complete yet");
    m_alias_values += count_values(found->second.value);
    if (m_alias_values > k_max_alias_values) {
      fail(mark, "aliases expand to more than " + std::to_string(k_max_alias_values) + " values");
    }
    add(found->second, mark, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& raw_value) override {
    std::string value = raw_value;
    if (m_sentinel) std::replace(value.begin(), value.end(), *m_sentinel, '?');
    YamlScalar scalar;
    if (tag == "?") {
      scalar = resolve_yaml_plain(value);
    } else if (tag.starts_with(k_yaml_core_tag) && !is_quoted(mark)) {
      scalar = resolve_yaml_tagged(std::string_view(tag).substr(k_yaml_core_tag.size()), value);
    } else {
      scalar = yaml_string(value);  // "!" marks a quoted or block scalar; other tags are kept as strings
    }
    if (!scalar.error.empty()) fail(mark, scalar.error);
    add(YamlNode{std::move(scalar.value), std::move(scalar.identity)}, mark, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    bool is_map = false;
    YAML::Mark mark;
    YAML::anchor_t anchor = 0;
    LuaArray items;
    LuaKeyedTable entries;
    std::optional<LuaValue> key;
    std::set<std::string> keys;
  };

  std::size_t offset_of(const YAML::Mark& mark) const {
    return std::min(static_cast<std::size_t>(std::max(mark.pos, 0)) + m_bom, m_text.size());
  }

  // The first byte of a node's content, past its `!tag` and `&anchor` properties.
  std::size_t content_offset(const YAML::Mark& mark) const {
    std::size_t at = offset_of(mark);
    while (at < m_text.size()) {
      char c = m_text[at];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++at;
      } else if (c == '!' || c == '&') {
        while (at < m_text.size() && m_text[at] != ' ' && m_text[at] != '\t' && m_text[at] != '\n') ++at;
      } else {
        break;
      }
    }
    return at;
  }

  bool is_quoted(const YAML::Mark& mark) const {
    std::size_t at = content_offset(mark);
    return at < m_text.size() && (m_text[at] == '"' || m_text[at] == '\'' || m_text[at] == '|' || m_text[at] == '>');
  }

  // After an empty mapping value, yaml-cpp's null points at the next key; a word followed by ':' there is that key.
  bool is_next_key(std::size_t after_word) const {
    if (m_stack.empty() || !m_stack.back().is_map || !m_stack.back().key) return false;
    while (after_word < m_text.size() && (m_text[after_word] == ' ' || m_text[after_word] == '\t')) ++after_word;
    return after_word < m_text.size() && m_text[after_word] == ':';
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    if (m_stack.size() >= static_cast<std::size_t>(k_max_data_depth)) {
      fail(mark, "nesting deeper than " + std::to_string(k_max_data_depth) + " levels");
    }
    Frame frame;
    frame.is_map = is_map;
    frame.mark = mark;
    frame.anchor = anchor;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    YamlNode node;
    if (frame.is_map) {
      node.value.data = std::move(frame.entries);
    } else {
      node.value.data = std::move(frame.items);
    }
    add(std::move(node), frame.mark, frame.anchor);
  }

  void add(YamlNode node, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != 0) m_anchors[anchor] = node;
    if (m_stack.empty()) {
      m_root = std::move(node.value);
      return;
    }
    Frame& parent = m_stack.back();
    if (!parent.is_map) {
      parent.items.push_back(std::move(node.value));
    } else if (!parent.key) {
      if (std::holds_alternative<std::monostate>(node.value.data)) {
        fail(mark, "a mapping key is null, which cannot be a Lua table key (Rojo stops on it)");
      }
      std::string identity = node.identity.empty() ? "c" + lua_expression(node.value) : node.identity;
      if (!parent.keys.insert(std::move(identity)).second) fail(mark, "duplicated key in mapping");
      parent.key = std::move(node.value);
    } else {
      parent.entries.emplace_back(std::move(*parent.key), std::move(node.value));
      parent.key.reset();
    }
  }

  const base::SourceText& m_source;
  const std::string& m_text;
  std::vector<base::Diagnostic>& m_diagnostics;
  std::size_t m_bom;
  std::optional<char> m_sentinel;
  int m_documents = 0;
  std::size_t m_alias_values = 0;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, YamlNode> m_anchors;
  LuaValue m_root;
};

}  // namespace

std::optional<LuaValue> read_yaml_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics) {
  if (!require_utf8(source, k_yaml_code, diagnostics)) return std::nullopt;
  auto sentinel = pick_sentinel(source.text());
  std::istringstream stream(sentinel ? protect_question_marks(source.text(), *sentinel) : source.text());
  YamlBuilder builder(source, sentinel, diagnostics);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YamlAbort&) {
    return std::nullopt;
  } catch (const YAML::DeepRecursion& error) {
    diagnostics.push_back(base::make_diagnostic(base::Severity::error, k_yaml_code,
                                                "nesting deeper than the YAML reader allows", source,
                                                builder.locate(error.mark), 1));
    return std::nullopt;
  } catch (const YAML::Exception& error) {
    diagnostics.push_back(base::make_diagnostic(base::Severity::error, k_yaml_code, error.msg, source,
                                                builder.locate(error.mark), 1));
    return std::nullopt;
  }
  if (builder.documents() == 0) {
    diagnostics.push_back(base::make_diagnostic(base::Severity::error, k_yaml_code,
                                                "file contains no YAML document (Rojo needs exactly one)", source, {},
                                                0));
    return std::nullopt;
  }
  return builder.take_root();
}

}  // namespace rbxpipe::rojo
