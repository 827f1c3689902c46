#include "pipeline/runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace rbxpipe::pipeline {
namespace {

using Body = std::function<base::Result<void>(StageContext&)>;
using Keys = std::vector<std::string>;

// A stage whose declaration is given and whose work is a lambda; without one it puts an int under each product.
class FakeStage final : public Stage {
 public:
  FakeStage(std::string stage_name, Keys stage_needs, Keys stage_products, Body body)
      : m_name(std::move(stage_name)), m_needs(std::move(stage_needs)), m_produces(std::move(stage_products)),
        m_body(std::move(body)) {}
  std::string_view name() const override { return m_name; }
  std::vector<std::string> needs() const override { return m_needs; }
  std::vector<std::string> produces() const override { return m_produces; }
  base::Result<void> run(StageContext& context) override {
    if (m_body) return m_body(context);
    for (const std::string& key : m_produces) RBXPIPE_TRY(context.artifacts().put(key, 1));
    return base::ok();
  }

 private:
  std::string m_name;
  Keys m_needs;
  Keys m_produces;
  Body m_body;
};

std::unique_ptr<Stage> stage(std::string name, Keys needs, Keys produces, Body body = {}) {
  return std::make_unique<FakeStage>(std::move(name), std::move(needs), std::move(produces), std::move(body));
}

// Lets `expected` stages meet; a stage that waits longer than the timeout gives up instead of hanging the test.
class Rendezvous {
 public:
  explicit Rendezvous(int expected) : m_expected(expected) {}
  bool arrive_and_wait(std::chrono::seconds timeout) {
    std::unique_lock lock(m_mutex);
    ++m_arrived;
    m_changed.notify_all();
    return m_changed.wait_for(lock, timeout, [this] { return m_arrived >= m_expected; });
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  int m_expected;
  int m_arrived = 0;
};

std::vector<Event> events_of(const std::vector<Event>& events, const std::string& name) {
  std::vector<Event> selected;
  for (const Event& event : events) {
    if (event.stage == name) selected.push_back(event);
  }
  return selected;
}

std::ptrdiff_t index_of(const std::vector<Event>& events, const std::string& name, EventKind kind) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].stage == name && events[i].kind == kind) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

base::Diagnostic diagnostic_at(std::string file, int line) {
  base::Diagnostic diagnostic;
  diagnostic.code = "TEST0001";
  diagnostic.message = "problem";
  diagnostic.file = std::move(file);
  diagnostic.location = {line, 1};
  return diagnostic;
}

TEST(Runner, PlanPutsProducersBeforeTheirConsumers) {
  Runner runner;
  runner.add(stage("bundle", {"place"}, {"release"}));
  runner.add(stage("build", {"tree"}, {"place"}));
  runner.add(stage("project", {}, {"tree"}));
  auto plan = runner.plan();
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(*plan, (Keys{"project", "build", "bundle"}));
}

TEST(Runner, PlanBreaksTiesByPickingTheEarliestAddedReadyStage) {
  Runner runner;
  runner.add(stage("d", {"a_out"}, {}));
  runner.add(stage("b", {}, {}));
  runner.add(stage("a", {}, {"a_out"}));
  runner.add(stage("c", {}, {}));
  auto plan = runner.plan();
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  // Once "a" is placed, "d" (added first) is ready and goes before "c".
  EXPECT_EQ(*plan, (Keys{"b", "a", "d", "c"}));
}

TEST(Runner, PlanRejectsANeedThatNoStageProduces) {
  Runner runner;
  runner.add(stage("build", {"tree"}, {"place"}));
  auto plan = runner.plan();
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(plan.error().message(), "stage 'build' needs 'tree', which no stage produces");
}

TEST(Runner, PlanRejectsAKeyProducedByTwoStages) {
  Runner runner;
  runner.add(stage("project", {}, {"tree"}));
  runner.add(stage("lesson", {}, {"tree"}));
  auto plan = runner.plan();
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(plan.error().message(), "artifact 'tree' is produced by both 'project' and 'lesson'");
}

