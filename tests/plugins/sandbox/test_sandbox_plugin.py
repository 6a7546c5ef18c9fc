"""The sandbox plugin registers its provider only while SAMO is not configured."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import httpx

import crystalbay_plugins.sandbox
from crystalbay_plugins.samo.config import SamoConfig
from crystalbay_plugins.sandbox.provider import SandboxTourProvider

if TYPE_CHECKING:
    import msgspec

    from crystalbay.hub import Hub


class _StubHub:
    """Just what the hook reads: ``plugin_config`` and ``http``."""

    def __init__(self, samo: SamoConfig | None) -> None:
        self.samo = samo
        self.http = httpx.AsyncClient()
        self.asked: list[str] = []

    def plugin_config(self, name: str, type_: type[msgspec.Struct]) -> SamoConfig | None:
        self.asked.append(name)
        return self.samo if type_ is SamoConfig else None


def test_the_sandbox_is_offered_without_samo() -> None:
    hub = _StubHub(None)

    providers = list(crystalbay_plugins.sandbox.register_tour_providers(cast("Hub", hub)))

    assert hub.asked == ["samo"]
    assert len(providers) == 1
    assert isinstance(providers[0], SandboxTourProvider)


def test_the_sandbox_steps_aside_when_samo_is_configured() -> None:
    config = SamoConfig(api_url="https://booking.example.com/export/default.php", oauth_token="t")

    providers = crystalbay_plugins.sandbox.register_tour_providers(cast("Hub", _StubHub(config)))

    assert list(providers) == []
