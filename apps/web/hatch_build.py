"""Build hook: compile the dashboard's gettext catalogues (``.po`` -> ``.mo``) into the wheel.

Hatchling runs it for regular and editable builds, so ``uv sync`` (and therefore ``uv run``)
leaves compiled catalogues next to their sources; ``[tool.uv] cache-keys`` in this package's
``pyproject.toml`` makes uv rebuild when a ``.po`` file changes. The ``.mo`` files are build
output: ignored by git, shipped as wheel artifacts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src", "crystalbay_web", "locale")


def compile_catalogues(root: Path) -> list[Path]:
    """Compile every ``locale/<lang>/LC_MESSAGES/*.po`` under ``root``; return the ``.mo`` paths.

    Raises:
        ValueError: A catalogue has a syntax error or a fuzzy entry left to review.
    """
    written = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, abort_invalid=True)
        fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
        if fuzzy:
            raise ValueError(f"{po}: fuzzy entries need review before a build: {fuzzy}")
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalogue)
        written.append(mo)
    return written


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the catalogues before hatchling collects the package's files."""

    PLUGIN_NAME = "catalogues"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile, then ship the ``.mo`` files although git ignores them."""
        del version
        root = Path(self.root)
        for mo in compile_catalogues(root):
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
