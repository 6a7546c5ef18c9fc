"""The OpenAI adapter passes the core ``Assistant`` conformance suite against the fake."""

from __future__ import annotations

import pytest

from crystalbay.testing.conformance import AssistantConformance, Faults
from crystalbay_plugins.openai.testing import FakeOpenAI, server_error, unauthorized


class TestOpenAIAssistantConformance(AssistantConformance):
    """The fake's default answers stand in for the model (a keyword scan, exact prices).

    ``assistant`` comes from this folder's conftest: the adapter configured for the fake.
    """

    @pytest.fixture
    def faults(self, fake: FakeOpenAI) -> Faults:
        def heal() -> None:
            fake.responder = None

        def outage() -> None:
            fake.responder = lambda _: server_error(503)

        def reject() -> None:
            fake.responder = lambda _: unauthorized()

        return Faults(unavailable=outage, reject=reject, heal=heal)
