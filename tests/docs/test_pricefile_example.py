"""The example third-party plugin: installed through its entry point, searched by the hub.

``docs/examples/pricefile_provider`` is a separate package. These tests make it importable
with its ``crystalbay`` entry point (a ``*.dist-info`` on ``sys.path``, as ``pip install -e``
would leave), and show that its offers come back from ``hub.tours.search`` next to the
sandbox's although core knows nothing about it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from crystalbay.plugins import list_plugins, make_plugin_manager
from crystalbay.testing import load_file
from crystalbay.testing.conformance import DevelopInstall, develop, run_tests

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "pricefile_provider"
CORE = ROOT / "packages" / "crystalbay-core" / "src" / "crystalbay"


@pytest.fixture(name="installed")
def fx_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DevelopInstall:
    install = develop(EXAMPLE, tmp_path / "site")
    for path in reversed(install.paths):
        monkeypatch.syspath_prepend(str(path))
    return install


def _demo() -> ModuleType:
    return load_file(EXAMPLE / "search_demo.py", "pricefile_search_demo")


def test_the_entry_point_loads_the_plugin(installed: DevelopInstall) -> None:
    assert installed.entry_points == {"crystalbay": {"pricefile": "crystalbay_pricefile"}}

    pm = make_plugin_manager(allow={"pricefile"})

    plugin = pm.get_plugin("pricefile")
    assert plugin is not None
    assert plugin.__name__ == "crystalbay_pricefile"
    info = next(i for i in list_plugins(pm) if i.name == "pricefile")
    assert info.version == "0.1.0"
    assert not info.builtin
    assert info.hooks == ("register_settings", "register_tour_providers")


async def test_its_offers_come_back_next_to_the_sandbox(
    installed: DevelopInstall, tmp_path: Path
) -> None:
    del installed
    result = await _demo().search_next_to_sandbox(EXAMPLE / "prices", tmp_path / "home")

    assert result.complete, result.failures
    by_provider = {o.provider for o in result.offers}
    assert by_provider == {"pricefile", "sandbox"}
    from_files = [o for o in result.offers if o.provider == "pricefile"]
    assert {o.country for o in from_files} == {"Turkey"}
    assert all(o.departure_city == "Almaty" and not o.sandbox for o in from_files)
    assert {o.hotel for o in from_files} >= {"Kleopatra Beach", "Side Star Resort"}


def test_core_does_not_know_the_plugin() -> None:
    mentions = [p for p in CORE.rglob("*") if p.is_file() and b"pricefile" in p.read_bytes()]
    assert mentions == []


def test_its_own_tests_pass(installed: DevelopInstall, tmp_path: Path) -> None:
    run = run_tests(EXAMPLE, installed, env={"CRYSTALBAY_HOME": str(tmp_path / "home")})

    assert run.returncode == 0, run.stdout + run.stderr
    assert " passed" in run.stdout
    assert "failed" not in run.stdout
