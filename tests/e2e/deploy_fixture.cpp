// DeployFixture: everything runs on 127.0.0.1; the binary finds the emulator through RBXPIPE_OPEN_CLOUD_URL.
#include "tests/e2e/deploy_fixture.h"

#include <gtest/gtest.h>

#include "assets/image.h"
#include "assets/png_writer.h"
#include "base/file_io.h"

namespace rbxpipe::testing {

cloud::emulator::Scenario fast_scenario() {
  auto scenario = cloud::emulator::default_scenario();
  EXPECT_TRUE(scenario.ok());
  cloud::emulator::Scenario out = scenario.ok() ? *scenario : cloud::emulator::Scenario{};
  for (auto& [name, limit] : out.rate_limits.per_minute) limit = 100'000;
  out.universes.front().places.push_back({2, 0, false});
  return out;
}

DeployFixture::DeployFixture(cloud::emulator::Scenario scenario)
    : m_project(m_dir.path() / "volcano"), m_home(m_dir.path() / "home") {
  m_emulator = std::make_unique<cloud::emulator::Emulator>(std::move(scenario));
  auto started = m_emulator->start(0);
  EXPECT_TRUE(started.ok());
  auto init = run_process({RBXPIPE_BINARY, "init", m_project.string()}, m_dir.path(), {{"NO_COLOR", "1"}});
  EXPECT_EQ(init.exit_code, 0) << init.err;
}

std::map<std::string, std::string> DeployFixture::environment() const {
  return {{"NO_COLOR", "1"},
          {"RBXPIPE_CONFIG_DIR", ""},
          {"RBXPIPE_HOME", m_home.string()},
          {"RBXPIPE_EMULATOR_KEY", "emulator-key"},
          {"RBXPIPE_OPEN_CLOUD_URL", m_emulator->base_url()}};
}

ProcessResult DeployFixture::run(const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env) const {
  std::vector<std::string> argv = {RBXPIPE_BINARY};
  if (args.empty() || args.front() != "--progress") argv.insert(argv.end(), {"--progress", "none"});
  argv.insert(argv.end(), args.begin(), args.end());
  auto variables = environment();
  for (const auto& [name, value] : env) variables[name] = value;
  return run_process(argv, m_project, variables);
}

void DeployFixture::edit_config(const std::function<std::string(std::string)>& edit) const {
  auto text = base::read_file(m_project / "rbxpipe.json");
  ASSERT_TRUE(text.ok());
  ASSERT_TRUE(base::write_file_atomic(m_project / "rbxpipe.json", edit(*text)).ok());
}

void DeployFixture::write_image(const std::string& relative, int size, std::uint8_t red) const {
  assets::Image image = assets::Image::blank(size, size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      std::uint8_t* pixel = image.at(x, y);
      pixel[0] = red;
      pixel[1] = static_cast<std::uint8_t>(x * 7);
      pixel[2] = static_cast<std::uint8_t>(y * 5);
      pixel[3] = 255;
    }
  }
  auto bytes = assets::encode_png(image);
  ASSERT_TRUE(bytes.ok());
  std::filesystem::create_directories((m_project / relative).parent_path());
  ASSERT_TRUE(base::write_file_atomic(m_project / relative, *bytes).ok());
}

}  // namespace rbxpipe::testing
