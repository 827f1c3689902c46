// Fuzzes lesson.json reading end to end: JSONC, schema validation and the lesson checks.
#include <cstdint>
#include <string>

#include "pipeline/lesson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rbxpipe::base::SourceText source("lesson.json", std::string(reinterpret_cast<const char*>(data), size));
  rbxpipe::pipeline::LessonContext context;
  context.asset_exists = [](const std::string& path) { return path.size() % 2 == 0; };
  context.asset_in_group = [](const std::string& path) { return path.size() % 3 == 0; };
  std::vector<rbxpipe::base::Diagnostic> diagnostics;
  (void)rbxpipe::pipeline::read_lesson(source, context, diagnostics);
  for (const auto& diagnostic : diagnostics) (void)rbxpipe::base::render_text(diagnostic);
  return 0;
}
