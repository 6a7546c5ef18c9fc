"""The conformance suite every ``CRM`` adapter must pass: idempotent upserts above all."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import msgspec
import pytest

from crystalbay.domain.contacts import Contact
from crystalbay.domain.leads import Budget, Lead, TripBrief
from crystalbay.domain.pipeline import STAGES, Stage
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import CRM, Health
from crystalbay.testing.conformance.faults import Faults, injected
from crystalbay.testing.factories import make_lead

__all__ = ["CRMConformance", "CRMProbe"]


@dataclass(frozen=True, kw_only=True)
class CRMProbe:
    """Looks into the fake vendor, so that the suite can check what the CRM really holds.

    Attributes:
        contacts: How many contacts the vendor holds.
        deals: How many deals the vendor holds.
        stage: The hub stage the deal ``ref`` is on, as the vendor records it.
        comments: The comments on the deal ``ref``, oldest first.
    """

    contacts: Callable[[], int]
    deals: Callable[[], int]
    stage: Callable[[str], Stage | None]
    comments: Callable[[str], Sequence[str]]


class CRMConformance:
    """Behaviour every ``CRM`` must show. Subclass it in a test module.

    Provide the fixture ``crm`` (the adapter under test, talking to its fake vendor).
    Override ``probe`` to return a :class:`CRMProbe` so that the suite checks the vendor's
    state too, ``faults`` to test error mapping, and ``contact`` / ``lead`` for other samples.
    """

    @pytest.fixture
    def probe(self) -> CRMProbe | None:
        """No view into the vendor: results are checked through the returned refs only."""
        return None

    @pytest.fixture
    def faults(self) -> Faults:
        """No fault switches: override to test error mapping."""
        return Faults()

    @pytest.fixture
    def contact(self) -> Contact:
        """A stored contact reachable by phone and e-mail."""
        now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
        return Contact(
            id=4242,
            name="Анна Петрова",
            phones=("+77011234567",),
            emails=("anna.petrova@example.com",),
            created_at=now,
            updated_at=now,
        )

    @pytest.fixture
    def lead(self, contact: Contact) -> Lead:
        """An open lead of ``contact`` with a trip brief."""
        brief = TripBrief(country="Turkey", adults=2, budget=Budget(amount=2500, currency="USD"))
        return make_lead(
            title="Турция в октябре", contact_id=contact.id, source="whatsapp", brief=brief
        )

    def test_satisfies_the_port(self, crm: CRM) -> None:
        """The adapter is a runtime ``CRM`` with a name."""
        assert isinstance(crm, CRM)
        assert isinstance(crm.name, str)
        assert crm.name.strip()

    @pytest.mark.asyncio
    async def test_upserting_a_contact_twice_keeps_one(
        self, crm: CRM, contact: Contact, probe: CRMProbe | None
    ) -> None:
        """The same contact, even renamed, maps to one CRM record."""
        before = probe.contacts() if probe else 0
        ref = await crm.upsert_contact(contact)
        assert isinstance(ref, str)
        assert ref.strip()
        assert await crm.upsert_contact(contact) == ref
        assert await crm.upsert_contact(msgspec.structs.replace(contact, name="Анна П.")) == ref
        if probe:
            assert probe.contacts() == before + 1

    @pytest.mark.asyncio
    async def test_different_contacts_are_different_records(
        self, crm: CRM, contact: Contact
    ) -> None:
        """Another person gets another ref."""
        other = msgspec.structs.replace(
            contact, id=(contact.id or 0) + 1, name="Ерлан", phones=("+77051234567",), emails=()
        )
        assert await crm.upsert_contact(contact) != await crm.upsert_contact(other)

    @pytest.mark.asyncio
    async def test_upserting_a_lead_twice_keeps_one_deal(
        self, crm: CRM, contact: Contact, lead: Lead, probe: CRMProbe | None
    ) -> None:
        """The same lead, even changed, maps to one deal."""
        contact_ref = await crm.upsert_contact(contact)
        before = probe.deals() if probe else 0
        ref = await crm.upsert_lead(lead, contact_ref=contact_ref)
        assert isinstance(ref, str)
        assert ref.strip()
        assert await crm.upsert_lead(lead, contact_ref=contact_ref) == ref
        changed = msgspec.structs.replace(lead, title="Турция, 7 ночей", score=70, version=2)
        assert await crm.upsert_lead(changed, contact_ref=contact_ref) == ref
        if probe:
            assert probe.deals() == before + 1

    @pytest.mark.asyncio
    async def test_a_lead_without_contact_is_accepted(self, crm: CRM, lead: Lead) -> None:
        """Leads from the lead API may have no contact yet."""
        anonymous = msgspec.structs.replace(lead, id=lead.id + 100_000, contact_id=None)
        ref = await crm.upsert_lead(anonymous, contact_ref=None)
        assert ref.strip()

    @pytest.mark.asyncio
    async def test_the_deal_walks_the_pipeline(
        self, crm: CRM, lead: Lead, probe: CRMProbe | None
    ) -> None:
        """Every stage of the pipeline can be set, in order."""
        ref = await crm.upsert_lead(lead, contact_ref=None)
        for stage in STAGES:
            await crm.move_stage(ref, stage)
            if probe:
                assert probe.stage(ref) is stage

    @pytest.mark.asyncio
    async def test_comments_are_added(self, crm: CRM, lead: Lead, probe: CRMProbe | None) -> None:
        """Comments (Cyrillic included) land on the deal in order."""
        ref = await crm.upsert_lead(lead, contact_ref=None)
        texts = ["Клиент просит 5* у моря", "Sent 3 offers by WhatsApp"]
        for text in texts:
            await crm.add_comment(ref, text)
        if probe:
            assert list(probe.comments(ref))[-2:] == texts

    @pytest.mark.asyncio
    async def test_check_reports_healthy(self, crm: CRM) -> None:
        """``check()`` answers with a ``Health`` and a readable detail."""
        health = await crm.check()
        assert isinstance(health, Health)
        assert health.ok, health.detail
        assert health.detail.strip()

    @pytest.mark.asyncio
    async def test_an_outage_is_unavailable(
        self, crm: CRM, contact: Contact, faults: Faults
    ) -> None:
        """A vendor outage raises ``IntegrationUnavailable`` (the sync job retries)."""
        with injected(faults, "unavailable"), pytest.raises(IntegrationUnavailable) as caught:
            await crm.upsert_contact(contact)
        assert caught.value.retryable
        assert caught.value.integration.strip()
        assert (await crm.upsert_contact(contact)).strip(), "the CRM must recover"

    @pytest.mark.asyncio
    async def test_a_refusal_is_rejected(self, crm: CRM, contact: Contact, faults: Faults) -> None:
        """Refused credentials raise ``IntegrationRejected``, not retryable."""
        with injected(faults, "reject"), pytest.raises(IntegrationRejected) as caught:
            await crm.upsert_contact(contact)
        assert not caught.value.retryable
        assert caught.value.integration.strip()
