"""``crystalbay assistant eval``: the rules by default, the configured model when there is one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crystalbay_plugins.openai.testing import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SAMO_"))}
    base |= {"CRYSTALBAY_HOME": str(tmp_path), **env}
    return subprocess.run(  # noqa: S603 - our own program with fixed arguments
        [sys.executable, "-m", "crystalbay", "assistant", "eval", *args],
        env=base,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_without_a_key_the_rules_assistant_is_scored_on_the_default_sets(tmp_path: Path) -> None:
    result = _run(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "cases.json — assistant rules" in result.stdout
    assert "holdout.json — assistant rules" in result.stdout
    country = next(line for line in result.stdout.splitlines() if line.startswith("country"))
    accuracy = float(country.split()[1].rstrip("%"))
    assert accuracy >= 80.0


def test_with_a_key_the_configured_model_is_scored(tmp_path: Path) -> None:
    cases = ROOT / "tests/data/assistant/holdout.json"
    with FakeOpenAI() as fake:
        result = _run(tmp_path, str(cases), OPENAI_API_KEY=fake.api_key, OPENAI_BASE_URL=fake.url)
        asked = len(fake.requests)

    assert result.returncode == 0, result.stderr
    assert "holdout.json — assistant openai" in result.stdout
    assert "field" in result.stdout
    assert "intent" in result.stdout
    assert asked >= 30, "every case went to the model"


def test_a_missing_set_is_named(tmp_path: Path) -> None:
    result = _run(tmp_path, "no/such/cases.json")

    assert result.returncode != 0
    assert "no/such/cases.json" in result.stderr
    assert "Traceback" not in result.stderr
