"""A fake Wazzup24 for tests: the v3 API over real HTTP, and webhooks posted to the hub."""

from crystalbay_plugins.wazzup24.testing.delivery import Delivery, SentRecord
from crystalbay_plugins.wazzup24.testing.recorder import WebhookRecorder
from crystalbay_plugins.wazzup24.testing.rules import TEXT_LIMITS, Refusal
from crystalbay_plugins.wazzup24.testing.server import FakeWazzup

__all__ = ["TEXT_LIMITS", "Delivery", "FakeWazzup", "Refusal", "SentRecord", "WebhookRecorder"]
