#include "tests/unit/luau/parse_fixture.h"

namespace rbxpipe::luau::test {

ParseResult parse(std::string_view source, const ParseOptions& options) {
  base::SourceText text("test.luau", std::string(source));
  return parse_luau(text, options);
}

std::string errors(std::string_view source, const ParseOptions& options) {
  std::string rendered;
  for (const auto& diagnostic : parse(source, options).diagnostics) {
    if (!rendered.empty()) rendered += '\n';
    rendered += std::to_string(diagnostic.location.line) + ":" + std::to_string(diagnostic.location.column) + " " +
                diagnostic.code + " " + diagnostic.message;
  }
  return rendered;
}

std::string roblox_errors(std::string_view source) {
  ParseOptions options;
  options.roblox_only = true;
  return errors(source, options);
}

}  // namespace rbxpipe::luau::test
