"""The board's column counts read one index instead of the table.

``(assignee, stage)`` covers ``GROUP BY stage`` for everyone (PostgreSQL: an index-only scan)
and for a manager, whose filter ``assignee = ? OR assignee IS NULL`` becomes two ranges of it
(SQLite unions them without touching the table).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T15:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "board indexes"

STATEMENTS = ("CREATE INDEX IF NOT EXISTS leads_assignee_stage ON leads (assignee, stage)",)


async def create_indexes():
    engine = engine_finder()
    for statement in STATEMENTS:
        await engine.run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="crystalbay", description=DESCRIPTION)
    manager.add_raw(create_indexes)
    return manager
