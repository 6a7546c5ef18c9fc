"""The conformance example in ``docs/examples/conformance`` runs as written in the docs.

Its ``Test*`` classes are bound here, so pytest collects and runs them like its own.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from crystalbay.testing import load_file

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "conformance" / "sms_channel.py"


def _load() -> ModuleType:
    return load_file(EXAMPLE, "conformance_sms_example")


_example = _load()
TestSmsChannel = _example.TestSmsChannel
TestSmsWebhook = _example.TestSmsWebhook


async def test_the_example_delivers_once_per_key() -> None:
    gateway = _example.Gateway()
    channel = _example.SmsChannel(gateway)
    message = _example.OutboundMessage(chat_address="+7701", text="Hi", idempotency_key="k")

    assert await channel.send(message) == await channel.send(message)
    assert gateway.delivered == {"k": "+7701"}
