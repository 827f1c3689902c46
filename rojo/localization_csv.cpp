// .csv files become a LocalizationTable's Contents as Rojo 7.7 writes it (src/snapshot_middleware/csv.rs: the csv
// crate's default Reader, then serde_json). The surprising rules:
// - The csv crate never fails on quoting: a stray quote inside a field is kept, text after a closing quote is
//   appended (`"ab"cd` is abcd) and an unterminated quote runs to the end of the file. What fails is a record whose
//   field count differs from the header row's, and text that is not UTF-8.
// - CR, LF and CRLF all end a record; empty lines are skipped (a line of spaces is not empty); a UTF-8 BOM at the
//   very start is dropped.
// - Headers are matched exactly: Key, Source, Context, Example; any other non-empty header is a locale. Empty
//   cells are skipped, rows with neither Key nor Source are dropped, a repeated column overwrites the earlier one.
// - The JSON is compact with members in the order key, context, example, source, values ("values":{} is always
//   there, keys sorted by bytes). Strings escape only '"', '\' and control characters (\b \t \n \f \r short,
//   others \u00XX in lowercase hex); '/' and non-ASCII stay raw.
#include <map>
#include <string_view>

#include "rojo/data_common.h"
#include "rojo/data_files.h"

namespace rbxpipe::rojo {

namespace {

const std::string k_csv_code = "ROJO0204";
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

struct CsvRecord {
  std::size_t offset = 0;  ///< where the record starts, for diagnostics
  std::vector<std::string> fields;
};

bool is_terminator(char c) { return c == '\r' || c == '\n'; }

// The csv crate's default state machine (delimiter ',', quote '"', doubled quotes, CR/LF/CRLF terminators).
std::vector<CsvRecord> read_records(std::string_view text) {
  std::vector<CsvRecord> records;
  std::size_t pos = text.starts_with(k_bom) ? k_bom.size() : 0;
  while (true) {
    while (pos < text.size() && is_terminator(text[pos])) ++pos;  // empty lines
    if (pos >= text.size()) break;
    CsvRecord record;
    record.offset = pos;
    bool record_done = false;
    while (!record_done) {
      std::string field;
      bool quoted = pos < text.size() && text[pos] == '"';
      if (quoted) ++pos;
      while (pos < text.size()) {
        char c = text[pos];
        if (quoted) {
          ++pos;
          if (c != '"') {
            field += c;
          } else if (pos < text.size() && text[pos] == '"') {
            field += '"';
            ++pos;
          } else {
            quoted = false;  // closing quote: anything up to the delimiter is appended unquoted
          }
          continue;
        }
        if (c == ',' || is_terminator(c)) break;
        field += c;
        ++pos;
      }
      record.fields.push_back(std::move(field));
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
      } else {
        record_done = true;  // the terminator is skipped with the empty lines that may follow it
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += k_hex[byte >> 4];
          out += k_hex[byte & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

struct LocalizationEntry {
  std::optional<std::string> key;
  std::optional<std::string> context;
  std::optional<std::string> example;
  std::optional<std::string> source;
  std::map<std::string, std::string> values;  // byte order, as Rojo's BTreeMap
};

void append_entry(std::string& out, const LocalizationEntry& entry) {
  out += '{';
  auto member = [&](std::string_view name, const std::optional<std::string>& value) {
    if (!value) return;
    out += '"';
    out += name;
    out += "\":";
    append_json_string(out, *value);
    out += ',';
  };
  member("key", entry.key);
  member("context", entry.context);
  member("example", entry.example);
  member("source", entry.source);
  out += "\"values\":{";
  bool first = true;
  for (const auto& [locale, text] : entry.values) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, locale);
    out += ':';
    append_json_string(out, text);
  }
  out += "}}";
}

}  // namespace

std::optional<std::string> read_localization_csv(const base::SourceText& source,
                                                 std::vector<base::Diagnostic>& diagnostics) {
  if (!require_utf8(source, k_csv_code, diagnostics)) return std::nullopt;
  auto records = read_records(source.text());
  if (records.empty()) return std::string("[]");
  const auto& headers = records.front().fields;
  std::string out = "[";
  bool first = true;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    if (record.fields.size() != headers.size()) {
      std::string message = "record has " + std::to_string(record.fields.size()) +
                            " fields but the header row has " + std::to_string(headers.size()) +
                            " (Rojo needs every row to match)";
      diagnostics.push_back(error_at(source, k_csv_code, std::move(message), record.offset));
      return std::nullopt;
    }
    LocalizationEntry entry;
    for (std::size_t i = 0; i < headers.size(); ++i) {
      const auto& header = headers[i];
      const auto& value = record.fields[i];
      if (header.empty() || value.empty()) continue;
      if (header == "Key") {
        entry.key = value;
      } else if (header == "Source") {
        entry.source = value;
      } else if (header == "Context") {
        entry.context = value;
      } else if (header == "Example") {
        entry.example = value;
      } else {
        entry.values[header] = value;
      }
    }
    if (!entry.key && !entry.source) continue;
    if (!first) out += ',';
    first = false;
    append_entry(out, entry);
  }
  out += ']';
  return out;
}

}  // namespace rbxpipe::rojo
