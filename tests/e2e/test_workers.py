"""``crystalbay worker`` processes on the real Redis: a killed worker, and two sharing a burst.

The effect checked is real: messages arriving at the fake Wazzup24 over HTTP.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING

import pytest

import crystalbay_plugins.wazzup24
from crystalbay.domain import DeliveryStatus
from crystalbay.services.leads import LeadDraft
from crystalbay.storage.tables import JobRow
from crystalbay_plugins.wazzup24.testing import FakeWazzup

if TYPE_CHECKING:
    import contextlib
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

    from crystalbay.hub import Hub

pytestmark = pytest.mark.redis

CHAT = "77011234567"


@pytest.fixture(name="wazzup")
def fx_wazzup(register_plugin: Callable[..., None]) -> Iterator[FakeWazzup]:
    register_plugin(crystalbay_plugins.wazzup24, name="wazzup24")
    with FakeWazzup(rate_limit=10_000) as fake:
        yield fake


@pytest.fixture(name="env")
def fx_env(
    wazzup: FakeWazzup, redis_env: dict[str, str], database_url: str, tmp_path: Path
) -> dict[str, str]:
    return {
        **redis_env,
        "DATABASE_URL": database_url,
        "CRYSTALBAY_HOME": str(tmp_path),
        "CRYSTALBAY_PLUGINS": "wazzup24",
        "CRYSTALBAY_JOB_LEASE": "2",
        "CRYSTALBAY_JOB_POLL": "0.1",
        "CRYSTALBAY_JOB_BACKOFF": "0.1",
        "CRYSTALBAY_JOB_DISPATCH_LEASE": "1",
        "WAZZUP_API_KEY": wazzup.api_key,
        "WAZZUP_API_URL": wazzup.url,
        "WAZZUP_CHANNEL_ID": wazzup.channel_id,
    }


@pytest.fixture(name="hub")
async def fx_hub(
    env: dict[str, str],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[Hub]:
    """The producing side (a web process): it queues, the worker processes deliver."""
    async with hub_factory(env, mock_http=False, run_jobs=False) as hub:
        yield hub


class Worker:
    """A ``crystalbay worker`` process whose log lines are collected as they come."""

    def __init__(self, env: dict[str, str]) -> None:
        full = {k: v for k, v in os.environ.items() if not k.startswith(("WAZZUP_", "SAMO_"))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "crystalbay", "worker"],
            env=full | env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    async def ready(self) -> bool:
        """Whether it has started taking jobs (imports done, signal handlers set)."""
        return any("is running jobs" in line for line in self.lines)

    def stop(self) -> str:
        """SIGTERM (a clean stop) unless it already ended; its log."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)
        self._reader.join(timeout=5)
        if self.process.stderr is not None:
            self.process.stderr.close()
        return "".join(self.lines)


async def _conversation(hub: Hub, fake: FakeWazzup) -> int:
    details = hub.contacts.normalized(name="Dana", phones=["+" + CHAT])
    async with hub.db.transaction():
        contact = await hub.contacts.resolve(details)
    lead = await hub.leads.create(
        LeadDraft(title="Turkey", source="whatsapp", contact_id=contact.id), actor="test"
    )
    address = f"{fake.channel_id}/whatsapp/{CHAT}"
    conversation = await hub.conversations.open(
        lead.id, "whatsapp", address, contact_id=contact.id or 0
    )
    return conversation.id


async def _until(check: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not await check():  # type: ignore[misc]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def test_a_killed_worker_is_replaced_and_the_message_goes_out_once(
    hub: Hub, env: dict[str, str], wazzup: FakeWazzup
) -> None:
    conversation_id = await _conversation(hub, wazzup)
    wazzup._server.latency = 1.5
    message = await hub.conversations.reply(conversation_id, "Ваш тур готов", author="anna")

    first = Worker(env)
    try:

        async def in_flight() -> bool:
            return any(r.method == "POST" for r in wazzup.requests)

        await _until(in_flight, 120, "the first worker to start sending")
        first.process.kill()  # SIGKILL: no clean-up, the job row says "running"
        first.process.wait(timeout=10)
    finally:
        first.stop()
    job = await JobRow.select().where(JobRow.key == str(message.id)).first()
    assert job is not None
    assert job["status"] == "running"
    assert (await hub.conversations.repo.get_message(message.id)).status is DeliveryStatus.QUEUED

    wazzup._server.latency = 0.0
    second = Worker(env)
    try:

        async def sent() -> bool:
            found = await hub.conversations.repo.get_message(message.id)
            return found.status is DeliveryStatus.SENT

        await _until(sent, 120, "the replacement worker to deliver")
    finally:
        err = second.stop()
    assert second.process.returncode == 0, err
    assert "stopped" in err
    texts = [r.request.text for r in wazzup.sent]
    assert texts.count("Ваш тур готов") == 1
    job = await JobRow.select().where(JobRow.key == str(message.id)).first()
    assert job is not None
    assert (job["status"], job["attempts"]) == ("done", 2)


async def test_two_workers_share_a_burst_without_duplicate_sends(
    hub: Hub, env: dict[str, str], wazzup: FakeWazzup
) -> None:
    conversation_id = await _conversation(hub, wazzup)
    wazzup._server.latency = 0.02
    workers = [Worker(env), Worker(env)]
    try:
        for worker in workers:  # both take part, however slowly the machine starts them
            await _until(worker.ready, 120, "a worker to start")
        ids = [
            (await hub.conversations.reply(conversation_id, f"msg {n}", author="anna")).id
            for n in range(60)
        ]

        async def all_sent() -> bool:
            rows = await JobRow.select(JobRow.status).where(JobRow.kind == "outbox.deliver")
            return len(rows) == 60 and all(r["status"] == "done" for r in rows)

        await _until(all_sent, 180, "60 deliveries")
    finally:
        errors = [w.stop() for w in workers]
    assert all(w.process.returncode == 0 for w in workers), errors
    crm_ids = [r.request.crm_message_id for r in wazzup.sent]
    assert sorted(crm_ids) == sorted(f"cb-{i}" for i in ids)
    runners = await JobRow.select(JobRow.locked_by).where(JobRow.kind == "outbox.deliver")
    assert len({r["locked_by"] for r in runners}) == 2, "both workers took a share"
