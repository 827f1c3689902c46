// How much reading JSON inputs costs us over plain nlohmann parsing (the baseline, measured in the same run):
// the JSONC reader (comments, trailing commas, a location for every value), schema validation, and a whole
// lesson.json read with its checks. Run: build/bench/bench/json_input_bench (configure with -DRBXPIPE_BUILD_BENCH=ON).
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "base/embedded_files.h"
#include "base/json_schema.h"
#include "base/jsonc.h"
#include "pipeline/lesson.h"

namespace {

// A large but realistic lesson: `questions` quiz questions of four choices each, with comments sprinkled in.
std::string make_lesson(int questions) {
  std::string text = "{\n  // generated lesson\n  \"id\": \"big\", \"title\": \"Big lesson\", \"subject\": \"science\",\n";
  text += "  \"steps\": [\n";
  for (int i = 0; i < questions / 4; ++i) {
    text += "    { \"id\": \"s" + std::to_string(i) + "\", \"title\": \"Step\", \"text\": \"Some text about step " +
            std::to_string(i) + "\" },\n";
  }
  text += "  ],\n  \"quizzes\": [ { \"id\": \"q\", \"questions\": [\n";
  for (int i = 0; i < questions; ++i) {
    text += "    { \"id\": \"q" + std::to_string(i) + "\", \"prompt\": \"Question " + std::to_string(i) +
            "?\", /* four choices */\n      \"choices\": [";
    for (char c = 'a'; c <= 'd'; ++c) text += std::string("{ \"id\": \"") + c + "\", \"text\": \"Choice " + c + "\" },";
    text += "],\n      \"answer\": [\"b\"], \"points\": 10 },\n";
  }
  text += "  ] } ],\n  \"translations\": { \"es\": { \"title\": \"Grande\" } },\n}\n";
  return text;
}

const std::string& lesson_text() {
  static const std::string text = make_lesson(4000);
  return text;
}

const std::string& clean_text() {
  static const std::string text = [] {
    rbxpipe::base::SourceText source("lesson.json", lesson_text());
    return rbxpipe::base::JsoncDocument::parse(source).json();
  }();
  return text;
}

void BM_NlohmannParseBaseline(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::ordered_json::parse(clean_text()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * clean_text().size()));
}
BENCHMARK(BM_NlohmannParseBaseline)->Unit(benchmark::kMillisecond);

void BM_JsoncReadWithLocations(benchmark::State& state) {
  rbxpipe::base::SourceText source("lesson.json", lesson_text());
  for (auto _ : state) benchmark::DoNotOptimize(rbxpipe::base::JsoncDocument::parse(source));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * lesson_text().size()));
}
BENCHMARK(BM_JsoncReadWithLocations)->Unit(benchmark::kMillisecond);

void BM_SchemaValidate(benchmark::State& state) {
  auto schema = rbxpipe::base::JsonSchema::parse(*rbxpipe::base::embedded_file("schemas/lesson.schema.json"));
  for (auto _ : state) benchmark::DoNotOptimize(schema->validate(clean_text()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * clean_text().size()));
}
BENCHMARK(BM_SchemaValidate)->Unit(benchmark::kMillisecond);

void BM_ReadLessonEndToEnd(benchmark::State& state) {
  rbxpipe::base::SourceText source("lesson.json", lesson_text());
  rbxpipe::pipeline::LessonContext context;
  for (auto _ : state) {
    std::vector<rbxpipe::base::Diagnostic> diagnostics;
    benchmark::DoNotOptimize(rbxpipe::pipeline::read_lesson(source, context, diagnostics));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * lesson_text().size()));
}
BENCHMARK(BM_ReadLessonEndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace
