#include "rojo/json_file.h"

namespace rbxpipe::rojo {

JsonFile::JsonFile(std::string display_path, std::string text) : source(std::move(display_path), std::move(text)) {
  document = base::JsoncDocument::parse(source);
}

base::Diagnostic file_diagnostic(base::Severity severity, std::string code, std::string message, std::string file) {
  base::Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = std::move(file);
  return diagnostic;
}

std::shared_ptr<const JsonFile> parse_json_file(std::string display_path, std::string text) {
  return std::make_shared<JsonFile>(std::move(display_path), std::move(text));
}

}  // namespace rbxpipe::rojo
