// Reading scenario files: JSONC syntax, the shipped schema, then the checks a schema cannot express, every problem
// located at its line and column.
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

#include "base/embedded_files.h"
#include "base/json_schema.h"
#include "base/jsonc.h"
#include "cloud/emulator/scenario.h"
#include "cloud/emulator/scenario_read.h"
#include "cloud/emulator/time_text.h"

namespace rbxpipe::cloud::emulator {

namespace {

using Json = nlohmann::json;

constexpr std::string_view k_schema_path = "schemas/emulator-scenario.schema.json";
constexpr std::string_view k_default_path = "emulator/default-scenario.json";

// The schema is compiled once per process; a missing or broken shipped schema is a build defect reported as one.
const base::JsonSchema* scenario_schema() {
  static std::once_flag once;
  static std::optional<base::JsonSchema> schema;
  std::call_once(once, [] {
    if (auto text = base::read_config_file(k_schema_path)) {
      if (auto parsed = base::JsonSchema::parse(*text)) schema.emplace(std::move(parsed).value());
    }
  });
  return schema ? &*schema : nullptr;
}

std::string_view code_for(base::SchemaViolationKind kind) {
  switch (kind) {
    case base::SchemaViolationKind::unknown_property: return "EMU0001";
    case base::SchemaViolationKind::wrong_type: return "EMU0002";
    case base::SchemaViolationKind::missing_property: return "EMU0003";
    case base::SchemaViolationKind::invalid_value: return "EMU0004";
  }
  return "EMU0004";
}

bool valid_cidr(const std::string& text) {
  int octets[4] = {0, 0, 0, 0};
  int prefix = 32;
  char slash = 0;
  int read = std::sscanf(text.c_str(), "%d.%d.%d.%d%c%d", &octets[0], &octets[1], &octets[2], &octets[3], &slash,
                         &prefix);
  if (read != 4 && read != 6) return false;
  for (int octet : octets) {
    if (octet < 0 || octet > 255) return false;
  }
  return prefix >= 0 && prefix <= 32;
}

// Checks that need the whole document: unique ids, real calendar dates, usable CIDRs.
class SemanticChecker {
 public:
  SemanticChecker(const base::JsoncDocument& document, std::vector<base::Diagnostic>& diagnostics)
      : m_document(document), m_diagnostics(diagnostics) {}

  void check(const Json& root) {
    check_time(root, "/clock/start", root.contains("clock") ? root["clock"].value("start", Json()) : Json());
    if (auto keys = root.find("keys"); keys != root.end()) check_keys(*keys);
    if (auto universes = root.find("universes"); universes != root.end()) check_universes(*universes);
    if (root.contains("assets") && root["assets"].contains("quotas")) check_quotas(root["assets"]["quotas"]);
  }

 private:
  void report(std::string_view code, std::string message, const std::string& pointer) {
    m_diagnostics.push_back(m_document.diagnose(base::Severity::error, std::string(code), std::move(message), pointer));
  }

  void check_time(const Json& root, const std::string& pointer, const Json& value) {
    (void)root;
    if (value.is_string() && !parse_rfc3339(value.get<std::string>())) {
      report("EMU0004", "'" + value.get<std::string>() + "' is not a real date and time", pointer);
    }
  }

  void check_keys(const Json& keys) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Json& key = keys[i];
      const std::string at = "/keys/" + std::to_string(i);
      if (key.contains("key") && !seen.insert(key["key"].get<std::string>()).second) {
        report("EMU0005", "the key '" + key["key"].get<std::string>() + "' is defined twice", at + "/key");
      }
      check_time(keys, at + "/expires_at", key.value("expires_at", Json()));
      if (auto cidrs = key.find("allowed_cidrs"); cidrs != key.end()) {
        for (std::size_t c = 0; c < cidrs->size(); ++c) {
          if (!valid_cidr((*cidrs)[c].get<std::string>())) {
            report("EMU0004", "'" + (*cidrs)[c].get<std::string>() + "' is not a usable IPv4 CIDR",
                   at + "/allowed_cidrs/" + std::to_string(c));
          }
        }
      }
    }
  }

  void check_universes(const Json& universes) {
    std::set<std::int64_t> universe_ids;
    std::set<std::int64_t> place_ids;
    for (std::size_t i = 0; i < universes.size(); ++i) {
      const std::string at = "/universes/" + std::to_string(i);
      auto id = universes[i]["id"].get<std::int64_t>();
      if (!universe_ids.insert(id).second) {
        report("EMU0005", "universe " + std::to_string(id) + " is defined twice", at + "/id");
      }
      if (!universes[i].contains("places")) continue;
      const Json& places = universes[i]["places"];
      for (std::size_t p = 0; p < places.size(); ++p) {
        auto place = places[p]["id"].get<std::int64_t>();
        if (!place_ids.insert(place).second) {
          report("EMU0005", "place " + std::to_string(place) + " is defined twice (a place belongs to one universe)",
                 at + "/places/" + std::to_string(p) + "/id");
        }
      }
    }
  }

  void check_quotas(const Json& quotas) {
    std::set<std::pair<std::int64_t, std::string>> seen;
    for (std::size_t i = 0; i < quotas.size(); ++i) {
      auto user = quotas[i].value("user_id", std::int64_t{0});
      auto type = quotas[i].value("asset_type", std::string());
      if (!seen.emplace(user, type).second) {
        report("EMU0005", "the " + type + " quota" + (user == 0 ? "" : " of user " + std::to_string(user)) +
                              " is defined twice",
               "/assets/quotas/" + std::to_string(i));
      }
    }
  }

  const base::JsoncDocument& m_document;
  std::vector<base::Diagnostic>& m_diagnostics;
};

