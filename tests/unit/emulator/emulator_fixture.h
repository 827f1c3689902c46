#pragma once
// A started emulator on 127.0.0.1 with a FakeClock, and small helpers that make most emulator tests a few lines:
// multipart bodies, minimal image headers, JSON requests through httplib::Client.

#include <httplib.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "cloud/emulator/emulator.h"
#include "tests/support/fake_clock.h"

namespace rbxpipe::cloud::emulator::testing {

using Json = nlohmann::json;

/// One multipart form part.
struct Part {
  std::string name;          ///< field name
  std::string body;          ///< bytes
  std::string content_type;  ///< "" for none
  std::string filename;      ///< "" for a plain field
};

/// A multipart/form-data body and its Content-Type.
struct Form {
  std::string body;          ///< encoded parts
  std::string content_type;  ///< "multipart/form-data; boundary=..."
};

/// Encodes parts with a fixed boundary.
Form multipart(const std::vector<Part>& parts);
/// The first 33 bytes of a PNG of this size (signature and IHDR): enough for the emulator's checks.
std::string png(std::uint32_t width, std::uint32_t height);
/// The create request JSON for an asset.
Json create_meta(const std::string& type, const std::string& name, const Json& creator = Json{{"groupId", "1"}});
/// Parses a scenario text on top of the default scenario; fails the test on diagnostics.
Scenario scenario_from(std::string_view json);

/// Tests against a running emulator.
class EmulatorTest : public ::testing::Test {
 protected:
  void TearDown() override;

  /// Starts an emulator with the default scenario overlaid by `scenario_json`, timed by `clock`.
  void start(std::string_view scenario_json = "{}");
  /// A client for the emulator with a 2 s read timeout.
  httplib::Client client() const;
  /// GET with `key` as x-api-key ("" sends none).
  httplib::Result get(const std::string& path, const std::string& key = "emulator-key") const;
  /// POST of a body with `key`.
  httplib::Result post(const std::string& path, const std::string& body, const std::string& content_type,
                       const std::string& key = "emulator-key") const;
  /// POST of JSON with `key`.
  httplib::Result post_json(const std::string& path, const Json& body, const std::string& key = "emulator-key") const;
  /// POST /assets/v1/assets with `meta` and a fileContent part.
  httplib::Result upload(const Json& meta, const std::string& bytes, const std::string& mime,
                         const std::string& key = "emulator-key") const;
  /// Uploads an asset and polls its operation until done; returns the asset id (0 on failure).
  std::int64_t create_asset(const std::string& type, const std::string& name, const std::string& bytes,
                            const std::string& mime);
  /// POST of a place file to universe 1 place 1 (or the given ids).
  httplib::Result publish(const std::string& bytes, const std::string& version_type, std::int64_t universe = 1,
                          std::int64_t place = 1, const std::string& content_type = "application/octet-stream") const;

  rbxpipe::testing::FakeClock clock;
  std::unique_ptr<Emulator> emulator;
};

/// The body of a response as JSON (discarded when it is not JSON).
Json body_json(const httplib::Result& result);

}  // namespace rbxpipe::cloud::emulator::testing
