// DeployState: the journal of side effects (CONTRACTS.md §6). An intent is written before a request is sent and
// its answer right after, so a run killed at any point knows what it may have started.
#include "deploy/deploy_state.h"
#include "deploy/deploy_state_rows.h"

namespace rbxpipe::deploy {

using platform::store::Row;
using platform::store::Transaction;

namespace {

std::string_view state_name(JournalState state) {
  switch (state) {
    case JournalState::intent: return "intent";
    case JournalState::started: return "started";
    case JournalState::done: return "done";
    case JournalState::failed: return "failed";
  }
  return "intent";
}

JournalState state_from(const std::string& name) {
  if (name == "started") return JournalState::started;
  if (name == "done") return JournalState::done;
  if (name == "failed") return JournalState::failed;
  return JournalState::intent;
}

JournalEntry entry_from(const Row& row) {
  JournalEntry entry;
  entry.key = row.text(0);
  entry.kind = row.text(1);
  entry.label = row.text(2);
  entry.content_hash = row.text(3);
  entry.target = row.text(4);
  entry.state = state_from(row.text(5));
  entry.operation_id = row.text(6);
  entry.result = row.text(7);
  entry.attempts = static_cast<int>(row.integer(8));
  return entry;
}

constexpr std::string_view k_select_entry =
    "SELECT intent_key, kind, label, content_hash, target, state, operation_id, result, attempts FROM deploy_journal "
    "WHERE tenant = ? AND intent_key = ?";

base::Result<void> set_state(Transaction& transaction, const std::string& tenant, const std::string& key,
                             JournalState state, const std::string& operation_id, const std::string& result,
                             const std::string& now) {
  auto changed = transaction.execute(
      "UPDATE deploy_journal SET state = ?, operation_id = ?, result = ?, updated_at = ? WHERE tenant = ? AND "
      "intent_key = ?",
      {std::string(state_name(state)), operation_id, result, now, tenant, key});
  if (!changed) return std::move(changed).error();
  if (*changed == 0) return base::Error(base::ErrorCode::internal, "journal has no intent '" + key + "'");
  return {};
}

}  // namespace

base::Result<std::optional<JournalEntry>> DeployState::journal_entry(const std::string& key) {
  auto rows = m_store.query(k_select_entry, {m_tenant, key});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<JournalEntry>{};
  return std::optional<JournalEntry>{entry_from(rows->front())};
}

base::Result<JournalEntry> DeployState::record_intent(const JournalEntry& entry) {
  const std::string now = base::format_rfc3339(m_clock.now());
  JournalEntry stored;
  auto written = m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    auto changed = transaction.execute(
        "INSERT INTO deploy_journal (tenant, intent_key, kind, label, content_hash, target, state, attempts, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'intent', 1, ?, ?) ON CONFLICT (tenant, intent_key) DO "
        "UPDATE SET state = 'intent', operation_id = '', result = '', attempts = deploy_journal.attempts + 1, "
        "label = excluded.label, updated_at = excluded.updated_at",
        {m_tenant, entry.key, entry.kind, entry.label, entry.content_hash, entry.target, now, now});
    if (!changed) return std::move(changed).error();
    auto rows = transaction.query(k_select_entry, {m_tenant, entry.key});
    if (!rows) return std::move(rows).error();
    stored = entry_from(rows->front());
    return {};
  });
  if (!written) return std::move(written).error();
  return stored;
}

base::Result<void> DeployState::record_operation(const std::string& key, const std::string& operation_id) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) {
    return set_state(transaction, m_tenant, key, JournalState::started, operation_id, "", now);
  });
}

base::Result<void> DeployState::record_done(const std::string& key, const std::string& result) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) {
    return set_state(transaction, m_tenant, key, JournalState::done, "", result, now);
  });
}

base::Result<void> DeployState::record_upload_done(const std::string& key, const LockedAsset& asset) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    RBXPIPE_TRY(put_asset_row(transaction, m_tenant, asset, now));
    return set_state(transaction, m_tenant, key, JournalState::done, "", std::to_string(asset.asset_id), now);
  });
}

base::Result<void> DeployState::record_model_done(const std::string& key, const OwnedModel& model,
                                                  const LockedAsset& asset) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    RBXPIPE_TRY(put_asset_row(transaction, m_tenant, asset, now));
    RBXPIPE_TRY(put_model_row(transaction, m_tenant, model));
    return set_state(transaction, m_tenant, key, JournalState::done, "",
                     std::to_string(model.asset_id) + "@" + std::to_string(model.version), now);
  });
}

base::Result<void> DeployState::record_model_rollback(const std::string& key, const OwnedModel& model) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) -> base::Result<void> {
    RBXPIPE_TRY(put_model_row(transaction, m_tenant, model));
    return set_state(transaction, m_tenant, key, JournalState::done, "", std::to_string(model.version), now);
  });
}

base::Result<void> DeployState::record_failed(const std::string& key, const std::string& message) {
  const std::string now = base::format_rfc3339(m_clock.now());
  return m_store.transact([&](Transaction& transaction) {
    return set_state(transaction, m_tenant, key, JournalState::failed, "", message, now);
  });
}

}  // namespace rbxpipe::deploy
