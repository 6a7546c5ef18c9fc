"""The conformance suites catch broken adapters, and ``develop`` installs entry points.

Each suite is a plain class; its test methods are called here directly with adapters that
break one rule each, to show that the suite fails them for the right reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import msgspec
import pytest

from crystalbay.domain import Contact, Draft, OutboundMessage
from crystalbay.domain.assistant import ConversationContext, ReplyContext
from crystalbay.domain.tours import TourQuery, TourSearchPage
from crystalbay.errors import AuthenticationError, IntegrationProtocolError
from crystalbay.plugins import make_plugin_manager
from crystalbay.ports import Health
from crystalbay.testing import FakeAssistant, FakeCRM, FakeTourProvider, make_offer
from crystalbay.testing.conformance import (
    AssistantConformance,
    ChannelConformance,
    CRMConformance,
    Faults,
    TourProviderConformance,
    WebhookConformance,
    WebhookKit,
    WebhookRequest,
    develop,
    injected,
)

QUERY = TourQuery(
    departure_city="Almaty",
    country="Turkey",
    date_from=date(2026, 10, 1),
    date_to=date(2026, 10, 20),
)


@dataclass
class EveryTimeChannel:
    """Forgets idempotency keys: every send is a new delivery."""

    name: str = "careless"
    sent: list[OutboundMessage] = field(default_factory=list)

    async def send(self, message: OutboundMessage) -> str:
        self.sent.append(message)
        return f"m{len(self.sent)}"

    async def check(self) -> Health:
        return Health(ok=True, detail="fine")


class PageBlindProvider(FakeTourProvider):
    """Ignores ``page``: every page is page 1."""

    async def search(self, query: TourQuery) -> TourSearchPage:
        first = await super().search(msgspec.structs.replace(query, page=1))
        return TourSearchPage(offers=first.offers, page=query.page, has_more=True)


class CreatingCRM(FakeCRM):
    """Creates a new record on every upsert."""

    async def upsert_contact(self, contact: Contact) -> str:
        ref = f"c{len(self.contacts) + 1}"
        self.contacts[ref] = contact
        return ref


class InventingAssistant(FakeAssistant):
    """Cites an offer it was not given."""

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        del conversation
        return Draft(text="Rixos!", language=context.language, cited_offers=("invented",))


async def test_the_channel_suite_catches_double_delivery() -> None:
    channel = EveryTimeChannel()

    with pytest.raises(AssertionError):
        await ChannelConformance().test_the_same_key_twice_delivers_once(
            channel, lambda: channel.sent, "+77011234567"
        )


async def test_the_tour_suite_catches_overlapping_pages() -> None:
    offers = [make_offer(check_in=date(2026, 10, 2 + n % 10)) for n in range(12)]
    provider = PageBlindProvider(offers=offers)

    with pytest.raises(AssertionError, match="assert not"):
        await TourProviderConformance().test_pages_do_not_overlap(provider, QUERY)


async def test_the_crm_suite_catches_duplicate_contacts() -> None:
    contact = Contact(id=7, name="Анна", phones=("+77011234567",))

    with pytest.raises(AssertionError):
        await CRMConformance().test_upserting_a_contact_twice_keeps_one(
            CreatingCRM(), contact, None
        )


async def test_the_assistant_suite_catches_invented_citations() -> None:
    offers = (make_offer(),)

    with pytest.raises(AssertionError):
        await AssistantConformance().test_a_draft_cites_only_the_offers_given(
            InventingAssistant(), offers
        )


def _kit(*, accept_forgeries: bool) -> WebhookKit:
    def parse(request: WebhookRequest) -> list[object]:
        if not accept_forgeries and request.header("x-token") != "right":
            raise AuthenticationError("wrong token")
        try:
            return list(json.loads(request.body)["messages"])
        except (ValueError, KeyError, TypeError) as exc:
            raise IntegrationProtocolError("bad body", integration="kit") from exc

    sample = b'{"messages": [{"id": "1"}]}'
    return WebhookKit(
        parse=parse,
        authentic=lambda body: WebhookRequest(headers={"X-Token": "right"}, body=body),
        sample=sample,
        forgeries=[WebhookRequest(headers={"X-Token": "wrong"}, body=sample)],
    )


async def test_the_webhook_suite_passes_a_careful_parser_and_fails_a_trusting_one() -> None:
    suite = WebhookConformance()
    await suite.test_forged_deliveries_are_refused(_kit(accept_forgeries=False))
    await suite.test_malformed_bodies_are_protocol_errors(_kit(accept_forgeries=False))

    with pytest.raises(pytest.fail.Exception, match="DID NOT RAISE"):
        await suite.test_forged_deliveries_are_refused(_kit(accept_forgeries=True))


def test_a_missing_fault_switch_skips_and_a_present_one_heals() -> None:
    healed: list[str] = []
    faults = Faults(unavailable=lambda: healed.append("broken"), heal=lambda: healed.append("ok"))

    with (
        pytest.raises(pytest.skip.Exception, match="no 'reject' fault switch"),
        injected(faults, "reject"),
    ):
        pass  # pragma: no cover - skipped before the body
    with injected(faults, "unavailable"):
        assert healed == ["broken"]
    assert healed == ["broken", "ok"]


def test_develop_makes_an_entry_point_loadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "hello"
    (project / "src" / "crystalbay_hello").mkdir(parents=True)
    (project / "src" / "crystalbay_hello" / "__init__.py").write_text(
        "from crystalbay.hookspecs import hookimpl\n\n"
        "@hookimpl\ndef register_channels(hub):\n    return []\n"
    )
    (project / "pyproject.toml").write_text(
        '[project]\nname = "crystalbay-hello"\nversion = "1.2.3"\n'
        '[project.entry-points.crystalbay]\nhello = "crystalbay_hello"\n'
    )

    install = develop(project, tmp_path / "site")
    for path in reversed(install.paths):
        monkeypatch.syspath_prepend(str(path))

    assert install.paths == (tmp_path / "site", project / "src")
    pm = make_plugin_manager(allow={"hello"})
    plugin = pm.get_plugin("hello")
    assert plugin is not None
    assert plugin.__name__ == "crystalbay_hello"
    assert dict(pm.list_plugin_distinfo()[0][1].metadata)["Version"] == "1.2.3"


def test_develop_needs_a_name_and_a_version(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')

    with pytest.raises(ValueError, match="needs a name and a version"):
        develop(tmp_path, tmp_path / "site")
