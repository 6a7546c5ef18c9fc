"""The sandbox provider passes the tour-provider conformance suite.

It answers in-process from the demo catalogue, so there is no backend to break: the
error-mapping checks are skipped (SAMO's suite runs them against the fake operator).
"""

from __future__ import annotations

from datetime import date

import pytest

from crystalbay.domain.tours import TourQuery
from crystalbay.testing.conformance import TourProviderConformance
from crystalbay_plugins.sandbox.provider import SandboxTourProvider


class TestSandboxConformance(TourProviderConformance):
    @pytest.fixture
    def provider(self) -> SandboxTourProvider:
        return SandboxTourProvider()

    @pytest.fixture
    def query(self) -> TourQuery:
        return TourQuery(
            departure_city="Almaty",
            country="Turkey",
            date_from=date(2026, 10, 5),
            date_to=date(2026, 10, 18),
            nights_min=7,
            nights_max=10,
        )
