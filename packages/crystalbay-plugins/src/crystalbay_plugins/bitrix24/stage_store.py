"""Where the adapter gets the stage map: the plugin settings table, re-read now and then.

``crystalbay bitrix setup`` usually runs in another process than the web app and the worker,
and an admin may edit the map in the settings; so the adapter re-reads the stored JSON at most
every ``ttl`` seconds instead of keeping what it saw at start-up.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from crystalbay.errors import IntegrationRejected
from crystalbay.storage.repositories import PluginSettingRepository
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.stages import StageMap, parse_stage_map

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["STAGE_MAP_KEY", "StageMapStore", "load_stored", "save_stored"]

STAGE_MAP_KEY = "stage_map"
"""Key of the map in the plugin settings table (also the config field it decodes into)."""

logger = logging.getLogger("crystalbay.plugins.bitrix24")


async def load_stored() -> str | None:
    """The stored JSON, from the settings table."""
    return (await PluginSettingRepository().all()).get(PLUGIN_NAME, {}).get(STAGE_MAP_KEY)


async def save_stored(text: str) -> None:
    """Store the JSON in the settings table."""
    await PluginSettingRepository().put(PLUGIN_NAME, STAGE_MAP_KEY, text)


class StageMapStore:
    """The current stage map, re-loaded at most every ``ttl`` seconds.

    Args:
        initial: The map from the configuration at start-up, if any.
        load: Reads the stored JSON (``None`` when nothing is stored).
        save: Stores the JSON.
        ttl: Seconds a loaded map is trusted.
        clock: Monotonic clock.
    """

    def __init__(
        self,
        initial: StageMap | None = None,
        *,
        load: Callable[[], Awaitable[str | None]] = load_stored,
        save: Callable[[str], Awaitable[None]] = save_stored,
        ttl: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._map = initial
        self._load = load
        self._save = save
        self._ttl = ttl
        self._clock = clock
        self._loaded_at = clock() if initial is not None else None

    async def get(self) -> StageMap | None:
        """The map, re-read when it is missing or older than ``ttl``."""
        now = self._clock()
        if self._loaded_at is None or now - self._loaded_at >= self._ttl:
            await self._reload(now)
        return self._map

    async def require(self) -> StageMap:
        """The map.

        Raises:
            IntegrationRejected: No map is stored yet.
        """
        stage_map = await self.get()
        if stage_map is None:
            raise IntegrationRejected(
                "the deal pipeline is not set up yet; run `crystalbay bitrix setup`",
                integration=PLUGIN_NAME,
                field=STAGE_MAP_KEY,
            )
        return stage_map

    async def put(self, stage_map: StageMap) -> None:
        """Store ``stage_map`` and use it from now on."""
        await self._save(stage_map.to_json())
        self._map, self._loaded_at = stage_map, self._clock()

    async def _reload(self, now: float) -> None:
        text = await self._load()
        self._loaded_at = now
        if not (text or "").strip():
            return
        try:
            self._map = parse_stage_map(text or "")
        except ValueError as exc:
            logger.error(  # noqa: TRY400 - the traceback adds nothing
                "bitrix24: the stored stage map is broken, keeping the last good one: %s", exc
            )
