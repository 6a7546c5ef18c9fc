"""Conformance kit: one suite per port that every adapter must pass.

Subclass a suite in a test module, provide its fixtures, and pytest runs every check::

    class TestAcmeProvider(TourProviderConformance):
        @pytest.fixture
        def provider(self, acme_fake): ...

        @pytest.fixture
        def query(self): ...

The suites need pytest and pytest-asyncio (the ``testing`` extra of ``crystalbay-core``).
:func:`develop` makes a plugin's source tree loadable through its entry point in tests.
"""

from crystalbay.testing.conformance.assistant import AssistantConformance
from crystalbay.testing.conformance.channel import ChannelConformance, Sent
from crystalbay.testing.conformance.crm import CRMConformance, CRMProbe
from crystalbay.testing.conformance.develop import DevelopInstall, develop, run_tests
from crystalbay.testing.conformance.faults import Faults, injected
from crystalbay.testing.conformance.tour_provider import TourProviderConformance
from crystalbay.testing.conformance.webhooks import WebhookConformance, WebhookKit, WebhookRequest

__all__ = [
    "AssistantConformance",
    "CRMConformance",
    "CRMProbe",
    "ChannelConformance",
    "DevelopInstall",
    "Faults",
    "Sent",
    "TourProviderConformance",
    "WebhookConformance",
    "WebhookKit",
    "WebhookRequest",
    "develop",
    "injected",
    "run_tests",
]
