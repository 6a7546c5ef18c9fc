"""Error-mapping checks of the tour-provider suite (mixed into ``TourProviderConformance``)."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.testing.conformance.faults import Faults, injected

if TYPE_CHECKING:
    from crystalbay.domain.tours import TourQuery
    from crystalbay.ports import TourProvider

__all__ = ["FaultChecks"]


class FaultChecks:
    """Outages and refusals map onto the error tree; ``check()`` reports instead of raising."""

    @pytest.fixture
    def faults(self) -> Faults:
        """No fault switches: override to test error mapping."""
        return Faults()

    @pytest.mark.asyncio
    async def test_an_outage_raises_unavailable(
        self, provider: TourProvider, query: TourQuery, faults: Faults
    ) -> None:
        """An outage is ``IntegrationUnavailable`` (retryable); the provider recovers after it."""
        with injected(faults, "unavailable"), pytest.raises(IntegrationUnavailable) as caught:
            await provider.search(query)
        assert caught.value.retryable
        assert caught.value.integration.strip()
        assert (await provider.search(query)).offers, "the provider must recover after an outage"

    @pytest.mark.asyncio
    async def test_an_outage_shows_in_check(self, provider: TourProvider, faults: Faults) -> None:
        """``check()`` reports an outage as not ok instead of raising."""
        with injected(faults, "unavailable"):
            health = await provider.check()
        assert not health.ok
        assert health.detail.strip()

    @pytest.mark.asyncio
    async def test_rejected_credentials_raise_rejected(
        self, provider: TourProvider, query: TourQuery, faults: Faults
    ) -> None:
        """A refusal (bad credentials, missing scope) is ``IntegrationRejected``, not retryable."""
        with injected(faults, "reject"), pytest.raises(IntegrationRejected) as caught:
            await provider.search(query)
        assert not caught.value.retryable
        assert caught.value.integration.strip()
