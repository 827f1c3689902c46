#include "platform/auth/strict_json.h"

#include <set>
#include <string>
#include <vector>

namespace rbxpipe::platform::auth::detail {

namespace {

constexpr int k_max_depth = 32;

// Thrown from the parser callback to stop parsing at the first offending member.
struct Refused {
  std::string message;
};

}  // namespace

base::Result<nlohmann::json> parse_strict_object(std::string_view text, std::string_view what) {
  std::vector<std::set<std::string>> open_objects;
  auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (depth > k_max_depth) throw Refused{"nested deeper than " + std::to_string(k_max_depth)};
    if (event == Event::object_start) {
      open_objects.emplace_back();
    } else if (event == Event::object_end) {
      if (!open_objects.empty()) open_objects.pop_back();
    } else if (event == Event::key && !open_objects.empty()) {
      // Member names belong to the innermost open object: arrays hold none, so they need no entry of their own.
      const auto& key = parsed.get_ref<const std::string&>();
      if (!open_objects.back().insert(key).second) throw Refused{"member '" + key + "' appears twice"};
    }
    return true;
  };
  try {
    nlohmann::json value = nlohmann::json::parse(text.begin(), text.end(), callback);
    if (!value.is_object()) {
      return base::Error(base::ErrorCode::invalid_input, std::string(what) + " is not a JSON object");
    }
    return value;
  } catch (const Refused& refused) {
    return base::Error(base::ErrorCode::invalid_input, std::string(what) + ": " + refused.message);
  } catch (const nlohmann::json::exception& error) {
    return base::Error(base::ErrorCode::invalid_input, std::string(what) + " is not valid JSON: " + error.what());
  }
}

}  // namespace rbxpipe::platform::auth::detail
