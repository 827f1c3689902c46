#pragma once
// A sample lesson, a private state folder and an in-process Open Cloud emulator on 127.0.0.1, for tests that run
// the real rbxpipe binary's release commands.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cloud/emulator/emulator.h"
#include "cloud/emulator/scenario.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {

/// The default scenario with budgets high enough that tests never wait for a rate limit.
cloud::emulator::Scenario fast_scenario();

/// A lesson scaffolded by `rbxpipe init`, a state folder and a running emulator.
class DeployFixture {
 public:
  /// Scaffolds the lesson and starts an emulator serving `scenario`.
  explicit DeployFixture(cloud::emulator::Scenario scenario = fast_scenario());

  /// Runs rbxpipe with `args` in the lesson folder, pointed at the emulator and the private state folder; progress
  /// is off unless `args` start with --progress.
  ProcessResult run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) const;
  /// The environment variables run() sets.
  std::map<std::string, std::string> environment() const;
  /// Rewrites the lesson's rbxpipe.json through `edit` (text in, text out).
  void edit_config(const std::function<std::string(std::string)>& edit) const;
  /// Replaces an image of the lesson with a solid `size` x `size` image of one colour.
  void write_image(const std::string& relative, int size, std::uint8_t red) const;

  /// The lesson folder.
  const std::filesystem::path& project() const { return m_project; }
  /// The state folder.
  const std::filesystem::path& home() const { return m_home; }
  /// The emulator.
  cloud::emulator::Emulator& emulator() { return *m_emulator; }

 private:
  TempDir m_dir;
  std::filesystem::path m_project;
  std::filesystem::path m_home;
  std::unique_ptr<cloud::emulator::Emulator> m_emulator;
};

}  // namespace rbxpipe::testing
