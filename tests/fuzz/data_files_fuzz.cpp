// Fuzzes the data files a Rojo project turns into modules: the same bytes as JSON, TOML, YAML and CSV, and the Lua
// text generated from whatever parses.
#include <cstdint>
#include <string>

#include "rojo/data_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<rbxpipe::base::Diagnostic> diagnostics;
  const rbxpipe::base::SourceText json("data.json", text), toml("data.toml", text), yaml("data.yaml", text),
      csv("data.csv", text);
  if (auto value = rbxpipe::rojo::read_json_data(json, diagnostics)) (void)rbxpipe::rojo::lua_module_source(*value);
  if (auto value = rbxpipe::rojo::read_toml_data(toml, diagnostics)) (void)rbxpipe::rojo::lua_module_source(*value);
  if (auto value = rbxpipe::rojo::read_yaml_data(yaml, diagnostics)) (void)rbxpipe::rojo::lua_module_source(*value);
  (void)rbxpipe::rojo::read_localization_csv(csv, diagnostics);
  for (const auto& diagnostic : diagnostics) (void)rbxpipe::base::render_text(diagnostic);
  return 0;
}
