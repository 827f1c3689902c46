#include "pipeline/event.h"

#include <gtest/gtest.h>

#include <thread>

#include "pipeline/stage.h"

namespace rbxpipe::pipeline {
namespace {

Event make_event(EventKind kind, std::string stage) {
  Event event;
  event.kind = kind;
  event.stage = std::move(stage);
  return event;
}

base::Diagnostic make_diagnostic(std::string file, int line, int column) {
  base::Diagnostic diagnostic;
  diagnostic.severity = base::Severity::warning;
  diagnostic.code = "LUAU0007";
  diagnostic.message = "unused local 'x'";
  diagnostic.file = std::move(file);
  diagnostic.location = {line, column};
  return diagnostic;
}

TEST(Event, KindAndStatusNamesAreStable) {
  EXPECT_EQ(event_kind_name(EventKind::stage_started), "stage_started");
  EXPECT_EQ(event_kind_name(EventKind::progress), "progress");
  EXPECT_EQ(event_kind_name(EventKind::diagnostic), "diagnostic");
  EXPECT_EQ(event_kind_name(EventKind::stage_finished), "stage_finished");
  EXPECT_EQ(event_kind_name(EventKind::stage_skipped), "stage_skipped");
  EXPECT_EQ(stage_status_name(StageStatus::ok), "ok");
  EXPECT_EQ(stage_status_name(StageStatus::failed), "failed");
  EXPECT_EQ(stage_status_name(StageStatus::skipped), "skipped");
}

TEST(Event, JsonLineForStageStartedHasOnlyEventAndStage) {
  EXPECT_EQ(event_to_json_line(make_event(EventKind::stage_started, "luau")),
            R"({"event":"stage_started","stage":"luau"})");
}

TEST(Event, JsonLineForProgressHasMessageDoneAndTotal) {
  Event event = make_event(EventKind::progress, "assets");
  event.message = "images/volcano.png";
  event.done = 3;
  event.total = 10;
  EXPECT_EQ(event_to_json_line(event),
            R"({"event":"progress","stage":"assets","message":"images/volcano.png","done":3,"total":10})");
}

TEST(Event, JsonLineForProgressWithoutMessageOmitsIt) {
  Event event = make_event(EventKind::progress, "assets");
  event.done = 0;
  event.total = 0;
  EXPECT_EQ(event_to_json_line(event), R"({"event":"progress","stage":"assets","done":0,"total":0})");
}

TEST(Event, JsonLineForDiagnosticNestsTheDiagnostic) {
  Event event = make_event(EventKind::diagnostic, "luau");
  event.diagnostic = make_diagnostic("src/main.luau", 4, 9);
  EXPECT_EQ(event_to_json_line(event),
            R"({"event":"diagnostic","stage":"luau","diagnostic":{"severity":"warning","code":"LUAU0007",)"
            R"("message":"unused local 'x'","file":"src/main.luau","line":4,"column":9}})");
}

TEST(Event, JsonLineForFinishedHasStatusAndElapsed) {
  Event event = make_event(EventKind::stage_finished, "build");
  event.status = StageStatus::ok;
  event.elapsed = std::chrono::milliseconds(1250);
  EXPECT_EQ(event_to_json_line(event), R"({"event":"stage_finished","stage":"build","status":"ok","elapsed_ms":1250})");
}

TEST(Event, JsonLineForFailedStageCarriesTheMessage) {
  Event event = make_event(EventKind::stage_finished, "upload");
  event.status = StageStatus::failed;
  event.message = "upload asset 'a.png': rate limited";
  event.elapsed = std::chrono::milliseconds(7);
  EXPECT_EQ(event_to_json_line(event),
            R"({"event":"stage_finished","stage":"upload","message":"upload asset 'a.png': rate limited",)"
            R"("status":"failed","elapsed_ms":7})");
}

TEST(Event, JsonLineForSkippedHasMessageAndStatusButNoElapsed) {
  Event event = make_event(EventKind::stage_skipped, "bundle");
  event.status = StageStatus::skipped;
  event.message = "skipped because stage 'build' failed";
  EXPECT_EQ(event_to_json_line(event),
            R"({"event":"stage_skipped","stage":"bundle","message":"skipped because stage 'build' failed",)"
            R"("status":"skipped"})");
}

TEST(Event, JsonLineEscapesQuotesAndNewlines) {
  Event event = make_event(EventKind::progress, "luau");
  event.message = "say \"hi\"\nnext";
  event.total = 1;
  EXPECT_EQ(event_to_json_line(event),
            R"({"event":"progress","stage":"luau","message":"say \"hi\"\nnext","done":0,"total":1})");
}

TEST(Event, JsonLineReplacesInvalidUtf8InsteadOfThrowing) {
  Event event = make_event(EventKind::stage_started, "bad\xff");
  EXPECT_EQ(event_to_json_line(event), "{\"event\":\"stage_started\",\"stage\":\"bad\xEF\xBF\xBD\"}");
}

TEST(EventSink, RecordingKeepsEventsInArrivalOrder) {
  RecordingEventSink sink;
  sink.on_event(make_event(EventKind::stage_started, "a"));
  sink.on_event(make_event(EventKind::stage_finished, "a"));
  sink.on_event(make_event(EventKind::stage_started, "b"));
  const std::vector<Event> events = sink.events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, EventKind::stage_started);
  EXPECT_EQ(events[0].stage, "a");
  EXPECT_EQ(events[1].kind, EventKind::stage_finished);
  EXPECT_EQ(events[2].stage, "b");
}

