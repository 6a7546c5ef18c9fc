"""The price-file provider passes the hub's tour-provider conformance suite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from crystalbay.domain.tours import TourQuery
from crystalbay.testing.conformance import Faults, TourProviderConformance

from crystalbay_pricefile.folder import PriceFolder
from crystalbay_pricefile.provider import PriceFileProvider


# --8<-- [start:suite]
class TestPriceFileConformance(TourProviderConformance):
    @pytest.fixture
    def provider(self, prices: Path) -> PriceFileProvider:
        return PriceFileProvider(PriceFolder(prices))

    @pytest.fixture
    def query(self) -> TourQuery:
        # Both sample operators sell Almaty -> Turkey in this window: 20+ offers.
        return TourQuery(
            departure_city="Almaty",
            country="Turkey",
            date_from=date(2026, 10, 5),
            date_to=date(2026, 10, 18),
            nights_min=7,
            nights_max=10,
        )

    @pytest.fixture
    def faults(self, prices: Path) -> Faults:
        # A price folder is "unavailable" when its share is not mounted. Files have no
        # credentials, so there is no `reject` switch and that check is skipped.
        away = prices.with_name("unmounted")

        def unmount() -> None:
            prices.rename(away)

        def mount() -> None:
            if away.exists():
                away.rename(prices)

        return Faults(unavailable=unmount, heal=mount)


# --8<-- [end:suite]
