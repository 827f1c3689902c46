// The upload phase. Each input goes: asset lock hit -> reuse; journal says done -> reuse; journal holds an
// operation -> poll it; otherwise record the intent, send, record the operation, poll, record the result together
// with the lock row. An intent with no answer at start is the one unreconcilable case: re-sent and reported.
#include "deploy/asset_uploader.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "cloud/assets_api.h"
#include "cloud/http_transport.h"
#include "cloud/operations_api.h"

namespace rbxpipe::deploy {

namespace {

struct Outcome {
  std::string input;
  std::int64_t asset_id = 0;
  std::int64_t version = 0;
  std::string moderation = "unknown";
  bool uploaded = false;
  bool possible_duplicate = false;
};

std::string moderation_text(cloud::ModerationState state) {
  switch (state) {
    case cloud::ModerationState::approved: return "approved";
    case cloud::ModerationState::rejected: return "rejected";
    case cloud::ModerationState::reviewing: return "reviewing";
    case cloud::ModerationState::unknown: break;
  }
  return "unknown";
}

std::string file_name_of(const std::string& input) {
  auto slash = input.find_last_of('/');
  std::string name = slash == std::string::npos ? input : input.substr(slash + 1);
  std::replace(name.begin(), name.end(), '#', '-');
  return name;
}

class Uploader {
 public:
  Uploader(CloudSession& session, DeployState& state, const Release& release, const UploadOptions& options)
      : m_session(session),
        m_state(state),
        m_release(release),
        m_options(options),
        m_assets(*session.client),
        m_operations(*session.client, options.clock) {}

  base::Result<Outcome> upload(const ReleaseAsset& asset) {
    const std::string& creator = m_session.creator_text;
    const std::string& lesson = m_release.record.lesson;
    std::optional<OwnedModel> model;
    std::string key;
    if (asset.update_in_place) {
      auto found = m_state.find_model(creator, lesson, asset.input);
      if (!found) return std::move(found).error();
      model = *found;
      if (model && model->content_hash == asset.content_hash) {
        return Outcome{asset.input, model->asset_id, model->version, "approved", false, false};
      }
      key = "model:" + creator + ":" + lesson + ":" + asset.input + ":" + asset.content_hash;
    } else {
      auto locked = m_state.find_asset(creator, asset.content_hash);
      if (!locked) return std::move(locked).error();
      if (*locked) return Outcome{asset.input, (*locked)->asset_id, 0, (*locked)->moderation, false, false};
      key = "asset:" + creator + ":" + asset.content_hash;
    }

    auto entry = m_state.journal_entry(key);
    if (!entry) return std::move(entry).error();
    Outcome outcome{asset.input, 0, 0, "unknown", true, false};
    std::string operation_id;
    if (*entry && (*entry)->state == JournalState::started && !(*entry)->operation_id.empty()) {
      operation_id = (*entry)->operation_id;  // started by a run that stopped: poll it, never send again
    } else {
      // One create in flight at a time: a run killed at any moment leaves at most one create whose answer it never
      // recorded. The owner's budget paces creates anyway; the slower part (operations) still overlaps.
      std::lock_guard one_create(m_create_mutex);
      outcome.possible_duplicate = *entry && (*entry)->state == JournalState::intent;
      if (outcome.possible_duplicate && m_options.on_possible_duplicate) m_options.on_possible_duplicate(asset.input);
      JournalEntry intent;
      intent.key = key;
      intent.kind = model ? "asset.update" : "asset.create";
      intent.label = asset.input;
      intent.content_hash = asset.content_hash;
      intent.target = creator;
      auto recorded = m_state.record_intent(intent);
      if (!recorded) return std::move(recorded).error();
      cloud::AssetUpload upload;
      upload.asset_type = asset.asset_type;
      upload.display_name = lesson + " " + asset.input;
      upload.description = "Uploaded by rbxpipe for lesson " + lesson + " (" + asset.input + ")";
      upload.creator = m_session.creator;
      upload.file_name = file_name_of(asset.input);
      upload.content_type = asset.mime;
      upload.content = asset.bytes;
      auto operation = model ? m_assets.update_content(model->asset_id, upload) : m_assets.create(upload);
      if (!operation) {
        base::Error error = std::move(operation).error();
        if (cloud::request_may_have_arrived(error)) {
          return base::Error(error.code(), "upload of " + asset.input +
                                               " may have reached Roblox without an answer (" + error.message() +
                                               "); run the deploy again: it is re-sent and reported as a possible "
                                               "duplicate");
        }
        (void)m_state.record_failed(key, error.message());
        return std::move(error).with_context("upload " + asset.input);
      }
      operation_id = operation->operation_id;
      RBXPIPE_TRY(m_state.record_operation(key, operation_id));
    }
    cloud::OperationWait wait;
    wait.first_delay = std::chrono::milliseconds(300);
    wait.max_delay = std::chrono::milliseconds(5000);
    auto done = m_operations.wait(operation_id, wait);
    if (!done) return std::move(done).error().with_context("wait for the upload of " + asset.input);
    if (done->error || !done->response) {
      std::string message = done->error ? done->error->message : "the operation finished without an asset";
      (void)m_state.record_failed(key, message);
      return base::Error(base::ErrorCode::invalid_input, "Roblox refused " + asset.input + ": " + message);
    }
    const cloud::Asset& created = *done->response;
    outcome.asset_id = created.asset_id;
    outcome.version = std::max<std::int64_t>(created.revision_id, 1);
    outcome.moderation = moderation_text(created.moderation);
    LockedAsset locked{creator, asset.content_hash, created.asset_id, outcome.version, outcome.moderation,
                       asset.asset_type, lesson, asset.input};
    if (asset.update_in_place) {
      OwnedModel owned{creator, lesson, asset.input, created.asset_id, outcome.version, asset.content_hash};
      RBXPIPE_TRY(m_state.record_model_done(key, owned, locked));
    } else {
      outcome.version = 0;
      RBXPIPE_TRY(m_state.record_upload_done(key, locked));
    }
    return outcome;
  }

