#include "assets/image_diagnostic.h"

namespace rbxpipe::assets {

base::Diagnostic image_diagnostic(base::Severity severity, std::string_view code, std::string_view path,
                                  std::string message, std::string help) {
  base::Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::string(code);
  diagnostic.message = std::move(message);
  diagnostic.file = std::string(path);
  diagnostic.help = std::move(help);
  return diagnostic;
}

}  // namespace rbxpipe::assets
