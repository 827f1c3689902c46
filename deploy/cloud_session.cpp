// CloudSession: key references, base URL precedence (flags > environment variables > config) and the pre-flight.
#include "deploy/cloud_session.h"

#include <cstdlib>

#include "cloud/http_transport.h"
#include "cloud/universes_api.h"
#include "platform/secrets/keystore.h"

namespace rbxpipe::deploy {

namespace {

std::optional<std::string> environment_variable(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

base::Result<std::string> keystore_secret(const std::string& name, const SessionOptions& options) {
  if (options.home.empty()) {
    return base::Error(base::ErrorCode::unauthenticated,
                       "the API key is the keystore secret '" + name + "' but there is no state folder (--home)");
  }
  auto keystore = platform::secrets::Keystore::open(platform::secrets::KeystoreOptions::from_environment(options.home));
  if (!keystore) return std::move(keystore).error().with_context("open the keystore");
  auto value = keystore->get(name);
  if (value) return value;
  auto value_namespaced = keystore->get(options.tenant + "." + name);
  if (value_namespaced) return value_namespaced;
  return base::Error(base::ErrorCode::unauthenticated,
                     "no keystore secret '" + name + "' (nor '" + options.tenant + "." + name +
                         "'): store the key with `rbxpipe secret set " + name + "`");
}

// Counts every request a session sends (the figure deploy reports as API calls).
class CountingTransport final : public cloud::HttpTransport {
 public:
  CountingTransport(std::shared_ptr<cloud::HttpTransport> inner, std::shared_ptr<std::atomic<int>> count)
      : m_inner(std::move(inner)), m_count(std::move(count)) {}
  base::Result<cloud::HttpResponse> send(const cloud::HttpRequest& request) override {
    m_count->fetch_add(1);
    return m_inner->send(request);
  }

 private:
  std::shared_ptr<cloud::HttpTransport> m_inner;
  std::shared_ptr<std::atomic<int>> m_count;
};

}  // namespace

base::Result<std::string> resolve_api_key(const pipeline::EnvironmentConfig& environment,
                                          const SessionOptions& options) {
  using Kind = pipeline::ApiKeyRef::Kind;
  switch (environment.api_key.kind) {
    case Kind::env: {
      if (auto value = environment_variable(environment.api_key.name)) return *value;
      return base::Error(base::ErrorCode::unauthenticated,
                         "environment '" + environment.name + "' takes its API key from $" +
                             environment.api_key.name + ", which is not set");
    }
    case Kind::secret: return keystore_secret(environment.api_key.name, options);
    case Kind::none: break;
  }
  if (auto value = environment_variable("RBXPIPE_API_KEY")) return *value;
  return base::Error(base::ErrorCode::unauthenticated,
                     "environment '" + environment.name + "' names no API key and RBXPIPE_API_KEY is not set");
}

base::Result<CloudSession> open_session(const pipeline::EnvironmentConfig& environment,
                                        const SessionOptions& options) {
  auto key = resolve_api_key(environment, options);
  if (!key) return std::move(key).error();
  CloudSession session;
  session.creator.kind = environment.creator.kind == pipeline::Creator::Kind::user ? cloud::CreatorRef::Kind::user
                                                                                  : cloud::CreatorRef::Kind::group;
  session.creator.id = environment.creator.id;
  session.creator_text =
      std::string(session.creator.kind == cloud::CreatorRef::Kind::user ? "user:" : "group:") +
      std::to_string(session.creator.id);
  std::optional<std::string> url = options.open_cloud_url;
  if (!url) url = environment_variable("RBXPIPE_OPEN_CLOUD_URL");
  if (!url) url = environment.open_cloud_url;
  cloud::ClientOptions client;
  client.base_url = cloud::resolve_base_url(url);
  client.api_key = std::move(*key);
  client.owner = session.creator_text;
  client.tenant = options.tenant;
  session.api_calls = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<cloud::HttpTransport> transport = options.transport;
  if (!transport) transport = cloud::make_curl_transport();
  client.transport = std::make_shared<CountingTransport>(std::move(transport), session.api_calls);
  client.clock = options.clock;
  session.base_url = client.base_url;
  session.client = std::make_unique<cloud::OpenCloudClient>(std::move(client));
  return session;
}

base::Result<void> preflight(CloudSession& session, const pipeline::EnvironmentConfig& environment,
                             const KeyNeeds& needs) {
  auto info = cloud::introspect_api_key(*session.client);
  if (!info) return std::move(info).error().with_context("check the API key of environment '" + environment.name + "'");
  const std::string which = "the API key of environment '" + environment.name + "'";
  if (!info->enabled) return base::Error(base::ErrorCode::unauthenticated, which + " is disabled");
  if (info->expired) {
    return base::Error(base::ErrorCode::unauthenticated,
                       which + " expired" + (info->expiration_time.empty() ? "" : " at " + info->expiration_time));
  }
  std::vector<std::string> missing;
  if (needs.assets && !(info->allows("asset", "read") && info->allows("asset", "write"))) {
    missing.push_back("asset:read and asset:write");
  }
  if (needs.publish && !info->allows("universe-places", "write")) missing.push_back("universe-places:write");
  if (needs.publish && !info->allows_universe("universe-places", environment.universe)) {
    missing.push_back("universe-places:write on universe " + std::to_string(environment.universe));
  }
  if (needs.luau && !info->allows("universe.place.luau-execution-session", "write")) {
    missing.push_back("universe.place.luau-execution-session:write (smoke test)");
  }
  if (needs.restart && !info->allows("universe", "write")) missing.push_back("universe:write (restart servers)");
  if (!missing.empty()) {
    std::string list;
    for (const auto& item : missing) list += (list.empty() ? "" : ", ") + item;
    return base::Error(base::ErrorCode::forbidden, which + " ('" + info->name + "') lacks " + list);
  }
  return {};
}

}  // namespace rbxpipe::deploy
