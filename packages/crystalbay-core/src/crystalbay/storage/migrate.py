"""Apply Piccolo migrations to the bound engine."""

from __future__ import annotations

import contextlib
import io
import logging

from piccolo.apps.migrations.commands.forwards import run_forwards

from crystalbay.errors import ConfigurationError

__all__ = ["migrate"]

logger = logging.getLogger("crystalbay.storage")


async def migrate() -> str:
    """Apply every pending migration; return Piccolo's report.

    Raises:
        ConfigurationError: A migration failed; the message carries Piccolo's report.
    """
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = await run_forwards(app_name="crystalbay", migration_id="all", fake=False)
    report = out.getvalue().strip()
    if not result.success:
        raise ConfigurationError(f"database migration failed: {result.message}\n{report}")
    logger.debug("migrations: %s", report)
    return report
