"""Indexes of the jobs table: one row per (kind, key), and the sweeper's due-work scan."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T12:32:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "job indexes"

STATEMENTS = (
    "CREATE UNIQUE INDEX IF NOT EXISTS jobs_kind_key ON jobs (kind, key)",
    "CREATE INDEX IF NOT EXISTS jobs_status_run_at ON jobs (status, run_at)",
    "CREATE INDEX IF NOT EXISTS messages_unprocessed ON messages (direction, processed)",
)


async def create_indexes():
    engine = engine_finder()
    for statement in STATEMENTS:
        await engine.run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="crystalbay", description=DESCRIPTION)
    manager.add_raw(create_indexes)
    return manager
