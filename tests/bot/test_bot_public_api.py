"""The bot's packages export a sorted, importable ``__all__`` (as core's do)."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = [
    "crystalbay_bot",
    "crystalbay_bot.middlewares",
    "crystalbay_bot.routers",
    "crystalbay_bot.search",
    "crystalbay_bot.texts",
    "crystalbay_plugins.telegram",
    "crystalbay_plugins.telegram.testing",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_importable(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=lambda n: (not n.isupper(), n))
    for member in exported:
        assert hasattr(module, member), member


def test_the_plugin_modules_hold_hookimpls_only() -> None:
    from crystalbay_bot import plugin  # noqa: PLC0415
    from crystalbay_plugins import telegram  # noqa: PLC0415

    assert plugin.__all__ == ["register_commands"]
    assert telegram.__all__ == ["register_channels", "register_settings"]