  // Polls assets under review until each is Approved or Rejected, or the wait runs out.
  base::Result<void> await_moderation(std::vector<Outcome>& outcomes) {
    base::Clock& clock = m_options.clock != nullptr ? *m_options.clock : base::system_clock();
    const auto deadline = clock.monotonic() + std::chrono::seconds(m_options.moderation_wait_s);
    while (true) {
      std::vector<std::string> rejected;
      std::vector<Outcome*> waiting;
      for (auto& outcome : outcomes) {
        if (outcome.moderation == "rejected") rejected.push_back(outcome.input);
        else if (outcome.moderation != "approved") waiting.push_back(&outcome);
      }
      if (!rejected.empty()) {
        std::string list;
        for (const auto& input : rejected) list += (list.empty() ? "" : ", ") + input;
        return base::Error(base::ErrorCode::invalid_input,
                           "Roblox moderation rejected " + list + "; nothing was published");
      }
      if (waiting.empty()) return {};
      if (clock.monotonic() >= deadline) {
        if (m_options.moderation_proceed_on_timeout) return {};
        return base::Error(base::ErrorCode::timeout,
                           std::to_string(waiting.size()) + " asset(s) still in moderation after " +
                               std::to_string(m_options.moderation_wait_s) + " s (first: " + waiting.front()->input +
                               "); nothing was published (moderation.on_timeout is \"fail\")");
      }
      clock.sleep_for(m_options.moderation_poll);
      for (Outcome* outcome : waiting) {
        auto current = m_assets.get(outcome->asset_id, "moderationResult");
        if (!current) return std::move(current).error().with_context("check moderation of " + outcome->input);
        std::string state = moderation_text(current->moderation);
        if (state != outcome->moderation) {
          outcome->moderation = state;
          RBXPIPE_TRY(m_state.set_moderation(m_session.creator_text, outcome->asset_id, state));
        }
      }
    }
  }

 private:
  CloudSession& m_session;
  DeployState& m_state;
  const Release& m_release;
  const UploadOptions& m_options;
  cloud::AssetsApi m_assets;
  cloud::OperationsApi m_operations;
  std::mutex m_create_mutex;
};

}  // namespace

base::Result<std::vector<std::string>> pending_uploads(DeployState& state, const Release& release,
                                                       const std::string& creator) {
  std::vector<std::string> pending;
  for (const auto& asset : release.assets) {
    if (asset.update_in_place) {
      auto model = state.find_model(creator, release.record.lesson, asset.input);
      if (!model) return std::move(model).error();
      if (!*model || (*model)->content_hash != asset.content_hash) pending.push_back(asset.input);
    } else {
      auto locked = state.find_asset(creator, asset.content_hash);
      if (!locked) return std::move(locked).error();
      if (!*locked) pending.push_back(asset.input);
    }
  }
  return pending;
}

base::Result<UploadReport> upload_assets(CloudSession& session, DeployState& state, const Release& release,
                                         const UploadOptions& options) {
  Uploader uploader(session, state, release, options);
  std::vector<Outcome> outcomes(release.assets.size());
  std::vector<std::optional<base::Error>> errors(release.assets.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex progress_mutex;
  auto work = [&] {
    while (!failed.load()) {
      std::size_t index = next.fetch_add(1);
      if (index >= release.assets.size()) return;
      auto outcome = uploader.upload(release.assets[index]);
      if (!outcome) {
        errors[index] = std::move(outcome).error();
        failed.store(true);
        return;
      }
      outcomes[index] = std::move(*outcome);
      if (outcomes[index].uploaded && options.progress) {
        std::lock_guard lock(progress_mutex);
        options.progress("uploaded " + outcomes[index].input + " -> " + std::to_string(outcomes[index].asset_id));
      }
    }
  };
  const int workers = std::clamp(options.workers, 1, 64);
  std::vector<std::thread> threads;
  for (int i = 1; i < workers && static_cast<std::size_t>(i) < release.assets.size(); ++i) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  for (auto& error : errors) {
    if (error) return std::move(*error);
  }
  RBXPIPE_TRY(uploader.await_moderation(outcomes));

  UploadReport report;
  for (const auto& outcome : outcomes) {
    report.asset_ids[outcome.input] = outcome.asset_id;
    report.assets.push_back({outcome.input, outcome.asset_id, outcome.version});
    (outcome.uploaded ? report.uploaded : report.reused).push_back(outcome.input);
    if (outcome.possible_duplicate) report.possible_duplicates.push_back(outcome.input);
  }
  return report;
}

}  // namespace rbxpipe::deploy