TEST(Runner, PlanRejectsDuplicateStageNames) {
  Runner runner;
  runner.add(stage("luau", {}, {"a"}));
  runner.add(stage("luau", {}, {"b"}));
  auto plan = runner.plan();
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(plan.error().message(), "two stages are named 'luau'");
}

TEST(Runner, PlanNamesEveryStageOfACycle) {
  Runner runner;
  runner.add(stage("outside", {"z"}, {}));
  runner.add(stage("a", {"z"}, {"x"}));
  runner.add(stage("b", {"x"}, {"y"}));
  runner.add(stage("c", {"y"}, {"z"}));
  auto plan = runner.plan();
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(plan.error().message(),
            "stage needs form a cycle: 'a' needs 'z' from 'c', 'c' needs 'y' from 'b', 'b' needs 'x' from 'a'");

  Runner self;
  self.add(stage("loop", {"x"}, {"x"}));
  ASSERT_FALSE(self.plan().ok());
  EXPECT_EQ(self.plan().error().message(), "stage needs form a cycle: 'loop' needs 'x' from 'loop'");
}

TEST(Runner, RunWithAnInvalidPlanFailsWithoutRunningAnything) {
  std::atomic<int> runs{0};
  Runner runner;
  runner.add(stage("project", {}, {"tree"}, [&](StageContext&) { ++runs; return base::ok(); }));
  runner.add(stage("build", {"missing"}, {}));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(runs.load(), 0);
  EXPECT_TRUE(events.events().empty());
}

TEST(Runner, StagesReadTheProductsOfTheirDependencies) {
  Runner runner;
  runner.add(stage("double", {"number"}, {"doubled"}, [](StageContext& context) {
    const int* number = context.artifacts().get<int>("number");
    if (number == nullptr) return base::Result<void>(base::Error(base::ErrorCode::internal, "no number"));
    return context.artifacts().put("doubled", *number * 2);
  }));
  runner.add(stage("source", {}, {"number"}, [](StageContext& context) {
    return context.artifacts().put("number", 21);
  }));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_TRUE(result->all_ok());
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].name, "source");
  EXPECT_EQ(result->stages[1].name, "double");
  ASSERT_NE(artifacts.get<int>("doubled"), nullptr);
  EXPECT_EQ(*artifacts.get<int>("doubled"), 42);
}

TEST(Runner, ProvidedArtifactsSatisfyNeeds) {
  ArtifactTable artifacts;
  ASSERT_TRUE(artifacts.put("project", std::string("volcano")).ok());
  Runner runner;
  runner.add(stage("build", {"project"}, {"place"}, [](StageContext& context) {
    const std::string* project = context.artifacts().get<std::string>("project");
    if (project == nullptr) return base::Result<void>(base::Error(base::ErrorCode::internal, "no project"));
    return context.artifacts().put("place", *project + ".rbxl");
  }));
  auto plan = runner.plan({"project"});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(*plan, (Keys{"build"}));
  RecordingEventSink events;
  auto result = runner.run(artifacts, events);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_TRUE(result->all_ok());
  ASSERT_NE(artifacts.get<std::string>("place"), nullptr);
  EXPECT_EQ(*artifacts.get<std::string>("place"), "volcano.rbxl");
}

