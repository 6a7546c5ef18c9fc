"""The examples of "Writing plugins" and "Testing plugins" run as the pages show them.

``docs/examples/acme_plugin`` is the package those pages quote: it is installed here through
its entry point (a ``*.dist-info`` on ``sys.path``) and its own tests, which are the
testing page's examples, run with pytest as its author would run them.
``docs/examples/one_off_plugin`` is the one-off listener and the embedding program.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from crystalbay.plugins import list_plugins, make_plugin_manager
from crystalbay.settings import Settings
from crystalbay.testing.conformance import DevelopInstall, develop, run_tests

ROOT = Path(__file__).parents[2]
ACME = ROOT / "docs" / "examples" / "acme_plugin"
ONE_OFF = ROOT / "docs" / "examples" / "one_off_plugin"


@pytest.fixture(name="installed")
def fx_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DevelopInstall:
    install = develop(ACME, tmp_path / "site")
    for path in reversed(install.paths):
        monkeypatch.syspath_prepend(str(path))
    return install


def test_the_entry_point_loads_the_acme_plugin(installed: DevelopInstall) -> None:
    assert installed.entry_points == {"crystalbay": {"acme": "crystalbay_acme"}}

    pm = make_plugin_manager(allow={"acme"})

    info = next(i for i in list_plugins(pm) if i.name == "acme")
    assert info.version == "0.1.0"
    assert not info.builtin
    assert info.hooks == ("register_settings", "register_tour_providers")


def test_the_testing_examples_pass(installed: DevelopInstall, tmp_path: Path) -> None:
    run = run_tests(ACME, installed, env={"CRYSTALBAY_HOME": str(tmp_path / "home")})

    assert run.returncode == 0, run.stdout + run.stderr
    assert "8 passed" in run.stdout, run.stdout
    assert "failed" not in run.stdout
    assert "skipped" not in run.stdout


async def test_the_embedding_program_runs_the_one_off_listener(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(ONE_OFF))
    for name in ("my_listener", "embed"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    embed = importlib.import_module("embed")
    settings = Settings.from_env(
        {
            "CRYSTALBAY_HOME": str(tmp_path / "home"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        }
    )

    await embed.main(settings)

    assert capsys.readouterr().out.splitlines() == ["new lead 1 from manual"]


def test_the_hook_reference_shows_the_hookimpl_import() -> None:
    page = (ROOT / "docs" / "plugins" / "hooks.md").read_text()
    skeleton = (ROOT / "docs" / "examples" / "plugin_skeleton" / "plugin.py").read_text()

    assert '--8<-- "docs/examples/plugin_skeleton/plugin.py:12:12"' in page
    assert skeleton.splitlines()[11] == "from crystalbay.hookspecs import hookimpl"