// A key restricted to universes the scenario does not define can never publish; that is a mistake in the file.
void check_key_universes(const base::JsoncDocument& document, const Json& root, const Scenario& scenario,
                         std::vector<base::Diagnostic>& diagnostics) {
  if (!root.contains("keys")) return;
  std::set<std::int64_t> known;
  for (const auto& universe : scenario.universes) known.insert(universe.id);
  for (std::size_t i = 0; i < scenario.keys.size(); ++i) {
    const auto& universes = scenario.keys[i].universes;
    for (std::size_t u = 0; u < universes.size(); ++u) {
      if (known.count(universes[u]) != 0) continue;
      diagnostics.push_back(document.diagnose(
          base::Severity::error, "EMU0006",
          "key '" + scenario.keys[i].secret + "' is restricted to universe " + std::to_string(universes[u]) +
              ", which the scenario does not define",
          "/keys/" + std::to_string(i) + "/universes/" + std::to_string(u)));
    }
  }
}

}  // namespace

std::string Owner::key() const { return (kind == Kind::user ? "user:" : "group:") + std::to_string(id); }

bool FaultSpec::commits_first() const {
  // A held-back or mangled answer needs the real answer first, so those two always follow the side effect.
  if (kind == FaultKind::delay || kind == FaultKind::malformed_json) return true;
  return after_commit.value_or(false);
}

ScenarioParse parse_scenario(const base::SourceText& source, const Scenario& base) {
  ScenarioParse result;
  auto document = base::JsoncDocument::parse(source);
  result.diagnostics = document.diagnostics();
  if (!document.ok()) return result;
  const base::JsonSchema* schema = scenario_schema();
  if (schema == nullptr) {
    base::Diagnostic broken;
    broken.code = "EMU0006";
    broken.message = "the shipped schema '" + std::string(k_schema_path) + "' could not be loaded";
    broken.file = source.path();
    result.diagnostics.push_back(std::move(broken));
    return result;
  }
  for (const auto& violation : schema->validate(document.json())) {
    bool at_key = violation.about_key || violation.kind == base::SchemaViolationKind::unknown_property;
    result.diagnostics.push_back(document.diagnose(base::Severity::error, std::string(code_for(violation.kind)),
                                                   violation.message, violation.pointer, at_key));
  }
  if (base::has_errors(result.diagnostics)) return result;

  Json root = Json::parse(document.json(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) return result;
  SemanticChecker(document, result.diagnostics).check(root);
  if (base::has_errors(result.diagnostics)) return result;

  Scenario scenario = base;
  read_scenario_sections(root, scenario);
  check_key_universes(document, root, scenario, result.diagnostics);
  if (base::has_errors(result.diagnostics)) return result;
  result.scenario = std::move(scenario);
  return result;
}

ScenarioParse parse_scenario(const base::SourceText& source) {
  auto base = default_scenario();
  if (!base) {
    ScenarioParse failed;
    base::Diagnostic broken;
    broken.code = "EMU0006";
    broken.message = base.error().to_string();
    broken.file = source.path();
    failed.diagnostics.push_back(std::move(broken));
    return failed;
  }
  return parse_scenario(source, *base);
}

base::Result<Scenario> default_scenario() {
  auto text = base::read_config_file(k_default_path);
  if (!text) return std::move(text).error().with_context("read the default emulator scenario");
  base::SourceText source(std::string(k_default_path), std::move(text).value());
  auto parsed = parse_scenario(source, Scenario{});
  if (!parsed.scenario) {
    std::string message = "the default emulator scenario is invalid";
    if (!parsed.diagnostics.empty()) message += ": " + parsed.diagnostics.front().message;
    return base::Error(base::ErrorCode::internal, message);
  }
  return std::move(*parsed.scenario);
}

base::Result<std::vector<FaultSpec>> parse_faults_json(std::string_view json) {
  Json value = Json::parse(json, nullptr, false);
  if (value.is_discarded()) return base::Error(base::ErrorCode::invalid_input, "the body is not JSON");
  if (value.is_object() && value.contains("faults")) value = value["faults"];
  if (value.is_object()) value = Json::array({value});
  // Checking the faults as a scenario's "faults" section reuses the schema's rules and messages.
  Json wrapped = {{"faults", value}};
  const base::JsonSchema* schema = scenario_schema();
  if (schema == nullptr) return base::Error(base::ErrorCode::internal, "the scenario schema could not be loaded");
  auto violations = schema->validate(wrapped.dump());
  if (!violations.empty()) {
    const auto& first = violations.front();
    return base::Error(base::ErrorCode::invalid_input, first.pointer + ": " + first.message);
  }
  std::vector<FaultSpec> faults;
  for (const auto& item : value) faults.push_back(read_fault(item));
  return faults;
}

const std::vector<std::string_view>& route_names() {
  static const std::vector<std::string_view> k_names = {
      "assets.create",   "assets.get",       "assets.update",    "assets.versions.list",
      "assets.versions.get", "assets.versions.rollback", "assets.archive", "assets.restore",
      "operations.get",  "places.publish",   "universes.restart_servers", "luau.create",
      "luau.get",        "luau.logs",        "quotas.list",      "keys.introspect"};
  return k_names;
}

std::string_view fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::status_500: return "status_500";
    case FaultKind::status_502: return "status_502";
    case FaultKind::status_503: return "status_503";
    case FaultKind::status_499: return "status_499";
    case FaultKind::status_429: return "status_429";
    case FaultKind::reset: return "reset";
    case FaultKind::delay: return "delay";
    case FaultKind::malformed_json: return "malformed_json";
  }
  return "status_500";
}

}  // namespace rbxpipe::cloud::emulator
