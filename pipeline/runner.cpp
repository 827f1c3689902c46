#include "pipeline/runner.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

namespace rbxpipe::pipeline {
namespace {

// A stage's declaration, read once: name(), needs() and produces() are virtual and may build fresh vectors.
struct Declaration {
  std::string name;
  std::vector<std::string> needs;
  std::vector<std::string> produces;
};

// Edges between stages by insertion index; dependencies are deduplicated so they can be counted down exactly.
struct Graph {
  std::vector<std::vector<std::size_t>> dependencies;
  std::vector<std::vector<std::size_t>> dependents;
};

struct Plan {
  std::vector<std::size_t> order;
  Graph graph;
};

base::Error invalid(std::string message) { return base::Error(base::ErrorCode::invalid_input, std::move(message)); }

std::vector<Declaration> declare(const std::vector<std::unique_ptr<Stage>>& stages) {
  std::vector<Declaration> declarations;
  declarations.reserve(stages.size());
  for (const auto& stage : stages) {
    declarations.push_back({std::string(stage->name()), stage->needs(), stage->produces()});
  }
  return declarations;
}

// The first need whose producer Kahn's algorithm left unplaced, with that producer: one step around a cycle.
std::optional<std::pair<std::size_t, std::string>> remaining_producer(const Declaration& declaration,
                                                                    const std::map<std::string, std::size_t>& producers,
                                                                    const std::vector<bool>& placed) {
  for (const std::string& need : declaration.needs) {
    auto found = producers.find(need);
    if (found != producers.end() && !placed[found->second]) return std::make_pair(found->second, need);
  }
  return std::nullopt;
}

// Every stage Kahn's algorithm could not place waits on another unplaced stage, so following those waits from any
// of them must revisit a stage; the loop from that stage on is a cycle.
std::string describe_cycle(const std::vector<Declaration>& declarations,
                           const std::map<std::string, std::size_t>& producers, const std::vector<bool>& placed) {
  std::size_t current = static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
  std::vector<std::pair<std::size_t, std::string>> walk;  // stage, and the key it needs from the next one
  std::vector<std::ptrdiff_t> position(declarations.size(), -1);
  while (position[current] < 0) {
    auto next = remaining_producer(declarations[current], producers, placed);
    if (!next) break;  // cannot happen for a true leftover; stop rather than loop forever
    position[current] = static_cast<std::ptrdiff_t>(walk.size());
    walk.emplace_back(current, next->second);
    current = next->first;
  }
  std::vector<std::pair<std::size_t, std::string>> cycle(walk.begin() + std::max<std::ptrdiff_t>(position[current], 0),
                                                         walk.end());
  // Starting at the earliest-added stage makes the message independent of where the walk happened to begin.
  auto first = std::min_element(cycle.begin(), cycle.end());
  std::rotate(cycle.begin(), first, cycle.end());
  std::string message = "stage needs form a cycle: ";
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    const std::size_t next = cycle[(i + 1) % cycle.size()].first;
    if (i > 0) message += ", ";
    message += "'" + declarations[cycle[i].first].name + "' needs '" + cycle[i].second + "' from '" +
               declarations[next].name + "'";
  }
  return message;
}

base::Result<Plan> make_plan(const std::vector<Declaration>& declarations, const std::vector<std::string>& provided) {
  const std::size_t count = declarations.size();
  std::set<std::string> names;
  for (const Declaration& declaration : declarations) {
    if (!names.insert(declaration.name).second) return invalid("two stages are named '" + declaration.name + "'");
  }
  std::map<std::string, std::size_t> producers;
  for (std::size_t i = 0; i < count; ++i) {
    for (const std::string& key : declarations[i].produces) {
      auto [found, inserted] = producers.emplace(key, i);
      if (!inserted && found->second != i) {
        return invalid("artifact '" + key + "' is produced by both '" + declarations[found->second].name +
                       "' and '" + declarations[i].name + "'");
      }
    }
  }
  const std::set<std::string> available(provided.begin(), provided.end());
  Plan plan;
  plan.graph.dependencies.resize(count);
  plan.graph.dependents.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    for (const std::string& need : declarations[i].needs) {
      auto found = producers.find(need);
      if (found == producers.end()) {
        if (available.contains(need)) continue;
        return invalid("stage '" + declarations[i].name + "' needs '" + need + "', which no stage produces");
      }
      auto& dependencies = plan.graph.dependencies[i];
      if (std::find(dependencies.begin(), dependencies.end(), found->second) != dependencies.end()) continue;
      dependencies.push_back(found->second);
      plan.graph.dependents[found->second].push_back(i);
    }
  }
  // Kahn's algorithm; an ordered set of ready stages yields the earliest-added one first, so ties follow add().
  std::vector<std::size_t> waiting(count);
  std::set<std::size_t> ready;
  for (std::size_t i = 0; i < count; ++i) {
    waiting[i] = plan.graph.dependencies[i].size();
    if (waiting[i] == 0) ready.insert(i);
  }
  std::vector<bool> placed(count, false);
  while (!ready.empty()) {
    const std::size_t next = *ready.begin();
    ready.erase(ready.begin());
    placed[next] = true;
    plan.order.push_back(next);
    for (std::size_t dependent : plan.graph.dependents[next]) {
      if (--waiting[dependent] == 0) ready.insert(dependent);
    }
  }
  if (plan.order.size() != count) return invalid(describe_cycle(declarations, producers, placed));
  return plan;
}

