"""Connection checks for the settings page: run an adapter's ``check()`` safely.

A check never raises: timeouts, integration errors and broken plugins become an unhealthy
:class:`~crystalbay.ports.Health`. Secret values echoed in an answer are masked.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from crystalbay.config import mask_secret
from crystalbay.errors import CrystalBayError
from crystalbay.ports.common import Health

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crystalbay.config import PluginSettings

__all__ = ["CHECK_TIMEOUT", "check_adapter", "scrub_secrets"]

CHECK_TIMEOUT = 20.0
"""Seconds one adapter's ``check()`` may take."""


async def check_adapter(adapter: object) -> Health:
    """Run ``adapter.check()`` within :data:`CHECK_TIMEOUT`; failures become unhealthy."""
    check = getattr(adapter, "check", None)
    if check is None:
        return Health(ok=True, detail="this adapter has no connection check")
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            result = await check()
    except TimeoutError:
        return Health(ok=False, detail=f"no answer within {CHECK_TIMEOUT:g} seconds")
    except CrystalBayError as exc:
        return Health(ok=False, detail=exc.detail)
    except Exception as exc:  # noqa: BLE001 - a broken plugin must not break the settings page
        return Health(ok=False, detail=f"the check failed unexpectedly ({type(exc).__name__})")
    if isinstance(result, Health):
        return result
    return Health(ok=False, detail=f"check() returned {type(result).__name__}, not Health")


def scrub_secrets(text: str, spec: PluginSettings, raw: Mapping[str, str]) -> str:
    """Replace every secret value of the plugin that appears in ``text`` by its mask."""
    for name in spec.secrets:
        value = raw.get(name)
        if value and len(value) >= 4 and value in text:  # noqa: PLR2004 - shorter is noise
            text = text.replace(value, mask_secret(value))
    return text
