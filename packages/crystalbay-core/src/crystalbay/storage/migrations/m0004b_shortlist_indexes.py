"""One shortlist entry per (lead, offer); raw statements run before table operations, hence
a migration of their own after ``m0004_shortlist``."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T15:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "lead shortlist indexes"

STATEMENTS = (
    "CREATE UNIQUE INDEX IF NOT EXISTS lead_shortlist_lead_offer"
    " ON lead_shortlist (lead_id, offer_key)",
)


async def create_indexes():
    engine = engine_finder()
    for statement in STATEMENTS:
        await engine.run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="crystalbay", description=DESCRIPTION)
    manager.add_raw(create_indexes)
    return manager
