"""Webhook ingest: acknowledgement latency and throughput, next to a bare endpoint, same run.

Run: ``uv run python bench/ingest.py [--messages N] [--concurrency C]``.

The hub (SQLite, in-process jobs) is served by uvicorn on 127.0.0.1 with the Wazzup24 webhook;
a second route on the same app answers the same status without doing anything (the baseline).
Every message is a new WhatsApp message, so each one is stored and queued. The run is repeated
with a slow assistant (50 ms, then 500 ms per call): the acknowledgement must not wait for it.

Goals (exit status 1 when missed): ack p99 under 50 ms; ack p50 with the 500 ms assistant
within 2x of the p50 with the 50 ms one.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from typing import Any

import httpx
import uvicorn
from litestar import post

import crystalbay_plugins.wazzup24
from crystalbay.domain.assistant import Analysis, ConversationContext, Draft, Intent, ReplyContext
from crystalbay.hookspecs import hookimpl
from crystalbay.hub import Hub
from crystalbay.plugins import make_plugin_manager
from crystalbay.settings import Settings
from crystalbay_web.asgi import create_app

SECRET = "bench-secret-0123456789"  # noqa: S105 - a throwaway webhook path on loopback
P99_GOAL_MS = 50.0


class SlowAssistant:
    """An assistant that takes ``delay`` seconds per call, like a remote model."""

    name = "slow"

    def __init__(self, delay: float) -> None:
        self.delay = delay

    async def analyse(self, conversation: ConversationContext) -> Analysis:
        await asyncio.sleep(self.delay)
        return Analysis(intent=Intent.TOUR_SEARCH, brief=conversation.brief)

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        del conversation
        await asyncio.sleep(self.delay)
        return Draft(text="…", language=context.language)


class SlowAssistantPlugin:
    def __init__(self, delay: float) -> None:
        self.delay = delay

    @hookimpl
    def register_assistants(self) -> list[SlowAssistant]:
        return [SlowAssistant(self.delay)]


@post("/webhooks/bench-bare", status_code=200)  # under /webhooks, like the hook: no CSRF
async def bare(data: dict[str, Any]) -> dict[str, bool]:
    """The baseline: parse the JSON, answer the same status."""
    del data
    return {"ok": True}


def _message(n: int) -> dict[str, object]:
    return {
        "messages": [
            {
                "messageId": f"bench-{n}", "channelId": "c1", "chatType": "whatsapp",
                "chatId": f"7701{n:07d}", "dateTime": "2026-11-23T10:00:00.000Z",
                "type": "text", "status": "inbound", "text": "Турция в июне, двое",
                "isEcho": False, "contact": {"name": f"Guest {n}"},
            }
        ]
    }  # fmt: skip


async def _fire(url: str, bodies: list[dict[str, object]], concurrency: int) -> list[float]:
    latencies: list[float] = []
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=30) as client:

        async def one(body: dict[str, object]) -> None:
            async with gate:
                start = time.perf_counter()
                response = await client.post(url, json=body)
                latencies.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()

        await asyncio.gather(*(one(b) for b in bodies))
    return latencies


async def run(delay: float, messages: int, concurrency: int, offset: int) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="cb-bench-")
    env = {
        "CRYSTALBAY_HOME": home,
        "WAZZUP_API_KEY": "bench",
        "WAZZUP_API_URL": "http://127.0.0.1:9",
        "WAZZUP_WEBHOOK_SECRET": SECRET,
    }
    pm = make_plugin_manager(load_entrypoints=False)
    pm.register(crystalbay_plugins.wazzup24, name="wazzup24")
    pm.register(SlowAssistantPlugin(delay), name="slow")
    hub = await Hub(Settings.from_env(env), pm=pm).start()
    app = create_app(hub)
    app.register(bare)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    bodies = [_message(offset + n) for n in range(messages)]
    started = time.perf_counter()
    hook = await _fire(f"{base}/webhooks/wazzup24/{SECRET}", bodies, concurrency)
    elapsed = time.perf_counter() - started
    baseline = await _fire(f"{base}/webhooks/bench-bare", bodies, concurrency)
    server.should_exit = True
    await task
    await hub.jobs.drain(within=600)
    await hub.close()
    return {
        "ack_p50": statistics.median(hook),
        "ack_p99": statistics.quantiles(hook, n=100)[98],
        "bare_p50": statistics.median(baseline),
        "bare_p99": statistics.quantiles(baseline, n=100)[98],
        "per_second": messages / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    results = {}
    for index, delay in enumerate((0.05, 0.5)):
        figures = asyncio.run(run(delay, args.messages, args.concurrency, index * 10**6))
        results[delay] = figures
        print(
            f"assistant {delay * 1000:4.0f} ms: ack p50 {figures['ack_p50']:6.1f} ms, "
            f"p99 {figures['ack_p99']:6.1f} ms, {figures['per_second']:6.0f} msg/s | "
            f"bare endpoint p50 {figures['bare_p50']:5.1f} ms, p99 {figures['bare_p99']:5.1f} ms"
        )
    fast, slow = results[0.05], results[0.5]
    ok = slow["ack_p99"] < P99_GOAL_MS and slow["ack_p50"] <= 2 * max(fast["ack_p50"], 1.0)
    verdict = "met" if ok else "MISSED"
    print(f"goal: ack p99 < {P99_GOAL_MS:g} ms, independent of the assistant: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
