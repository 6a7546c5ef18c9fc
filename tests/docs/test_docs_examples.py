"""Docs stay true: snippets come from files under ``docs/examples/`` that tests execute.

Every ``--8<--`` include in any page must resolve (file, named section or line range); the
pages listed in ``STRICT_PAGES`` may show Python (and TOML, JSON, text) only through includes;
every example that a page includes is exercised by some test; every plugin and integration
page is in the navigation, and ``mkdocs.yml`` renders the includes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
INCLUDE = re.compile(r'^--8<-- "(?P<path>[^":]+)(?::(?P<first>[\w-]+))?(?::(?P<last>\d+))?"$')
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
STRICT_PAGES = (
    "plugins/conformance.md",
    "plugins/template.md",
    "plugins/example-pricefile.md",
    "plugins/hooks.md",
    "plugins/writing-plugins.md",
    "plugins/testing-plugins.md",
    "integrations/openai.md",
    "integrations/telegram.md",
    "integrations/bitrix24.md",
    "integrations/samo.md",
    "integrations/wazzup24.md",
    "integrations/sendgrid.md",
)
PAGES = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
TEST_SOURCES = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("*.py"))


def _includes(page: str) -> list[re.Match[str]]:
    lines = (DOCS / page).read_text().splitlines()
    return [m for line in lines if (m := INCLUDE.match(line.strip()))]


@pytest.mark.parametrize("page", PAGES)
def test_every_include_resolves(page: str) -> None:
    for include in _includes(page):
        path = ROOT / include["path"]
        assert path.is_file(), f"{page}: {include['path']} does not exist"
        text = path.read_text()
        first, last = include["first"], include["last"]
        if first and last:
            assert 1 <= int(first) <= int(last) <= len(text.splitlines()), include.group()
        elif first:
            assert f"[start:{first}]" in text, f"{page}: no section {first!r} in {path.name}"
            assert f"[end:{first}]" in text, f"{page}: section {first!r} is not closed"


@pytest.mark.parametrize("page", STRICT_PAGES)
def test_python_in_strict_pages_comes_from_examples(page: str) -> None:
    for language, body in FENCE.findall((DOCS / page).read_text()):
        if language in ("python", "py", "toml", "json", "text"):
            assert INCLUDE.match(body.strip()), f"{page}: inline {language} block:\n{body}"


@pytest.mark.parametrize("page", PAGES)
def test_included_examples_are_exercised_by_tests(page: str) -> None:
    for include in _includes(page):
        parts = Path(include["path"]).parts
        if parts[:2] != ("docs", "examples"):
            continue
        example = parts[2]
        assert example in TEST_SOURCES, f"{page}: no test under tests/ exercises {example}"


@pytest.mark.parametrize("folder", ["plugins", "integrations"])
def test_every_plugin_and_integration_page_is_in_the_navigation(folder: str) -> None:
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in (DOCS / folder).glob("*.md"):
        assert f"{folder}/{page.name}" in nav, f"{folder}/{page.name} is missing from the nav"


def test_includes_render_with_pymdownx_snippets() -> None:
    config = (ROOT / "mkdocs.yml").read_text()
    assert "- pymdownx.snippets:" in config
    assert 'base_path: ["."]' in config
    assert "check_paths: true" in config
