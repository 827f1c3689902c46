#include "tests/unit/cloud_scenarios/scenario_fixture.h"

#include <gtest/gtest.h>

#include "assets/png_writer.h"

namespace rbxpipe::testing {

CloudScenario::CloudScenario(const std::function<void(cloud::emulator::Scenario&)>& tweak, const std::string& api_key) {
  auto scenario = cloud::emulator::default_scenario();
  if (!scenario) throw std::runtime_error(scenario.error().to_string());
  if (tweak) tweak(*scenario);
  cloud::emulator::EmulatorOptions options;
  options.clock = &m_clock;
  m_emulator = std::make_unique<cloud::emulator::Emulator>(std::move(*scenario), options);
  auto started = m_emulator->start(0);
  if (!started) throw std::runtime_error(started.error().to_string());
  auto limits = cloud::RateLimits::shipped();
  if (!limits) throw std::runtime_error(limits.error().to_string());
  cloud::ClientOptions client;
  client.base_url = m_emulator->base_url();
  client.api_key = api_key;
  client.owner = "group:1";
  client.clock = &m_clock;
  client.limiter = std::make_shared<cloud::RateLimiter>(*limits, m_clock);
  m_client = std::make_unique<cloud::OpenCloudClient>(std::move(client));
}

CloudScenario::~CloudScenario() { m_emulator->stop(); }

int CloudScenario::count(const std::string& route) const {
  int n = 0;
  for (const auto& record : m_emulator->request_log()) n += record.route == route;
  return n;
}

int CloudScenario::count_status(const std::string& route, int status) const {
  int n = 0;
  for (const auto& record : m_emulator->request_log()) n += record.route == route && record.status == status;
  return n;
}

std::string tiny_png(int width, int height) {
  assets::Image image;
  image.width = width;
  image.height = height;
  image.pixels.assign(static_cast<std::size_t>(width * height * 4), 200);
  return assets::encode_png(image).value();
}

}  // namespace rbxpipe::testing
