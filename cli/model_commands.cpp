// `rbxpipe convert IN OUT` and `rbxpipe inspect FILE [--json]`: model and place files between formats, and their
// stable dumps.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "rbx/dom/dump.h"
#include "rbx/files/model_file.h"

namespace rbxpipe::cli {

namespace {

struct ConvertOptions {
  std::string input;
  std::string output;
  bool json = false;
};

struct InspectOptions {
  std::string file;
  bool json = false;
};

int report_error(std::string_view command, const base::Error& error) {
  std::cerr << "rbxpipe " << command << ": " << error.to_string() << '\n';
  return base::exit_code_for(error.code());
}

int run_convert(const ConvertOptions& options) {
  auto out_kind = rbx::files::kind_from_path(options.output);
  if (!out_kind) {
    return report_error("convert", base::Error(base::ErrorCode::usage,
                                               "OUT must end in .rbxm, .rbxmx, .rbxl or .rbxlx: " + options.output));
  }
  auto dom = rbx::files::read_model_file(options.input);
  if (!dom) return report_error("convert", dom.error());
  auto written = rbx::files::write_model_file(options.output, *dom);
  if (!written) return report_error("convert", written.error());
  auto count = dom->size() - 1;
  if (options.json) {
    nlohmann::ordered_json report{{"input", options.input},
                                  {"output", options.output},
                                  {"format", rbx::files::kind_name(*out_kind)},
                                  {"instances", count}};
    std::cout << report.dump(2) << '\n';
  } else {
    std::cout << "Wrote " << options.output << " (" << rbx::files::kind_name(*out_kind) << ", " << count
              << " instances)\n";
  }
  return k_exit_ok;
}

int run_inspect(const InspectOptions& options) {
  auto dom = rbx::files::read_model_file(options.file);
  if (!dom) return report_error("inspect", dom.error());
  const auto& roots = dom->get(dom->root()).children;
  if (options.json) {
    nlohmann::ordered_json report{{"file", options.file},
                                  {"format", rbx::files::kind_name(*rbx::files::kind_from_path(options.file))},
                                  {"instances", dom->size() - 1}};
    auto list = nlohmann::ordered_json::array();
    for (auto root : roots) list.push_back(nlohmann::ordered_json::parse(rbx::dom::dump_json(*dom, root)));
    report["roots"] = std::move(list);
    std::cout << report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    return k_exit_ok;
  }
  for (auto root : roots) std::cout << rbx::dom::dump_text(*dom, root);
  return k_exit_ok;
}

}  // namespace

void add_model_commands(CLI::App& app, CommandState& state) {
  auto convert = std::make_shared<ConvertOptions>();
  auto* convert_command = app.add_subcommand("convert", "Convert a model or place file; formats follow the extensions");
  convert_command->add_option("input", convert->input, "File to read (.rbxm, .rbxmx, .rbxl, .rbxlx)")->required();
  convert_command->add_option("output", convert->output, "File to write (.rbxm, .rbxmx, .rbxl, .rbxlx)")->required();
  convert_command->add_flag("--json", convert->json, "Print the result as JSON");
  convert_command->callback([convert, &state] { state.exit_code = run_convert(*convert); });

  auto inspect = std::make_shared<InspectOptions>();
  auto* inspect_command = app.add_subcommand("inspect", "Print a model or place file's instance tree");
  inspect_command->add_option("file", inspect->file, "File to read (.rbxm, .rbxmx, .rbxl, .rbxlx)")->required();
  inspect_command->add_flag("--json", inspect->json, "Print the tree as JSON (references as paths)");
  inspect_command->callback([inspect, &state] { state.exit_code = run_inspect(*inspect); });
}

}  // namespace rbxpipe::cli
