"""The dashboard's gettext catalogues: complete, consistent, compiled by the build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from crystalbay.testing import load_file
from crystalbay_web import i18n

ROOT = Path(__file__).parents[2]
WEB = ROOT / "apps" / "web"
PACKAGE = WEB / "src" / "crystalbay_web"
LOCALE = PACKAGE / "locale"
# t("key") in templates and in Python; keys built at run time ("tours.sort." ~ value) are
# checked through their prefix.
STATIC_KEY = re.compile(r"""\bt\(\s*["']([a-z][\w-]*\.[\w.-]+)["']\s*[,)]""")
DYNAMIC_PREFIX = re.compile(r"""\bt\(\s*["']([\w.-]+\.)["']\s*~""")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _po(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "dashboard.po").open("rb") as source:
        return {m.id: m.string for m in read_po(source) if m.id}


def _sources() -> str:
    files = [*PACKAGE.rglob("*.html"), *PACKAGE.rglob("*.py")]
    return "\n".join(path.read_text() for path in files)


def _hook_module() -> ModuleType:
    return load_file(WEB / "hatch_build.py", "hatch_build")


def test_every_key_used_has_both_translations() -> None:
    ru, en = _po("ru"), _po("en")
    source = _sources()
    used = set(STATIC_KEY.findall(source))
    assert len(used) > 150  # the pattern still finds the dashboard's calls
    assert sorted(used - ru.keys()) == []
    assert sorted(used - en.keys()) == []
    for prefix in DYNAMIC_PREFIX.findall(source):
        assert any(key.startswith(prefix) for key in ru), prefix


def test_catalogues_agree_with_each_other() -> None:
    ru, en = _po("ru"), _po("en")
    assert ru.keys() == en.keys()
    for key in ru:
        assert ru[key].strip(), f"ru: {key} has no text"
        assert en[key].strip(), f"en: {key} has no text"
        assert set(PLACEHOLDER.findall(ru[key])) == set(PLACEHOLDER.findall(en[key])), key


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_installed_catalogue_is_compiled_from_the_current_sources(lang: str) -> None:
    compiled = i18n.catalogue(lang)
    for key, text in _po(lang).items():
        assert compiled.gettext(key) == text, f"{lang}: {key} is stale; rebuild the package"


def test_lookup_language_fallbacks_and_plugin_strings() -> None:
    assert i18n.t("nav.leads") == "Воронка"
    assert i18n.t("nav.leads", "en") == "Pipeline"
    assert i18n.t("nav.leads", "de") == "Воронка"  # an unknown language gets the default
    assert i18n.t("no.such.key", "en") == "no.such.key"  # a forgotten string stays visible
    i18n.add_messages({"test_plugin.title": ("Модуль", "Module"), "nav.leads": ("X", "Y")})
    assert i18n.t("test_plugin.title", "en") == "Module"
    assert i18n.t("nav.leads", "en") == "Pipeline"  # a plugin cannot replace a core string


def test_build_hook_compiles_and_refuses_fuzzy_entries(tmp_path: Path) -> None:
    hook = _hook_module()
    shutil.copytree(LOCALE, tmp_path / "src" / "crystalbay_web" / "locale")
    written = hook.compile_catalogues(tmp_path)
    assert sorted(p.parent.parent.name for p in written) == ["en", "ru"]
    assert all(p.stat().st_size > 1000 for p in written)
    po = tmp_path / "src" / "crystalbay_web" / "locale" / "en" / "LC_MESSAGES" / "dashboard.po"
    text = po.read_text().replace('msgid "nav.leads"', '#, fuzzy\nmsgid "nav.leads"')
    po.write_text(text)
    with pytest.raises(ValueError, match=r"fuzzy entries need review.*nav\.leads"):
        hook.compile_catalogues(tmp_path)


def test_the_wheel_ships_compiled_catalogues(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    uv = os.environ.get("UV") or shutil.which("uv")  # `uv run` names itself in $UV
    assert uv, "the wheel test needs uv (run the tests with `uv run pytest`)"
    command = [uv, "build", "--wheel", "--out-dir", str(out), str(WEB)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("crystalbay_web-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for lang in i18n.LANGUAGES:
        assert f"crystalbay_web/locale/{lang}/LC_MESSAGES/dashboard.mo" in names