TEST(EventSink, RecordingKeepsEveryEventFromConcurrentThreads) {
  RecordingEventSink sink;
  constexpr int k_threads = 4;
  constexpr int k_per_thread = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&sink, t] {
      for (int i = 0; i < k_per_thread; ++i) {
        Event event = make_event(EventKind::progress, "s" + std::to_string(t));
        event.done = i;
        sink.on_event(event);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::vector<Event> events = sink.events();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(k_threads * k_per_thread));
  // Each thread's own events must still arrive in the order it sent them.
  std::vector<int> next(k_threads, 0);
  for (const Event& event : events) {
    const int t = std::stoi(event.stage.substr(1));
    EXPECT_EQ(event.done, next[static_cast<std::size_t>(t)]++);
  }
}

TEST(EventSink, FanoutForwardsEachEventToEverySinkInOrder) {
  RecordingEventSink first;
  RecordingEventSink second;
  FanoutEventSink fanout({&first, &second});
  fanout.on_event(make_event(EventKind::stage_started, "a"));
  fanout.on_event(make_event(EventKind::stage_finished, "a"));
  for (const RecordingEventSink* sink : {&first, &second}) {
    const std::vector<Event> events = sink->events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, EventKind::stage_started);
    EXPECT_EQ(events[1].kind, EventKind::stage_finished);
  }
}

TEST(EventSink, FanoutIgnoresNullSinks) {
  RecordingEventSink after;
  FanoutEventSink fanout({nullptr, &after});
  fanout.on_event(make_event(EventKind::stage_started, "b"));
  ASSERT_EQ(after.events().size(), 1u);
  EXPECT_EQ(after.events()[0].stage, "b");
}

TEST(StageContext, ReportKeepsTheDiagnosticAndEmitsAnEvent) {
  ArtifactTable artifacts;
  RecordingEventSink sink;
  StageContext context("luau", artifacts, sink);
  context.report(make_diagnostic("src/a.luau", 2, 3));

  ASSERT_EQ(context.diagnostics().size(), 1u);
  EXPECT_EQ(context.diagnostics()[0], make_diagnostic("src/a.luau", 2, 3));
  const std::vector<Event> events = sink.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::diagnostic);
  EXPECT_EQ(events[0].stage, "luau");
  ASSERT_TRUE(events[0].diagnostic.has_value());
  EXPECT_EQ(*events[0].diagnostic, make_diagnostic("src/a.luau", 2, 3));
}

TEST(StageContext, ProgressEmitsAProgressEventWithoutKeepingAnything) {
  ArtifactTable artifacts;
  RecordingEventSink sink;
  StageContext context("assets", artifacts, sink);
  context.progress(2, 5, "images/a.png");

  EXPECT_TRUE(context.diagnostics().empty());
  const std::vector<Event> events = sink.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::progress);
  EXPECT_EQ(events[0].stage, "assets");
  EXPECT_EQ(events[0].done, 2);
  EXPECT_EQ(events[0].total, 5);
  EXPECT_EQ(events[0].message, "images/a.png");
  EXPECT_EQ(context.stage_name(), "assets");
}

TEST(StageContext, ArtifactsAreTheSharedTable) {
  ArtifactTable artifacts;
  RecordingEventSink sink;
  StageContext context("project", artifacts, sink);
  ASSERT_TRUE(context.artifacts().put("project", std::string("volcano")).ok());
  const std::string* value = artifacts.get<std::string>("project");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, "volcano");
}

TEST(ArtifactTable, PutTwiceIsAConflict) {
  ArtifactTable artifacts;
  ASSERT_TRUE(artifacts.put("tree", 1).ok());
  base::Result<void> again = artifacts.put("tree", 2);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), base::ErrorCode::conflict);
  ASSERT_NE(artifacts.get<int>("tree"), nullptr);
  EXPECT_EQ(*artifacts.get<int>("tree"), 1);
}

TEST(ArtifactTable, GetWithTheWrongTypeIsNull) {
  ArtifactTable artifacts;
  ASSERT_TRUE(artifacts.put("tree", 1).ok());
  EXPECT_EQ(artifacts.get<std::string>("tree"), nullptr);
  EXPECT_EQ(artifacts.get<long>("tree"), nullptr);
  EXPECT_NE(artifacts.get<int>("tree"), nullptr);
}

TEST(ArtifactTable, MissingKeyIsNullAndNotContained) {
  ArtifactTable artifacts;
  EXPECT_EQ(artifacts.get<int>("tree"), nullptr);
  EXPECT_FALSE(artifacts.contains("tree"));
  ASSERT_TRUE(artifacts.put("tree", 1).ok());
  EXPECT_TRUE(artifacts.contains("tree"));
}

}  // namespace
}  // namespace rbxpipe::pipeline
