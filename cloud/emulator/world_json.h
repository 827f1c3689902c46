#pragma once
// Internal to cloud/emulator/: the world as JSON, for the state file (--state) and GET /_emulator/state. Times are
// integer milliseconds since the epoch so a reloaded world behaves exactly as before; bytes live beside the file in
// <file>.blobs/<sha256>.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "cloud/emulator/emulator.h"
#include "cloud/emulator/responses.h"
#include "cloud/emulator/world.h"

namespace rbxpipe::cloud::emulator {

/// The folder holding a state file's blobs.
std::filesystem::path blob_folder(const std::filesystem::path& state_file);
/// Writes the world atomically (blobs first, each once).
base::Result<void> save_world(const World& world, const std::filesystem::path& state_file);
/// Reads a saved world on top of the scenario's initial one.
base::Result<World> load_world(std::string_view text, const std::filesystem::path& blobs, const Scenario& scenario);
/// The world plus computed fields (moderation state now, live hashes), the request log and queued faults.
std::string inspection_json(const World& world, const Scenario& scenario, TimePoint now,
                            const std::vector<RequestRecord>& log, const std::vector<FaultSpec>& faults);
/// One fault as JSON (the scenario format).
Json fault_json(const FaultSpec& fault);
/// One request log entry as JSON.
Json request_json(const RequestRecord& record);

}  // namespace rbxpipe::cloud::emulator
