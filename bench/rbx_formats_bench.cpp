// Model file throughput: read and write of a generated 100,000-Part model and of 1,000 ModuleScripts of 100 lines,
// in both formats, plus the floor for binary writing: plain LZ4 compression of the same output bytes, measured in
// the same run. Counters: bytes/s (MB/s) and instances/s.
#include <benchmark/benchmark.h>
#include <lz4.h>

#include <cstdint>
#include <string>

#include "rbx/binary/binary.h"
#include "rbx/dom/dom.h"
#include "rbx/xml/xml.h"

namespace {

using rbxpipe::rbx::dom::Dom;
namespace types = rbxpipe::rbx::types;

// A small deterministic generator, so the model is varied (like a real map) yet identical on every run.
class Lcg {
 public:
  float next(float low, float high) {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return low + (high - low) * static_cast<float>(m_state >> 40) / static_cast<float>(1ULL << 24);
  }

 private:
  std::uint64_t m_state = 42;
};

Dom make_parts(int count) {
  Dom dom;
  Lcg random;
  auto model = dom.insert(dom.root(), "Model", "Parts");
  for (int i = 0; i < count; ++i) {
    auto part = dom.insert(model, "Part", "Part" + std::to_string(i % 100));
    dom.set_property(part, "CFrame", types::CFrame{{random.next(-500, 500), random.next(0, 100), random.next(-500, 500)},
                                                   {1, 0, 0, 0, 1, 0, 0, 0, 1}});
    dom.set_property(part, "Size", types::Vector3{random.next(1, 10), random.next(1, 10), random.next(1, 10)});
    dom.set_property(part, "Color", types::Color3{random.next(0, 1), random.next(0, 1), random.next(0, 1)});
    dom.set_property(part, "Anchored", i % 2 == 0);
    dom.set_property(part, "Transparency", i % 7 == 0 ? 0.5f : 0.0f);
    dom.set_property(part, "Material", types::Enum{i % 3 == 0 ? 256u : 288u});
  }
  return dom;
}

Dom make_scripts(int count, int lines) {
  Dom dom;
  auto folder = dom.insert(dom.root(), "Folder", "Modules");
  for (int i = 0; i < count; ++i) {
    auto module = dom.insert(folder, "ModuleScript", "Module" + std::to_string(i));
    // Each module differs on every line, as real code does, so compression cannot fold them together.
    std::string text;
    for (int line = 0; line < lines; ++line) {
      text += "local v" + std::to_string(line) + " = compute(" + std::to_string(i * lines + line) + ", \"m" +
              std::to_string(i) + "\") -- line " + std::to_string(line) + "\n";
    }
    dom.set_property(module, "Source", types::ProtectedString{text});
  }
  return dom;
}

const Dom& parts() {
  static const Dom dom = make_parts(100000);
  return dom;
}

const Dom& scripts() {
  static const Dom dom = make_scripts(1000, 100);
  return dom;
}

const Dom& pick(int which) { return which == 0 ? parts() : scripts(); }

void set_counters(benchmark::State& state, const Dom& dom, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["instances/s"] = benchmark::Counter(static_cast<double>(state.iterations() * (dom.size() - 1)),
                                                     benchmark::Counter::kIsRate);
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
}

// Bytes are counted uncompressed (what was serialized), the same measure the LZ4 floor uses.
std::size_t uncompressed_binary_size(const Dom& dom) {
  rbxpipe::rbx::binary::WriteOptions raw;
  raw.compression = rbxpipe::rbx::binary::Compression::none;
  return rbxpipe::rbx::binary::write(dom, dom.get(dom.root()).children, raw).value().size();
}

void BM_BinaryWrite(benchmark::State& state) {
  const Dom& dom = pick(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(rbxpipe::rbx::binary::write(dom, dom.get(dom.root()).children));
  set_counters(state, dom, uncompressed_binary_size(dom));
}

// The floor: LZ4 over the uncompressed binary output, i.e. the compression work any binary writer must do.
void BM_Lz4FloorOfBinaryWrite(benchmark::State& state) {
  const Dom& dom = pick(static_cast<int>(state.range(0)));
  rbxpipe::rbx::binary::WriteOptions raw;
  raw.compression = rbxpipe::rbx::binary::Compression::none;
  std::string bytes = rbxpipe::rbx::binary::write(dom, dom.get(dom.root()).children, raw).value();
  std::string out(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(bytes.size()))), '\0');
  for (auto _ : state) {
    benchmark::DoNotOptimize(LZ4_compress_default(bytes.data(), out.data(), static_cast<int>(bytes.size()),
                                                  static_cast<int>(out.size())));
  }
  set_counters(state, dom, bytes.size());
}

void BM_BinaryRead(benchmark::State& state) {
  const Dom& dom = pick(static_cast<int>(state.range(0)));
  std::string bytes = rbxpipe::rbx::binary::write(dom, dom.get(dom.root()).children).value();
  for (auto _ : state) benchmark::DoNotOptimize(rbxpipe::rbx::binary::read(bytes));
  set_counters(state, dom, uncompressed_binary_size(dom));
}

void BM_XmlWrite(benchmark::State& state) {
  const Dom& dom = pick(static_cast<int>(state.range(0)));
  std::size_t size = 0;
  for (auto _ : state) size = rbxpipe::rbx::xml::write(dom, dom.get(dom.root()).children).value().size();
  set_counters(state, dom, size);
}

void BM_XmlRead(benchmark::State& state) {
  const Dom& dom = pick(static_cast<int>(state.range(0)));
  std::string text = rbxpipe::rbx::xml::write(dom, dom.get(dom.root()).children).value();
  for (auto _ : state) benchmark::DoNotOptimize(rbxpipe::rbx::xml::read(text));
  set_counters(state, dom, text.size());
}

// Argument 0: 100,000 Parts; argument 1: 1,000 ModuleScripts of 100 lines.
BENCHMARK(BM_BinaryWrite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lz4FloorOfBinaryWrite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BinaryRead)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_XmlWrite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_XmlRead)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
