"""Make a plugin's source tree importable, entry points included, without installing it.

``develop(project, site)`` writes a minimal ``*.dist-info`` (``METADATA`` and
``entry_points.txt`` from the project's ``pyproject.toml``) into ``site``. With ``site`` and
the project's source folder on ``sys.path`` (or ``PYTHONPATH``), ``importlib.metadata`` finds
the distribution and ``make_plugin_manager()`` loads the plugin through its entry point, as
after ``pip install -e``. Nothing is downloaded or built, and the environment is untouched.
:func:`run_tests` then runs the project's own tests the way its author would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DevelopInstall", "develop", "run_tests"]


@dataclass(frozen=True, kw_only=True)
class DevelopInstall:
    """What :func:`develop` made.

    Attributes:
        name: The distribution name from ``pyproject.toml``.
        version: Its version.
        paths: Folders to put first on ``sys.path`` / ``PYTHONPATH``, in order.
        entry_points: ``{group: {name: target}}`` as declared.
    """

    name: str
    version: str
    paths: tuple[Path, ...]
    entry_points: dict[str, dict[str, str]]

    @property
    def pythonpath(self) -> str:
        """``paths`` joined for the ``PYTHONPATH`` variable."""
        return os.pathsep.join(str(path) for path in self.paths)


def develop(project: Path, site: Path) -> DevelopInstall:
    """Write ``<name>-<version>.dist-info`` for ``project`` into ``site``.

    Args:
        project: A folder with a PEP 621 ``pyproject.toml`` (``[project]`` with ``name``,
            ``version`` and optional ``[project.entry-points.<group>]`` tables) and its code
            in ``src/`` or at the top level.
        site: An empty or existing folder that will hold the metadata.

    Raises:
        ValueError: ``pyproject.toml`` lacks ``[project]`` ``name`` or ``version``.
    """
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    table = meta.get("project", {})
    name, version = str(table.get("name") or ""), str(table.get("version") or "")
    if not name or not version:
        raise ValueError(f"{project / 'pyproject.toml'}: [project] needs a name and a version")
    groups = {
        group: {str(k): str(v) for k, v in entries.items()}
        for group, entries in table.get("entry-points", {}).items()
    }
    info = site / f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(_entry_points_txt(groups), encoding="utf-8")
    source = project / "src" if (project / "src").is_dir() else project
    return DevelopInstall(name=name, version=version, paths=(site, source), entry_points=groups)


def _entry_points_txt(groups: dict[str, dict[str, str]]) -> str:
    blocks = []
    for group, entries in groups.items():
        lines = [f"[{group}]", *(f"{key} = {value}" for key, value in entries.items())]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def run_tests(
    project: Path,
    install: DevelopInstall,
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
) -> subprocess.CompletedProcess[str]:
    """Run ``pytest`` in ``project`` with this interpreter, as its author would.

    The project's ``pyproject.toml`` supplies the pytest configuration; ``install.paths`` go
    first on ``PYTHONPATH``, ``PYTEST_*`` variables of a calling pytest are dropped, and no
    bytecode is written into the project.

    Args:
        project: The project folder (the working directory of the run).
        install: What :func:`develop` returned for it.
        args: Extra pytest arguments.
        env: Extra environment variables, e.g. a private ``CRYSTALBAY_HOME`` so that nothing
            is written into the project.
        timeout: Seconds before the run is killed.
    """
    # A parent pytest's own variables (PYTEST_CURRENT_TEST, xdist's) must not leak in.
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    paths = (install.pythonpath, environ.get("PYTHONPATH"))
    environ |= {"PYTHONPATH": os.pathsep.join(filter(None, paths)), "PYTHONDONTWRITEBYTECODE": "1"}
    environ |= env or {}
    command = [sys.executable, "-m", "pytest", "-q", *args]
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        command,
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