TEST(Runner, FailureSkipsDependentsTransitivelyWhileIndependentStagesRun) {
  std::atomic<int> dependent_runs{0};
  std::atomic<int> independent_runs{0};
  auto count = [](std::atomic<int>& counter, std::string key) {
    return [&counter, key](StageContext& context) { ++counter; return context.artifacts().put(key, 1); };
  };
  Runner runner;
  runner.add(stage("build", {}, {"place"}, [](StageContext&) {
    return base::Result<void>(base::Error(base::ErrorCode::invalid_input, "bad tree").with_context("build place"));
  }));
  runner.add(stage("bundle", {"place"}, {"release"}, count(dependent_runs, "release")));
  runner.add(stage("publish", {"release"}, {"version"}, count(dependent_runs, "version")));
  runner.add(stage("luau", {}, {"checked"}, count(independent_runs, "checked")));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events, {.max_parallelism = 2});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_FALSE(result->all_ok());
  EXPECT_EQ(dependent_runs.load(), 0);
  EXPECT_EQ(independent_runs.load(), 1);

  ASSERT_EQ(result->stages.size(), 4u);
  EXPECT_EQ(result->stages[0].name, "build");
  EXPECT_EQ(result->stages[0].status, StageStatus::failed);
  EXPECT_EQ(result->stages[0].message, "build place: bad tree");
  EXPECT_EQ(result->stages[1].name, "bundle");
  EXPECT_EQ(result->stages[1].status, StageStatus::skipped);
  EXPECT_EQ(result->stages[1].message, "skipped because stage 'build' failed");
  EXPECT_EQ(result->stages[2].name, "publish");
  EXPECT_EQ(result->stages[2].status, StageStatus::skipped);
  EXPECT_EQ(result->stages[2].message, "skipped because stage 'build' failed");
  EXPECT_EQ(result->stages[3].name, "luau");
  EXPECT_EQ(result->stages[3].status, StageStatus::ok);

  const std::vector<Event> recorded = events.events();
  const std::vector<Event> publish = events_of(recorded, "publish");
  ASSERT_EQ(publish.size(), 1u);
  EXPECT_EQ(publish[0].kind, EventKind::stage_skipped);
  EXPECT_EQ(publish[0].status, StageStatus::skipped);
  EXPECT_EQ(publish[0].message, "skipped because stage 'build' failed");
  EXPECT_LT(index_of(recorded, "build", EventKind::stage_finished),
            index_of(recorded, "bundle", EventKind::stage_skipped));
  EXPECT_EQ(index_of(recorded, "bundle", EventKind::stage_started), -1);
}

TEST(Runner, StageThatThrowsIsFailedWithAnInternalError) {
  Runner runner;
  runner.add(stage("luau", {}, {"checked"}, [](StageContext&) -> base::Result<void> {
    throw std::runtime_error("boom");
  }));
  runner.add(stage("after", {"checked"}, {}));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].status, StageStatus::failed);
  EXPECT_EQ(result->stages[0].message, "stage 'luau' threw an exception: boom");
  EXPECT_EQ(result->stages[1].status, StageStatus::skipped);
  const std::vector<Event> luau = events_of(events.events(), "luau");
  ASSERT_EQ(luau.size(), 2u);
  EXPECT_EQ(luau[1].kind, EventKind::stage_finished);
  EXPECT_EQ(luau[1].status, StageStatus::failed);
  EXPECT_EQ(luau[1].message, "stage 'luau' threw an exception: boom");
}

TEST(Runner, StageThatSucceedsWithoutItsProductsIsFailed) {
  Runner runner;
  runner.add(stage("assets", {}, {"processed", "sheet"}, [](StageContext& context) {
    return context.artifacts().put("processed", 1);
  }));
  runner.add(stage("upload", {"sheet"}, {}));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].status, StageStatus::failed);
  EXPECT_EQ(result->stages[0].message, "stage 'assets' finished without producing 'sheet'");
  EXPECT_EQ(result->stages[1].status, StageStatus::skipped);
  EXPECT_EQ(result->stages[1].message, "skipped because stage 'assets' failed");
}

TEST(Runner, IndependentStagesRunConcurrently) {
  Rendezvous rendezvous(2);
  auto meet = [&rendezvous](StageContext&) -> base::Result<void> {
    if (!rendezvous.arrive_and_wait(std::chrono::seconds(20))) {
      return base::Error(base::ErrorCode::timeout, "the other stage never ran alongside this one");
    }
    return base::ok();
  };
  Runner runner;
  runner.add(stage("left", {}, {}, meet));
  runner.add(stage("right", {}, {}, meet));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events, {.max_parallelism = 2});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  for (const StageOutcome& outcome : result->stages) {
    EXPECT_EQ(outcome.status, StageStatus::ok) << outcome.name << ": " << outcome.message;
  }
}

