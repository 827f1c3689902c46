#pragma once
// Internal to cloud/emulator/: fills Scenario structs from schema-checked JSON. Exposes nlohmann_json, so only
// emulator .cpp files include it.

#include <nlohmann/json.hpp>

#include "cloud/emulator/scenario.h"

namespace rbxpipe::cloud::emulator {

/// Overlays the sections present in `document` (already valid against the schema) onto `scenario`.
void read_scenario_sections(const nlohmann::json& document, Scenario& scenario);

/// Reads one fault object (already valid against the schema).
FaultSpec read_fault(const nlohmann::json& value);

/// Reads an owner object {"user": N} or {"group": N}.
Owner read_owner(const nlohmann::json& value);

}  // namespace rbxpipe::cloud::emulator
