"""Shared helpers of the Bitrix24 tests (imported by conftest and the test modules)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx

from crystalbay.domain.contacts import Contact
from crystalbay.domain.leads import Lead
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.ratelimit import LeakyBucket
from crystalbay_plugins.bitrix24.stage_store import StageMapStore

TOKEN = "evt-token-0123456789abcdef"
NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


class VirtualTime:
    """A clock that moves only when someone sleeps on it (HTTP round trips take no time).

    Shared by the client's limiter and the fake portal's bucket, it makes rate tests exact and
    independent of how fast (or loaded) the machine is.
    """

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


class MemoryStages(StageMapStore):
    """A stage-map store without a database."""

    def __init__(self) -> None:
        self.saved: list[str] = []
        super().__init__(None, load=self._read, save=self._write, ttl=0)

    async def _read(self) -> str | None:
        return self.saved[-1] if self.saved else None

    async def _write(self, text: str) -> None:
        self.saved.append(text)


def make_contact(contact_id: int | None = 1, **values: object) -> Contact:
    fields: dict[str, object] = {"id": contact_id, "name": "Ivan Petrov"}
    fields.update(phones=("+77011234567",), emails=("ivan@example.org",))
    fields.update(values)
    return Contact(**fields)  # type: ignore[arg-type]


def make_lead(lead_id: int = 10, **values: object) -> Lead:
    fields: dict[str, object] = {"id": lead_id, "title": "Turkey in May", "contact_id": 1}
    fields.update(source="whatsapp", created_at=NOW, updated_at=NOW)
    fields.update(values)
    return Lead(**fields)  # type: ignore[arg-type]


def limited_client(
    config: BitrixConfig, http: httpx.AsyncClient, time_: VirtualTime, *, capacity: int, rate: float
) -> BitrixClient:
    limiter = LeakyBucket(capacity, rate, clock=time_.clock, sleep=time_.sleep)
    return BitrixClient(config, http, limiter=limiter, sleep=time_.sleep, retries=8)


def values(entity: dict[str, object], kind: str) -> list[str]:
    """The ``VALUE`` of each ``PHONE``/``EMAIL`` item of an entity in the fake portal."""
    items = entity.get(kind)
    return (
        [str(i["VALUE"]) for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    )
