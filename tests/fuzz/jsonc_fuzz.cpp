// Fuzzes the JSONC reader: it must never crash, and whatever it accepts must be strict JSON nlohmann can parse.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "base/jsonc.h"
#include "base/json_schema.h"
#include "base/embedded_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rbxpipe::base::SourceText source("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  auto document = rbxpipe::base::JsoncDocument::parse(source);
  if (!document.ok()) return 0;
  auto value = nlohmann::json::parse(document.json(), nullptr, false);
  if (value.is_discarded()) std::abort();  // the reader accepted text that is not JSON
  static const auto schema = rbxpipe::base::JsonSchema::parse(*rbxpipe::base::embedded_file("schemas/rbxpipe.schema.json"));
  for (const auto& violation : schema->validate(document.json())) (void)document.locate(violation.pointer);
  return 0;
}