TEST(Runner, MaxParallelismOneRunsEveryStageOnTheCallingThread) {
  std::mutex mutex;
  std::vector<std::thread::id> threads;
  auto work = [&](StageContext&) {
    std::lock_guard lock(mutex);
    threads.push_back(std::this_thread::get_id());
    return base::ok();
  };
  Runner runner;
  for (const char* name : {"a", "b", "c", "d"}) runner.add(stage(name, {}, {}, work));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events, {.max_parallelism = 1});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_TRUE(result->all_ok());
  // A one-thread arena has no worker slots, so only the caller can have run the stages, one after another.
  ASSERT_EQ(threads.size(), 4u);
  for (const std::thread::id& id : threads) EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(Runner, EventsOfAStageComeBetweenItsStartAndFinish) {
  Runner runner;
  runner.add(stage("luau", {}, {"checked"}, [](StageContext& context) {
    context.report(diagnostic_at("src/a.luau", 3));
    context.progress(1, 2, "src/a.luau");
    context.report(diagnostic_at("src/b.luau", 1));
    return context.artifacts().put("checked", true);
  }));
  runner.add(stage("build", {"checked"}, {}));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events);
  ASSERT_TRUE(result.ok()) << result.error().to_string();

  const std::vector<Event> recorded = events.events();
  const std::vector<Event> luau = events_of(recorded, "luau");
  ASSERT_EQ(luau.size(), 5u);
  EXPECT_EQ(luau[0].kind, EventKind::stage_started);
  EXPECT_EQ(luau[1].kind, EventKind::diagnostic);
  EXPECT_EQ(luau[2].kind, EventKind::progress);
  EXPECT_EQ(luau[3].kind, EventKind::diagnostic);
  EXPECT_EQ(luau[4].kind, EventKind::stage_finished);
  EXPECT_EQ(luau[4].status, StageStatus::ok);
  const std::vector<Event> build = events_of(recorded, "build");
  ASSERT_EQ(build.size(), 2u);
  EXPECT_EQ(build[0].kind, EventKind::stage_started);
  EXPECT_EQ(build[1].kind, EventKind::stage_finished);
  EXPECT_LT(index_of(recorded, "luau", EventKind::stage_finished),
            index_of(recorded, "build", EventKind::stage_started));
}

TEST(Runner, DiagnosticsFromAllStagesAreCollectedSorted) {
  Runner runner;
  runner.add(stage("second", {}, {}, [](StageContext& context) {
    context.report(diagnostic_at("b.luau", 2));
    context.report(diagnostic_at("a.luau", 9));
    return base::ok();
  }));
  runner.add(stage("first", {}, {}, [](StageContext& context) {
    context.report(diagnostic_at("a.luau", 1));
    return base::Result<void>(base::Error(base::ErrorCode::internal, "failed after reporting"));
  }));
  ArtifactTable artifacts;
  RecordingEventSink events;
  auto result = runner.run(artifacts, events, {.max_parallelism = 2});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->diagnostics.size(), 3u);
  EXPECT_EQ(result->diagnostics[0], diagnostic_at("a.luau", 1));
  EXPECT_EQ(result->diagnostics[1], diagnostic_at("a.luau", 9));
  EXPECT_EQ(result->diagnostics[2], diagnostic_at("b.luau", 2));
}

TEST(Runner, ResultAllOkIsFalseWhenAnyStageDidNotSucceed) {
  RunResult result;
  EXPECT_TRUE(result.all_ok());
  result.stages.push_back({"a", StageStatus::ok, {}, {}});
  EXPECT_TRUE(result.all_ok());
  result.stages.push_back({"b", StageStatus::skipped, "skipped", {}});
  EXPECT_FALSE(result.all_ok());
}

}  // namespace
}  // namespace rbxpipe::pipeline
