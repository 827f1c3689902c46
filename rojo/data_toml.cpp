// .toml data files as Rojo 7.7 reads them (src/snapshot_middleware/toml.rs: the `toml` crate's Value, then one Lua
// value). The surprising rules:
// - Integers become f64 with `as` (round to nearest), so 2^53 + 1 prints as 9007199254740992.
// - Dates and times become strings in the toml crate's own spelling, not the file's: 'T' between date and time
//   (a space or 't' is rewritten), 'Z' for UTC ('z' too), an explicit "+00:00" kept, fractional seconds cut to 9
//   digits with trailing zeros dropped (".500" prints ".5"); an offset under an hour west of UTC loses its sign.
// - Keys print in byte order (the crate's BTreeMap). An empty file is an empty table: `return {\n}`.
#include <toml++/toml.h>

#include <cstdio>

#include "rojo/data_common.h"
#include "rojo/data_files.h"

namespace rbxpipe::rojo {

namespace {

const std::string k_toml_code = "ROJO0202";

// toml++ counts columns in code points; diagnostics count bytes.
base::SourceLocation byte_location(const base::SourceText& source, const toml::source_position& position) {
  auto line = source.line(static_cast<int>(position.line));
  std::size_t byte = 0;
  for (toml::source_index column = 1; column < position.column && byte < line.size(); ++column) {
    auto lead = static_cast<unsigned char>(line[byte]);
    byte += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return {static_cast<int>(position.line), static_cast<int>(byte + 1)};
}

std::string two_digits(unsigned value) {
  std::string text = std::to_string(value);
  return text.size() < 2 ? "0" + text : text;
}

std::string format_date(const toml::date& date) {
  std::string year = std::to_string(date.year);
  return std::string(4 - std::min<std::size_t>(4, year.size()), '0') + year + "-" + two_digits(date.month) + "-" +
         two_digits(date.day);
}

std::string format_time(const toml::time& time) {
  std::string text = two_digits(time.hour) + ":" + two_digits(time.minute) + ":" + two_digits(time.second);
  if (time.nanosecond != 0) {
    std::string fraction = std::to_string(time.nanosecond);
    fraction = std::string(9 - std::min<std::size_t>(9, fraction.size()), '0') + fraction;
    fraction.erase(fraction.find_last_not_of('0') + 1);
    text += "." + fraction;
  }
  return text;
}

// Whether a date-time token written at `position` ends in 'Z'/'z': toml++ stores UTC and "+00:00" alike.
bool written_as_utc(const base::SourceText& source, const toml::source_position& position) {
  auto location = byte_location(source, position);
  auto line = source.line(location.line);
  std::size_t i = static_cast<std::size_t>(location.column - 1) + 11;  // "YYYY-MM-DD" and the separator
  while (i < line.size() && ((line[i] >= '0' && line[i] <= '9') || line[i] == ':' || line[i] == '.')) ++i;
  return i < line.size() && (line[i] == 'Z' || line[i] == 'z');
}

std::string format_date_time(const base::SourceText& source, const toml::node& node, const toml::date_time& value) {
  std::string text = format_date(value.date) + "T" + format_time(value.time);
  if (value.offset) {
    int minutes = value.offset->minutes;
    if (minutes == 0 && written_as_utc(source, node.source().begin)) return text + "Z";
    // The crate keeps the sign on the hours only, so "-00:30" loses it and prints "+00:30".
    int magnitude = minutes < 0 ? -minutes : minutes;
    char sign = minutes < 0 && magnitude >= 60 ? '-' : '+';
    text += sign + two_digits(static_cast<unsigned>(magnitude / 60)) + ":" +
            two_digits(static_cast<unsigned>(magnitude % 60));
  }
  return text;
}

class TomlConverter {
 public:
  TomlConverter(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics)
      : m_source(source), m_diagnostics(diagnostics) {}

  bool convert(const toml::node& node, LuaValue& out, int depth) {
    if (const auto* table = node.as_table()) {
      if (!enter(node, depth)) return false;
      LuaTable entries;
      for (const auto& [key, child] : *table) {
        LuaValue value;
        if (!convert(child, value, depth + 1)) return false;
        entries.emplace_back(std::string(key.str()), std::move(value));
      }
      out.data = std::move(entries);
    } else if (const auto* array = node.as_array()) {
      if (!enter(node, depth)) return false;
      LuaArray items;
      for (const auto& child : *array) {
        LuaValue value;
        if (!convert(child, value, depth + 1)) return false;
        items.push_back(std::move(value));
      }
      out.data = std::move(items);
    } else if (const auto* text = node.as_string()) {
      out.data = text->get();
    } else if (const auto* integer = node.as_integer()) {
      out.data = static_cast<double>(integer->get());
    } else if (const auto* floating = node.as_floating_point()) {
      out.data = floating->get();
    } else if (const auto* boolean = node.as_boolean()) {
      out.data = boolean->get();
    } else if (const auto* date = node.as_date()) {
      out.data = format_date(date->get());
    } else if (const auto* time = node.as_time()) {
      out.data = format_time(time->get());
    } else if (const auto* date_time = node.as_date_time()) {
      out.data = format_date_time(m_source, node, date_time->get());
    }
    return true;
  }

 private:
  bool enter(const toml::node& node, int depth) {
    if (depth < k_max_data_depth) return true;
    m_diagnostics.push_back(base::make_diagnostic(
        base::Severity::error, k_toml_code, "nesting deeper than " + std::to_string(k_max_data_depth) + " levels",
        m_source, byte_location(m_source, node.source().begin), 1));
    return false;
  }

  const base::SourceText& m_source;
  std::vector<base::Diagnostic>& m_diagnostics;
};

}  // namespace

std::optional<LuaValue> read_toml_data(const base::SourceText& source, std::vector<base::Diagnostic>& diagnostics) {
  if (!require_utf8(source, k_toml_code, diagnostics)) return std::nullopt;
  toml::table root;
  try {
    root = toml::parse(source.text(), source.path());
  } catch (const toml::parse_error& error) {
    diagnostics.push_back(base::make_diagnostic(base::Severity::error, k_toml_code, std::string(error.description()),
                                                source, byte_location(source, error.source().begin), 1));
    return std::nullopt;
  }
  LuaValue value;
  if (!TomlConverter(source, diagnostics).convert(root, value, 0)) return std::nullopt;
  return value;
}

}  // namespace rbxpipe::rojo