// Shared state of one run. Each stage's slots are written by the one task that finishes or skips it, before that
// task counts down its dependents; the acq_rel countdown makes those writes visible to whoever reaches zero.
class Execution {
 public:
  Execution(const std::vector<std::unique_ptr<Stage>>& stages, const std::vector<Declaration>& declarations,
            const Graph& graph, ArtifactTable& artifacts, EventSink& events)
      : m_stages(stages), m_declarations(declarations), m_graph(graph), m_artifacts(artifacts), m_events(events),
        m_outcomes(stages.size()), m_diagnostics(stages.size()), m_failed_root(stages.size()),
        m_waiting(stages.size()) {
    for (std::size_t i = 0; i < stages.size(); ++i) {
      m_outcomes[i].name = declarations[i].name;
      m_waiting[i].store(graph.dependencies[i].size(), std::memory_order_relaxed);
    }
  }

  void start(tbb::task_group& group, const std::vector<std::size_t>& order) {
    m_group = &group;
    for (std::size_t index : order) {
      if (m_graph.dependencies[index].empty()) spawn(index);
    }
  }

  RunResult collect(const std::vector<std::size_t>& order) {
    RunResult result;
    for (std::size_t index : order) {
      result.stages.push_back(std::move(m_outcomes[index]));
      for (auto& diagnostic : m_diagnostics[index]) result.diagnostics.push_back(std::move(diagnostic));
    }
    base::sort_diagnostics(result.diagnostics);
    return result;
  }

 private:
  void spawn(std::size_t index) {
    m_group->run([this, index] { execute(index); });
  }

  // Sinks only observe the run; one that throws must not leave dependents waiting forever or abort the workers.
  void emit(const Event& event) {
    try {
      m_events.on_event(event);
    } catch (...) {
    }
  }

  // A stage's exception is a bug in that stage, reported as its failure instead of unwinding through TBB.
  std::optional<base::Error> invoke(std::size_t index, StageContext& context) {
    const std::string& name = m_declarations[index].name;
    try {
      base::Result<void> result = m_stages[index]->run(context);
      if (!result) return std::move(result).error();
    } catch (const std::exception& exception) {
      return base::Error(base::ErrorCode::internal, "stage '" + name + "' threw an exception: " + exception.what());
    } catch (...) {
      return base::Error(base::ErrorCode::internal, "stage '" + name + "' threw a non-standard exception");
    }
    // Dependents read these keys without checking, so a broken promise must fail here rather than there.
    for (const std::string& key : m_declarations[index].produces) {
      if (!m_artifacts.contains(key)) {
        return base::Error(base::ErrorCode::internal,
                           "stage '" + name + "' finished without producing '" + key + "'");
      }
    }
    return std::nullopt;
  }

  void execute(std::size_t index) {
    const std::string& name = m_declarations[index].name;
    Event started;
    started.kind = EventKind::stage_started;
    started.stage = name;
    emit(started);

    StageContext context(name, m_artifacts, m_events);
    const auto begin = std::chrono::steady_clock::now();
    std::optional<base::Error> error = invoke(index, context);
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin);

