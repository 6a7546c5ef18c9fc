"""Ask every provider at once; turn each provider's failure into a report, not an exception."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, TypeVar

from crystalbay.errors import IntegrationError
from crystalbay.services.tour_results import ProviderFailure

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from crystalbay.ports.tour_provider import TourProvider

__all__ = ["ask_all"]

logger = logging.getLogger("crystalbay.services.tours")

T = TypeVar("T")


async def ask_all(
    providers: Mapping[str, TourProvider],
    call: Callable[[TourProvider], Awaitable[T]],
    *,
    time_limit: float | None,
) -> tuple[list[tuple[str, T]], list[ProviderFailure]]:
    """Run ``call`` on every provider concurrently.

    Args:
        providers: Provider name -> adapter.
        call: What to ask each provider.
        time_limit: Seconds each provider may take, or ``None`` for no limit.

    Returns:
        The answers as ``(name, answer)`` and the failures, both in the providers' order.
    """
    outcomes = await asyncio.gather(
        *(_guarded(name, provider, call, time_limit) for name, provider in providers.items())
    )
    answers: list[tuple[str, T]] = []
    failures: list[ProviderFailure] = []
    for name, outcome in zip(providers, outcomes, strict=True):
        if isinstance(outcome, ProviderFailure):
            failures.append(outcome)
        else:
            answers.append((name, outcome))
    return answers, failures


async def _guarded(
    name: str,
    provider: TourProvider,
    call: Callable[[TourProvider], Awaitable[T]],
    time_limit: float | None,
) -> T | ProviderFailure:
    try:
        async with asyncio.timeout(time_limit):
            return await call(provider)
    except TimeoutError:
        waited = "in time" if time_limit is None else f"within {time_limit:g} s"
        detail = f"no answer {waited}; try again later"
        return ProviderFailure(provider=name, detail=detail, retryable=True)
    except IntegrationError as exc:
        return ProviderFailure(provider=name, detail=_strip(exc), retryable=exc.retryable)
    except Exception as exc:  # one broken provider must not hide the others
        logger.exception("tour provider %r failed unexpectedly", name)
        detail = f"unexpected {type(exc).__name__}; see the server log"
        return ProviderFailure(provider=name, detail=detail, retryable=False)


def _strip(exc: IntegrationError) -> str:
    prefix = f"{exc.integration}: "
    return exc.detail.removeprefix(prefix)
