"""Every package's ``__all__`` is sorted, complete and importable (httpx style)."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = [
    "crystalbay",
    "crystalbay.domain",
    "crystalbay.ports",
    "crystalbay.services",
    "crystalbay.storage",
    "crystalbay.storage.repositories",
    "crystalbay.testing",
    "crystalbay_web",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_importable(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=lambda n: (not n.isupper(), n))
    for member in exported:
        assert hasattr(module, member), member


def test_core_surface() -> None:
    import crystalbay  # noqa: PLC0415

    public = {n for n in dir(crystalbay) if n[0].isalpha()}
    modules = {"config", "errors", "hookspecs", "hub", "plugins", "settings", "domain", "ports"}
    modules |= {"services", "storage", "events", "registry", "builtin", "testing", "cli", "rules"}
    modules |= {"jobs", "settings_watch"}
    assert public - modules - {"annotations"} == set(crystalbay.__all__)