    StageOutcome& outcome = m_outcomes[index];
    outcome.status = error ? StageStatus::failed : StageStatus::ok;
    outcome.message = error ? error->to_string() : std::string();
    outcome.elapsed = elapsed;
    m_diagnostics[index] = context.diagnostics();
    if (error) m_failed_root[index] = name;

    Event finished;
    finished.kind = EventKind::stage_finished;
    finished.stage = name;
    finished.message = outcome.message;
    finished.status = outcome.status;
    finished.elapsed = elapsed;
    emit(finished);
    release(index);
  }

  // Skipping a stage completes it at once, so its own dependents are handled here too instead of through tasks.
  void release(std::size_t index) {
    std::vector<std::size_t> completed{index};
    while (!completed.empty()) {
      const std::size_t done = completed.back();
      completed.pop_back();
      for (std::size_t dependent : m_graph.dependents[done]) {
        if (m_waiting[dependent].fetch_sub(1, std::memory_order_acq_rel) != 1) continue;
        if (auto root = failed_root_of_dependencies(dependent)) {
          skip(dependent, *root);
          completed.push_back(dependent);
        } else {
          spawn(dependent);
        }
      }
    }
  }

  std::optional<std::string> failed_root_of_dependencies(std::size_t index) const {
    for (std::size_t dependency : m_graph.dependencies[index]) {
      if (m_outcomes[dependency].status != StageStatus::ok) return m_failed_root[dependency];
    }
    return std::nullopt;
  }

  void skip(std::size_t index, const std::string& root) {
    StageOutcome& outcome = m_outcomes[index];
    outcome.status = StageStatus::skipped;
    outcome.message = "skipped because stage '" + root + "' failed";
    m_failed_root[index] = root;

    Event skipped;
    skipped.kind = EventKind::stage_skipped;
    skipped.stage = outcome.name;
    skipped.message = outcome.message;
    skipped.status = StageStatus::skipped;
    emit(skipped);
  }

  const std::vector<std::unique_ptr<Stage>>& m_stages;
  const std::vector<Declaration>& m_declarations;
  const Graph& m_graph;
  ArtifactTable& m_artifacts;
  EventSink& m_events;
  tbb::task_group* m_group = nullptr;
  std::vector<StageOutcome> m_outcomes;
  std::vector<std::vector<base::Diagnostic>> m_diagnostics;
  std::vector<std::string> m_failed_root;  // the failed stage behind a failure or skip, for skip messages
  std::vector<std::atomic<std::size_t>> m_waiting;
};

}  // namespace

bool RunResult::all_ok() const {
  return std::all_of(stages.begin(), stages.end(),
                     [](const StageOutcome& outcome) { return outcome.status == StageStatus::ok; });
}

void Runner::add(std::unique_ptr<Stage> stage) {
  // A null stage has no name or needs to plan with; dropping it keeps every stored pointer dereferenceable.
  if (stage) m_stages.push_back(std::move(stage));
}

base::Result<std::vector<std::string>> Runner::plan(const std::vector<std::string>& provided) const {
  const std::vector<Declaration> declarations = declare(m_stages);
  auto planned = make_plan(declarations, provided);
  if (!planned) return std::move(planned).error();
  std::vector<std::string> names;
  names.reserve(planned->order.size());
  for (std::size_t index : planned->order) names.push_back(declarations[index].name);
  return names;
}

base::Result<RunResult> Runner::run(ArtifactTable& artifacts, EventSink& events, const RunOptions& options) {
  const std::vector<Declaration> declarations = declare(m_stages);
  // The table cannot list its keys, but only keys some stage needs matter to the plan.
  std::vector<std::string> provided;
  for (const Declaration& declaration : declarations) {
    for (const std::string& need : declaration.needs) {
      if (artifacts.contains(need)) provided.push_back(need);
    }
  }
  auto planned = make_plan(declarations, provided);
  if (!planned) return std::move(planned).error();

  Execution execution(m_stages, declarations, planned->graph, artifacts, events);
  const int concurrency = options.max_parallelism > 0 ? options.max_parallelism : tbb::task_arena::automatic;
  tbb::task_arena arena(concurrency);
  arena.execute([&] {
    // Created inside the arena so every stage task, including ones spawned by workers, stays within its limit.
    tbb::task_group group;
    execution.start(group, planned->order);
    group.wait();
  });
  return execution.collect(planned->order);
}

}  // namespace rbxpipe::pipeline
