"""``crystalbay plugin new``: every kind generates a package whose own tests pass at once."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from crystalbay.builtin.plugin_render import KINDS, MAX_NAME, plugin_names, render_plugin
from crystalbay.errors import InvalidValue
from crystalbay.plugins import make_plugin_manager
from crystalbay.testing.conformance import develop, run_tests

NAMES = {
    "tour-provider": "acme-tours",
    "channel": "viber-go",
    "crm": "amo",
    "assistant": "gigachat",
}
ADAPTERS = {
    "tour-provider": "provider",
    "channel": "channel",
    "crm": "crm",
    "assistant": "assistant",
}


def _cli() -> click.Group:
    group = click.Group("crystalbay")
    make_plugin_manager(load_entrypoints=False).hook.register_commands(cli=group)
    return group


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_generates_a_package_whose_tests_pass(tmp_path: Path, kind: str) -> None:
    project = tmp_path / kind
    names = plugin_names(NAMES[kind])

    render_plugin(NAMES[kind], kind, project)

    meta = tomllib.loads((project / "pyproject.toml").read_text())
    assert meta["project"]["name"] == names.dist
    assert meta["project"]["entry-points"]["crystalbay"] == {names.plugin: names.package}
    package = project / "src" / names.package
    expected = {"__init__.py", "config.py", "client.py", "models.py", "testing.py", "py.typed"}
    assert expected | {f"{ADAPTERS[kind]}.py"} <= {p.name for p in package.iterdir()}
    assert (
        "crystalbay.testing.conformance" in (project / "tests" / "test_conformance.py").read_text()
    )
    assert "${" not in "".join(p.read_text() for p in project.rglob("*.py"))

    # Run its tests as its author would, the entry point made discoverable (no install).
    install = develop(project, tmp_path / "site")
    run = run_tests(project, install, env={"CRYSTALBAY_HOME": str(tmp_path / "home")}, timeout=240)

    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert " passed" in run.stdout
    for outcome in ("failed", "skipped", "error"):
        assert outcome not in run.stdout, report


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed")
@pytest.mark.parametrize("name", ["x", "a" * MAX_NAME, "sunny-tour-ekb"])
def test_the_generated_code_is_lint_clean(tmp_path: Path, name: str) -> None:
    for kind in KINDS:
        render_plugin(name, kind, tmp_path / kind)
    for command in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        for kind in KINDS:
            run = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
                [sys.executable, "-m", "ruff", *command],
                cwd=tmp_path / kind,
                capture_output=True,
                text=True,
                check=False,
            )
            assert run.returncode == 0, f"{kind}:\n{run.stdout}{run.stderr}"


def test_names_are_derived_from_the_plugin_name() -> None:
    names = plugin_names("acme-tours")

    assert names.placeholders() == {
        "plugin": "acme_tours",
        "package": "crystalbay_acme_tours",
        "dist": "crystalbay-acme-tours",
        "Name": "AcmeTours",
        "ENV": "ACME_TOURS",
        "title": "Acme Tours",
    }


@pytest.mark.parametrize("bad", ["Acme", "1acme", "acme--tours", "acme-", "acme tours", "a" * 15])
def test_a_bad_name_is_refused(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        plugin_names(bad)
    assert caught.value.field == "name"


def test_the_command_writes_the_package(tmp_path: Path) -> None:
    target = tmp_path / "crystalbay-acme"

    result = CliRunner().invoke(
        _cli(), ["plugin", "new", "acme", "--kind", "crm", "--dir", str(target)]
    )

    assert result.exit_code == 0, result.output
    assert f"in {target}" in result.output
    assert "pip install -e" in result.output
    assert (target / "src" / "crystalbay_acme" / "crm.py").is_file()


def test_the_command_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")

    result = CliRunner().invoke(
        _cli(), ["plugin", "new", "acme", "--kind", "crm", "--dir", str(tmp_path)]
    )

    assert result.exit_code == 1
    assert "is not empty; choose another --dir" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_command_refuses_an_unknown_kind(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _cli(), ["plugin", "new", "acme", "--kind", "cms", "--dir", str(tmp_path)]
    )

    assert result.exit_code == 2
    assert "tour-provider" in result.output


def test_the_builtin_is_registered() -> None:
    pm = make_plugin_manager(load_entrypoints=False)

    assert pm.get_plugin("plugin_template") is not None
    assert "plugin" in _cli().commands
