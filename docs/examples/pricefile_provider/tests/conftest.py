"""A private copy of the sample price folder for every test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[1] / "prices"


@pytest.fixture(name="prices")
def fx_prices(tmp_path: Path) -> Path:
    """The sample price files (two operators), copied so that a test may change them."""
    return Path(shutil.copytree(SAMPLES, tmp_path / "prices"))
