"""The built-in adapters and the testing fakes pass the conformance suites.

The log channel and the rules assistant run in-process, with no backend to break, so their
error-mapping checks are skipped. The fakes run the suites too, so that tests written against
them rely on behaviour every real adapter must show (there is no built-in CRM: ``FakeCRM``
is what the CRM suite is checked against here).
"""

from __future__ import annotations

from datetime import date

import pytest

from crystalbay.builtin.log_channel import LogChannel
from crystalbay.rules import RulesAssistant
from crystalbay.testing import FakeAssistant, FakeChannel, FakeCRM
from crystalbay.testing.conformance import (
    AssistantConformance,
    ChannelConformance,
    CRMConformance,
    CRMProbe,
    Faults,
    Sent,
)

ADDRESS = "+77011234567"


class TestLogChannelConformance(ChannelConformance):
    @pytest.fixture
    def channel(self) -> LogChannel:
        return LogChannel()

    @pytest.fixture
    def sent(self, channel: LogChannel) -> Sent:
        return lambda: list(channel.sent.values())

    @pytest.fixture
    def chat_address(self) -> str:
        return ADDRESS


class TestRulesAssistantConformance(AssistantConformance):
    @pytest.fixture
    def assistant(self) -> RulesAssistant:
        return RulesAssistant(today=date(2026, 3, 2))


class TestFakeChannelConformance(ChannelConformance):
    @pytest.fixture
    def channel(self) -> FakeChannel:
        return FakeChannel()

    @pytest.fixture
    def sent(self, channel: FakeChannel) -> Sent:
        return lambda: channel.sent

    @pytest.fixture
    def chat_address(self) -> str:
        return ADDRESS

    @pytest.fixture
    def faults(self, channel: FakeChannel) -> Faults:
        def outage() -> None:
            channel.fail_next = 1_000

        def heal() -> None:
            channel.fail_next = 0

        return Faults(unavailable=outage, heal=heal)


class TestFakeCRMConformance(CRMConformance):
    @pytest.fixture
    def crm(self) -> FakeCRM:
        return FakeCRM()

    @pytest.fixture
    def probe(self, crm: FakeCRM) -> CRMProbe:
        return CRMProbe(
            contacts=lambda: len(crm.contacts),
            deals=lambda: len(crm.deals),
            stage=crm.stages.get,
            comments=lambda ref: crm.comments.get(ref, []),
        )


class TestFakeAssistantConformance(AssistantConformance):
    @pytest.fixture
    def assistant(self) -> FakeAssistant:
        return FakeAssistant()
