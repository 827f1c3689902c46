// Luau parser throughput on about 24 MB of generated, realistic module code (typed functions, generics, string
// interpolation, long strings, tables, closures, requires), single-threaded. Counters: bytes/s (MB/s) and
// lines/s. Baseline in the same run: copying the same bytes and counting their lines, the floor any parser pays.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <string>
#include <vector>

#include "luau/parser.h"
#include "luau/require_sites.h"

namespace {

using namespace rbxpipe;

// A small deterministic generator, so the code is varied yet identical on every run.
class Lcg {
 public:
  std::uint32_t next(std::uint32_t bound) {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(m_state >> 33) % bound;
  }

 private:
  std::uint64_t m_state = 7;
};

const char* const k_words[] = {"player", "score", "part", "config", "lesson", "step", "answer", "volcano", "lava",
                               "height", "speed", "target", "item", "count", "label", "frame", "signal", "state"};

std::string word(Lcg& random) { return k_words[random.next(std::size(k_words))]; }

std::string type_name(Lcg& random) {
  const char* types[] = {"number", "string", "boolean", "{ number }", "Map<string, number>", "Vector3?",
                         "(number) -> string", "{ [string]: any }", "Instance", "\"on\" | \"off\""};
  return types[random.next(std::size(types))];
}

// One function of 10 to 30 lines mixing the constructs real lesson code uses.
void append_function(std::string& out, Lcg& random, int index) {
  std::string name = word(random) + std::to_string(index);
  out += "--[[\n\tUpdates the " + word(random) + " of a " + word(random) + ".\n]]\n";
  if (random.next(6) == 0) out += "@native\n";
  out += "local function " + name + "<T>(self: Module, " + word(random) + ": " + type_name(random) +
         ", value: T, ...: any): (boolean, string?)\n";
  out += "\tlocal " + word(random) + ": number = (self." + word(random) + " or 0) + " +
         std::to_string(random.next(1000)) + "\n";
  out += "\tlocal cache = { [\"" + word(random) + "\"] = " + std::to_string(random.next(100)) + ", " + word(random) +
         " = true, 0x" + std::to_string(random.next(90) + 10) + ", 1_000 }\n";
  out += "\tfor i, entry in ipairs(self." + word(random) + ") do\n";
  out += "\t\tif entry." + word(random) + " == nil then continue end\n";
  out += "\t\tlocal label = `{entry.name}: {i} of {#self." + word(random) + "} ({entry.score // 2})`\n";
  out += "\t\tcache[label] = if entry.active then entry.score * 2 else -entry.score ^ 2\n";
  out += "\tend\n";
  out += "\tself.connection = self.signal:Connect(function(" + word(random) + ", ...)\n";
  out += "\t\tlocal ok, err = pcall(function() return value :: any end)\n";
  out += "\t\tif not ok then warn(\"failed: \" .. tostring(err)) end\n";
  out += "\tend)\n";
  if (random.next(3) == 0) {
    out += "\tlocal help = [[\n\t\tThe " + word(random) + " rises when the " + word(random) +
           " is hot.\n\t\tIt cools into rock.\n\t]]\n";
  }
  out += "\twhile self." + word(random) + " > 0 do\n\t\tself." + word(random) + " -= 1\n\t\ttask.wait(0.1)\n\tend\n";
  out += "\treturn true, nil\nend\n\n";
}

// One module: header, requires, types, a class-like table and functions.
std::string make_module(Lcg& random, int index) {
  std::string out = "--!strict\n-- Module " + std::to_string(index) + "\n";
  out += "local ReplicatedStorage = game:GetService(\"ReplicatedStorage\")\n";
  out += "local Shared = ReplicatedStorage:WaitForChild(\"Shared\")\n";
  out += "local Util = require(Shared.Util)\nlocal Config = require(script.Parent.Config)\n\n";
  out += "export type Map<K, V> = { [K]: V }\n";
  out += "export type Module = {\n\t" + word(random) + ": number,\n\tread " + word(random) +
         ": string,\n\tconnection: RBXScriptConnection?,\n\tsignal: any,\n}\n\n";
  out += "local Module = {}\nModule.__index = Module\n\n";
  int functions = 3 + static_cast<int>(random.next(5));
  for (int i = 0; i < functions; ++i) append_function(out, random, i);
  out += "function Module.new(): Module\n\treturn setmetatable({ " + word(random) + " = 0 }, Module) :: any\nend\n\n";
  out += "return Module\n";
  return out;
}

struct Corpus {
  std::vector<std::string> modules;
  std::string joined;
  std::int64_t lines = 0;
};

const Corpus& corpus() {
  static const Corpus result = [] {
    Corpus made;
    Lcg random;
    for (int index = 0; made.joined.size() < 24u * 1024 * 1024; ++index) {
      made.modules.push_back(make_module(random, index));
      made.joined += made.modules.back();
    }
    made.lines = std::count(made.joined.begin(), made.joined.end(), '\n');
    return made;
  }();
  return result;
}

void set_counters(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(corpus().joined.size()));
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * corpus().lines), benchmark::Counter::kIsRate);
}

