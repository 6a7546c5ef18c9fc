"""Storage: Piccolo tables, migrations, the database handle and repositories."""

from crystalbay.storage.database import Database
from crystalbay.storage.migrate import migrate

__all__ = ["Database", "migrate"]
