"""Composite indexes for the board, contact look-ups and idempotency.

Piccolo runs a migration's raw statements before its table operations, so these live in a
migration of their own, after the tables exist.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T11:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "composite indexes"

COMPOSITE_INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS messages_channel_external_id ON messages (channel, external_id)",
    "CREATE INDEX IF NOT EXISTS leads_stage_updated ON leads (stage, updated_at)",
    "CREATE INDEX IF NOT EXISTS leads_updated ON leads (updated_at)",
    "CREATE INDEX IF NOT EXISTS contact_points_lookup ON contact_points (kind, value)",
    "CREATE UNIQUE INDEX IF NOT EXISTS idempotency_scope_key ON idempotency_keys (scope, key)",
    "CREATE UNIQUE INDEX IF NOT EXISTS conversations_channel_chat ON conversations (channel, chat_address)",
    "CREATE UNIQUE INDEX IF NOT EXISTS plugin_settings_plugin_key ON plugin_settings (plugin, key)",
    "CREATE INDEX IF NOT EXISTS activity_lead_created ON activity (lead_id, created_at)",
    "CREATE UNIQUE INDEX IF NOT EXISTS lead_tags_lead_tag ON lead_tags (lead_id, tag)",
)


async def create_composite_indexes():
    engine = engine_finder()
    for statement in COMPOSITE_INDEXES:
        await engine.run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="crystalbay", description=DESCRIPTION)
    manager.add_raw(create_composite_indexes)
    return manager
