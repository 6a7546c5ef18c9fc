"""The hook reference documents every hook with its exact signature."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crystalbay.plugins import make_plugin_manager

DOCS = Path(__file__).parents[2] / "docs"
HOOKS_MD = (DOCS / "plugins" / "hooks.md").read_text()
PM = make_plugin_manager(load_entrypoints=False)
HOOK_NAMES = sorted(name for name in dir(PM.hook) if not name.startswith("_"))


def test_there_are_hooks() -> None:
    assert "register_tour_providers" in HOOK_NAMES
    assert len(HOOK_NAMES) >= 10


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_hook_is_documented_with_its_signature(name: str) -> None:
    caller = getattr(PM.hook, name)
    assert caller.spec is not None
    signature = f"{name}({', '.join(caller.spec.argnames)})"
    headings = re.findall(r"^### (.+)$", HOOKS_MD, flags=re.MULTILINE)
    assert signature in headings


def test_snippets_in_docs_exist() -> None:
    for match in re.finditer(r'--8<-- "([^":]+)(?::(\w+))?"', HOOKS_MD):
        path = Path(__file__).parents[2] / match.group(1)
        assert path.exists(), path
        if match.group(2):
            assert f"[start:{match.group(2)}]" in path.read_text()
