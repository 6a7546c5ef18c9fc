"""``crystalbay tours search``: the real program, run as a newcomer would, on the sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SAMO_", "DATABASE_", "PROXY_"))
    }
    env["CRYSTALBAY_HOME"] = str(tmp_path)
    return subprocess.run(  # noqa: S603 - our own program with fixed arguments
        [sys.executable, "-m", "crystalbay", "tours", "search", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_search_prints_a_table_of_sandbox_offers(tmp_path: Path) -> None:
    start = datetime.now(UTC).date() + timedelta(days=30)
    result = _run(
        tmp_path,
        "--from", "Almaty", "--to", "Vietnam",
        "--date-from", start.isoformat(), "--date-to", (start + timedelta(days=9)).isoformat(),
        "--nights", "7-10", "--adults", "2", "--child-age", "5",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Hotel", "*", "Resort"]
    rows = [line for line in lines[2:] if "sandbox" in line and "USD" in line]
    assert len(rows) >= 5
    at = lines[0].index("Nights")
    assert all(7 <= int(row[at : at + 6]) <= 10 for row in rows), rows
    assert "(sandbox) marks demonstration data" in result.stdout


def test_a_bad_nights_range_names_the_option(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        "--from", "Almaty", "--to", "Vietnam",
        "--date-from", "2030-01-10", "--date-to", "2030-01-20", "--nights", "ten",
    )  # fmt: skip

    assert result.returncode == 2
    assert "--nights" in result.stderr
    assert "7-10" in result.stderr


def test_an_unknown_city_is_a_one_line_error(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        "--from", "Atlantis", "--to", "Vietnam",
        "--date-from", "2030-01-10", "--date-to", "2030-01-20",
    )  # fmt: skip

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Atlantis" in result.stderr
