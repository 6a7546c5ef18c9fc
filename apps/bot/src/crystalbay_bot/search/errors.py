"""The search's one failure the customer must not pay for: no tour provider answered."""

from __future__ import annotations

from crystalbay.errors import IntegrationError

__all__ = ["SearchUnavailable"]


class SearchUnavailable(IntegrationError):  # noqa: N818 - reads as a state
    """Every tour provider failed during the customer's search (down, or refusing).

    The errors router turns it into a lead for the managers with the brief so far, so the
    customer is not lost; ``retryable`` says whether trying again later may help.
    """

    @classmethod
    def wrap(cls, error: IntegrationError) -> SearchUnavailable:
        """The search's failure caused by ``error`` (a provider's or the tour service's)."""
        failure = cls(f"tour search failed ({error.detail})", integration=error.integration)
        failure.retryable = error.retryable
        failure.retry_after = error.retry_after
        return failure
