#pragma once
// A client and an emulator on 127.0.0.1 sharing one FakeClock: the client's waits advance the emulator's time, so
// rate limits, operation delays and moderation play out instantly and deterministically.

#include <functional>
#include <memory>
#include <string>

#include "cloud/client.h"
#include "cloud/emulator/emulator.h"
#include "tests/support/fake_clock.h"

namespace rbxpipe::testing {

/// One client against one emulator.
class CloudScenario {
 public:
  /// Starts an emulator on the default scenario changed by `tweak`, and a client with the emulator's key.
  explicit CloudScenario(const std::function<void(cloud::emulator::Scenario&)>& tweak = {},
                         const std::string& api_key = "emulator-key");
  ~CloudScenario();

  /// The shared clock.
  FakeClock& clock() { return m_clock; }
  /// The emulator.
  cloud::emulator::Emulator& emulator() { return *m_emulator; }
  /// The client.
  cloud::OpenCloudClient& client() { return *m_client; }
  /// Requests the emulator answered for a route ("assets.create").
  int count(const std::string& route) const;
  /// Answers with a status for a route.
  int count_status(const std::string& route, int status) const;

 private:
  FakeClock m_clock;
  std::unique_ptr<cloud::emulator::Emulator> m_emulator;
  std::unique_ptr<cloud::OpenCloudClient> m_client;
};

/// A small valid PNG (width x height, RGBA), made by code.
std::string tiny_png(int width = 16, int height = 16);

}  // namespace rbxpipe::testing
