"""Fixtures shared by the service tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crystalbay.testing import EventRecorder


@pytest.fixture(name="recorder")
def fx_recorder(register_plugin: Callable[..., None]) -> EventRecorder:
    """Every event the hub announces during the test."""
    recorder = EventRecorder()
    register_plugin(recorder, name="event-recorder")
    return recorder
