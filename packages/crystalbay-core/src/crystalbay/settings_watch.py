"""Keep every process's plugin adapters in step with the settings table.

An admin saves a plugin's settings in one web process; that process rebuilds its adapters at
once (:meth:`crystalbay.hub.Hub.reload_plugins`). Every other process (more web processes,
``crystalbay worker``, the bot) runs a :class:`SettingsWatch` that reads the small settings table
every ``interval`` seconds and reloads when what is stored differs from what it loaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from crystalbay.storage.repositories import PluginSettingRepository

__all__ = ["SettingsWatch"]

logger = logging.getLogger("crystalbay.settings")

Stored = dict[str, dict[str, str]]


class SettingsWatch:
    """Polls the settings table and calls ``reload`` when it changed.

    Args:
        loaded: Returns the stored values the process's adapters were built from.
        reload: Rebuilds the adapters (re-reading the table).
        interval: Seconds between two reads.
    """

    def __init__(
        self,
        loaded: Callable[[], Stored],
        reload: Callable[[], Awaitable[None]],
        interval: float,
    ) -> None:
        self._loaded = loaded
        self._reload = reload
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start polling in the background (no-op when already running)."""
        if self._task is None and self.interval > 0:
            self._task = asyncio.create_task(self._run(), name="crystalbay-settings-watch")

    async def stop(self) -> None:
        """Stop polling."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def check(self) -> bool:
        """Reload when the table differs from what was loaded; return whether it did."""
        stored = await PluginSettingRepository().all()
        if stored == self._loaded():
            return False
        logger.info("plugin settings changed in another process: rebuilding adapters")
        await self._reload()
        return True

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception:  # a lost connection must not end the watch
                logger.exception("could not check or apply the stored plugin settings")
