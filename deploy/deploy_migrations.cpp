// The deploy module's tables. Times are RFC 3339 UTC text; lists are JSON text.
#include "deploy/deploy_state.h"

namespace rbxpipe::deploy {

std::vector<platform::store::Migration> deploy_migrations() {
  return {
      {"deploy", 1,
       "CREATE TABLE deploy_assets (tenant TEXT NOT NULL, creator TEXT NOT NULL, content_hash TEXT NOT NULL, "
       "asset_id INTEGER NOT NULL, version INTEGER NOT NULL, moderation TEXT NOT NULL, asset_type TEXT NOT NULL, "
       "lesson TEXT NOT NULL, input TEXT NOT NULL, created_at TEXT NOT NULL, "
       "PRIMARY KEY (tenant, creator, content_hash));"
       "CREATE INDEX deploy_assets_by_id ON deploy_assets (tenant, creator, asset_id);"
       "CREATE TABLE deploy_models (tenant TEXT NOT NULL, creator TEXT NOT NULL, lesson TEXT NOT NULL, "
       "input TEXT NOT NULL, asset_id INTEGER NOT NULL, version INTEGER NOT NULL, content_hash TEXT NOT NULL, "
       "PRIMARY KEY (tenant, creator, lesson, input));"
       "CREATE TABLE deploy_journal (tenant TEXT NOT NULL, intent_key TEXT NOT NULL, kind TEXT NOT NULL, "
       "label TEXT NOT NULL, content_hash TEXT NOT NULL, target TEXT NOT NULL, "
       "state TEXT NOT NULL CHECK (state IN ('intent', 'started', 'done', 'failed')), "
       "operation_id TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL, "
       "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (tenant, intent_key));"
       "CREATE TABLE deploy_releases (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, lesson TEXT NOT NULL, "
       "version TEXT NOT NULL, artifact_hash TEXT NOT NULL, bundle_object TEXT NOT NULL, input_hash TEXT NOT NULL, "
       "git_commit TEXT NOT NULL, git_dirty INTEGER NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL);"
       "CREATE TABLE deploy_deployments (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, "
       "lesson TEXT NOT NULL, environment TEXT NOT NULL, release_id TEXT NOT NULL, kind TEXT NOT NULL, "
       "status TEXT NOT NULL, place_object TEXT NOT NULL, saved_version INTEGER NOT NULL, "
       "published_version INTEGER NOT NULL, assets TEXT NOT NULL, uploads INTEGER NOT NULL, "
       "possible_duplicates TEXT NOT NULL, who TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, "
       "message TEXT NOT NULL, source_deployment INTEGER NOT NULL);"
       "CREATE INDEX deploy_deployments_by_env ON deploy_deployments (tenant, environment, lesson, id);"
       "CREATE TABLE deploy_locks (tenant TEXT NOT NULL, environment TEXT NOT NULL, holder TEXT NOT NULL, "
       "host TEXT NOT NULL, pid INTEGER NOT NULL, acquired_at TEXT NOT NULL, expires_ms INTEGER NOT NULL, "
       "PRIMARY KEY (tenant, environment))"},
  };
}

}  // namespace rbxpipe::deploy