void BM_CopyAndCountLinesBaseline(benchmark::State& state) {
  for (auto _ : state) {
    std::string copy = corpus().joined;
    benchmark::DoNotOptimize(std::count(copy.begin(), copy.end(), '\n'));
  }
  set_counters(state);
}
BENCHMARK(BM_CopyAndCountLinesBaseline)->Unit(benchmark::kMillisecond);

// Each module parsed on its own, as the check stage does file by file.
void BM_ParseModules(benchmark::State& state) {
  std::vector<base::SourceText> sources;
  for (const auto& module : corpus().modules) sources.emplace_back("module.luau", module);
  for (auto _ : state) {
    for (const auto& source : sources) {
      auto result = luau::parse_luau(source);
      if (!result.diagnostics.empty()) state.SkipWithError("generated code has syntax errors");
      benchmark::DoNotOptimize(result.ast.exprs.data());
    }
  }
  set_counters(state);
  state.counters["modules"] = static_cast<double>(sources.size());
}
BENCHMARK(BM_ParseModules)->Unit(benchmark::kMillisecond);

// The whole corpus as one 24 MB file.
void BM_ParseOneLargeFile(benchmark::State& state) {
  base::SourceText source("all.luau", corpus().joined);
  for (auto _ : state) benchmark::DoNotOptimize(luau::parse_luau(source).ast.exprs.size());
  set_counters(state);
}
BENCHMARK(BM_ParseOneLargeFile)->Unit(benchmark::kMillisecond);

void BM_ParseAndFindRequires(benchmark::State& state) {
  std::vector<base::SourceText> sources;
  for (const auto& module : corpus().modules) sources.emplace_back("module.luau", module);
  for (auto _ : state) {
    for (const auto& source : sources) benchmark::DoNotOptimize(luau::find_require_sites(luau::parse_luau(source)));
  }
  set_counters(state);
}
BENCHMARK(BM_ParseAndFindRequires)->Unit(benchmark::kMillisecond);

// Writes the corpus as a Rojo project (one ModuleScript per module under ReplicatedStorage) for
// `rbxpipe check` to chew on: bench/luau_check_bench.sh measures the whole command on it.
int write_corpus_project(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder / "src");
  std::ofstream(folder / "default.project.json")
      << R"({ "name": "corpus", "tree": { "$className": "DataModel", "ReplicatedStorage": { "$path": "src" } } })";
  // The modules every generated one requires, so a check of the corpus reports nothing.
  std::filesystem::create_directories(folder / "src" / "Shared");
  std::ofstream(folder / "src" / "Shared" / "Util.luau") << "return {}\n";
  std::ofstream(folder / "src" / "Config.luau") << "return { speed = 1 }\n";
  const auto& modules = corpus().modules;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    std::ofstream(folder / "src" / ("Module" + std::to_string(i) + ".luau"), std::ios::binary) << modules[i];
  }
  std::printf("wrote %zu modules, %zu bytes, %lld lines to %s\n", modules.size(), corpus().joined.size(),
              static_cast<long long>(corpus().lines), folder.c_str());
  return 0;
}

}  // namespace

// `luau_parse_bench --write-corpus DIR` writes the corpus; anything else runs the benchmarks.
int main(int argc, char** argv) {
  if (argc == 3 && std::string_view(argv[1]) == "--write-corpus") return write_corpus_project(argv[2]);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
