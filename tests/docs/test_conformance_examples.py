"""The conformance example in ``docs/examples/conformance`` runs as written in the docs.

Its ``Test*`` classes are bound here, so pytest collects and runs them like its own.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "conformance" / "sms_channel.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("conformance_sms_example", EXAMPLE)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_example = _load()
TestSmsChannel = _example.TestSmsChannel
TestSmsWebhook = _example.TestSmsWebhook


async def test_the_example_delivers_once_per_key() -> None:
    gateway = _example.Gateway()
    channel = _example.SmsChannel(gateway)
    message = _example.OutboundMessage(chat_address="+7701", text="Hi", idempotency_key="k")

    assert await channel.send(message) == await channel.send(message)
    assert gateway.delivered == {"k": "+7701"}
