"""A fake Bitrix24 portal for tests: the REST API over real HTTP, and outbound events."""

from crystalbay_plugins.bitrix24.testing.bucket import ServerBucket
from crystalbay_plugins.bitrix24.testing.events import event_body, post_event
from crystalbay_plugins.bitrix24.testing.faults import Fault, Page
from crystalbay_plugins.bitrix24.testing.server import FakeBitrix24
from crystalbay_plugins.bitrix24.testing.store import DEFAULT_STAGES, Portal

__all__ = [
    "DEFAULT_STAGES",
    "FakeBitrix24",
    "Fault",
    "Page",
    "Portal",
    "ServerBucket",
    "event_body",
    "post_event",
]
