"""The SAMO provider passes the tour-provider conformance suite against the fake operator.

The operator's dictionaries are in Russian (``SAMO_LANGUAGE`` defaults to ``ru``), so the
sample query names the city and the country as a Russian operator lists them.
"""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from crystalbay.domain.tours import TourQuery
from crystalbay.testing.conformance import Faults, TourProviderConformance
from crystalbay_plugins.samo.config import SamoConfig
from crystalbay_plugins.samo.provider import SamoTourProvider
from crystalbay_plugins.samo.testing import FakeSamo


class TestSamoConformance(TourProviderConformance):
    @pytest.fixture
    def provider(self, config: SamoConfig, http: httpx.AsyncClient) -> SamoTourProvider:
        return SamoTourProvider(config, http)

    @pytest.fixture
    def query(self) -> TourQuery:
        return TourQuery(
            departure_city="Алматы",
            country="Турция",
            date_from=date(2026, 10, 5),
            date_to=date(2026, 10, 18),
            nights_min=7,
            nights_max=10,
        )

    @pytest.fixture
    def faults(self, fake: FakeSamo) -> Faults:
        token = fake.token

        def outage() -> None:
            fake.fail_next(503, times=100)

        def wrong_token() -> None:
            fake.token = "ffffeeeeddddccccbbbbaaaa99998888"

        def heal() -> None:
            fake.reset()
            fake.token = token

        return Faults(unavailable=outage, reject=wrong_token, heal=heal)
