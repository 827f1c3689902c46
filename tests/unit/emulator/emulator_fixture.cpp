#include "tests/unit/emulator/emulator_fixture.h"

#include "base/source_text.h"

namespace rbxpipe::cloud::emulator::testing {

namespace {
constexpr const char* k_boundary = "rbxpipe-test-boundary-7MA4YWxk";
}

Form multipart(const std::vector<Part>& parts) {
  Form form;
  for (const auto& part : parts) {
    form.body += std::string("--") + k_boundary + "\r\n";
    form.body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
    if (!part.filename.empty()) form.body += "; filename=\"" + part.filename + "\"";
    form.body += "\r\n";
    if (!part.content_type.empty()) form.body += "Content-Type: " + part.content_type + "\r\n";
    form.body += "\r\n" + part.body + "\r\n";
  }
  form.body += std::string("--") + k_boundary + "--\r\n";
  form.content_type = std::string("multipart/form-data; boundary=") + k_boundary;
  return form;
}

std::string png(std::uint32_t width, std::uint32_t height) {
  std::string bytes("\x89PNG\r\n\x1a\n", 8);
  bytes += std::string("\0\0\0\x0d", 4) + "IHDR";
  for (std::uint32_t value : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((value >> shift) & 0xffU);
  }
  bytes += std::string("\x08\x06\0\0\0", 5) + std::string(4, '\0');
  return bytes;
}

Json create_meta(const std::string& type, const std::string& name, const Json& creator) {
  return Json{{"assetType", type},
              {"displayName", name},
              {"description", "made by a test"},
              {"creationContext", Json{{"creator", creator}}}};
}

Scenario scenario_from(std::string_view json) {
  base::SourceText source("scenario.json", std::string(json));
  auto parsed = parse_scenario(source);
  for (const auto& diagnostic : parsed.diagnostics) ADD_FAILURE() << base::render_text(diagnostic);
  if (!parsed.scenario) return Scenario{};
  return std::move(*parsed.scenario);
}

void EmulatorTest::TearDown() {
  if (emulator) emulator->stop();
}

void EmulatorTest::start(std::string_view scenario_json) {
  emulator = std::make_unique<Emulator>(scenario_from(scenario_json), EmulatorOptions{&clock, std::nullopt});
  auto started = emulator->start(0);
  ASSERT_TRUE(started) << started.error().to_string();
}

httplib::Client EmulatorTest::client() const {
  httplib::Client client("127.0.0.1", emulator->port());
  client.set_read_timeout(2, 0);
  client.set_keep_alive(false);
  return client;
}

httplib::Result EmulatorTest::get(const std::string& path, const std::string& key) const {
  httplib::Headers headers;
  if (!key.empty()) headers.emplace("x-api-key", key);
  return client().Get(path, headers);
}

httplib::Result EmulatorTest::post(const std::string& path, const std::string& body, const std::string& content_type,
                                   const std::string& key) const {
  httplib::Headers headers;
  if (!key.empty()) headers.emplace("x-api-key", key);
  return client().Post(path, headers, body, content_type);
}

httplib::Result EmulatorTest::post_json(const std::string& path, const Json& body, const std::string& key) const {
  return post(path, body.dump(), "application/json", key);
}

httplib::Result EmulatorTest::upload(const Json& meta, const std::string& bytes, const std::string& mime,
                                     const std::string& key) const {
  Form form = multipart({{"request", meta.dump(), "application/json", ""}, {"fileContent", bytes, mime, "file"}});
  return post("/assets/v1/assets", form.body, form.content_type, key);
}

std::int64_t EmulatorTest::create_asset(const std::string& type, const std::string& name, const std::string& bytes,
                                        const std::string& mime) {
  auto created = upload(create_meta(type, name), bytes, mime);
  if (!created || created->status != 200) {
    ADD_FAILURE() << "create failed: " << (created ? created->body : "no response");
    return 0;
  }
  std::string id = body_json(created)["operationId"].get<std::string>();
  for (int poll = 0; poll < 20; ++poll) {
    Json operation = body_json(get("/assets/v1/operations/" + id));
    if (operation.value("done", false)) {
      if (!operation.contains("response")) return 0;
      return std::stoll(operation["response"]["assetId"].get<std::string>());
    }
  }
  ADD_FAILURE() << "operation " << id << " never finished";
  return 0;
}

httplib::Result EmulatorTest::publish(const std::string& bytes, const std::string& version_type,
                                      std::int64_t universe, std::int64_t place,
                                      const std::string& content_type) const {
  std::string path = "/universes/v1/" + std::to_string(universe) + "/places/" + std::to_string(place) + "/versions";
  if (!version_type.empty()) path += "?versionType=" + version_type;
  return post(path, bytes, content_type);
}

Json body_json(const httplib::Result& result) {
  if (!result) return Json(nlohmann::json::value_t::discarded);
  return Json::parse(result->body, nullptr, false);
}

}  // namespace rbxpipe::cloud::emulator::testing
