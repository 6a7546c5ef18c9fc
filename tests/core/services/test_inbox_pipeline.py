"""Inbound pipeline and outbox on both databases, with in-process jobs and the fake channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
import pytest

from crystalbay.domain import ConversationMode, DeliveryStatus, Direction, InboundMessage
from crystalbay.domain.pipeline import Stage
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable, InvalidValue
from crystalbay.events import LeadCreated, MessageReceived
from crystalbay.hookspecs import hookimpl
from crystalbay.storage.repositories import LeadFilter
from crystalbay.testing import EventRecorder, FakeChannel

if TYPE_CHECKING:
    import contextlib
    from collections.abc import AsyncIterator, Callable

    from crystalbay.hub import Hub

FAST = {
    "CRYSTALBAY_JOB_POLL": "0.05",
    "CRYSTALBAY_JOB_BACKOFF": "0.05",
    "CRYSTALBAY_JOB_DISPATCH_LEASE": "0.2",
}


@pytest.fixture(name="events")
def fx_events(register_plugin: Callable[..., None]) -> EventRecorder:
    recorder = EventRecorder()
    register_plugin(recorder, name="recorder")
    return recorder


class _ChannelPlugin:
    """Only a fake channel: the real rules assistant reads the messages."""

    def __init__(self) -> None:
        self.channel = FakeChannel("fake")
        self.sent = self.channel.sent

    @hookimpl
    def register_channels(self) -> list[FakeChannel]:
        return [self.channel]


@pytest.fixture(name="fakes")
def fx_fakes(register_plugin: Callable[..., None]) -> _ChannelPlugin:
    plugin = _ChannelPlugin()
    register_plugin(plugin, name="fake-channel")
    return plugin


@pytest.fixture(name="fast_hub")
async def fx_fast_hub(
    fakes: _ChannelPlugin,
    events: EventRecorder,
    jobs_env: dict[str, str],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[Hub]:
    del fakes, events
    async with hub_factory({**FAST, **jobs_env}, run_jobs=True) as hub:
        yield hub


def _whatsapp(external_id: str, text: str, phone: str = "+77011234567") -> InboundMessage:
    return InboundMessage(
        channel="fake",
        external_id=external_id,
        chat_address=phone.lstrip("+"),
        text=text,
        sender_name="Dana",
        phone=phone,
    )


async def test_a_message_becomes_a_contact_a_lead_and_a_conversation(
    fast_hub: Hub, events: EventRecorder
) -> None:
    receipt = await fast_hub.inbox.receive(_whatsapp("w1", "Хотим во Вьетнам в марте, двое"))
    await fast_hub.jobs.drain()

    assert receipt.duplicate is False
    [created] = [e for e in events.events if isinstance(e, LeadCreated)]
    lead = await fast_hub.leads.get(created.lead_id)
    assert (lead.stage, lead.source) == (Stage.NEW, "fake")
    assert lead.contact_id is not None
    contact = await fast_hub.contacts.get(lead.contact_id)
    assert contact.phones == ("+77011234567",)
    [conversation] = await fast_hub.conversations.for_lead(lead.id)
    [message] = await fast_hub.conversations.messages(conversation.id)
    assert (message.id, message.direction, message.text) == (
        receipt.message_id,
        Direction.INBOUND,
        "Хотим во Вьетнам в марте, двое",
    )
    assert MessageReceived(message_id=receipt.message_id, lead_id=lead.id) in events.events
    # The rules assistant read it: the brief has the country, the lead a score.
    analysed = await fast_hub.leads.get(lead.id)
    assert analysed.brief.country in {"Вьетнам", "Vietnam"}
    assert analysed.score > 0
    stored = await fast_hub.assistant_flow.latest(lead.id)
    assert stored is not None
    assert stored.assistant == "rules"
    assert stored.draft is not None
    assert stored.draft.text


async def test_a_redelivered_message_changes_nothing(fast_hub: Hub, events: EventRecorder) -> None:
    first = await fast_hub.inbox.receive(_whatsapp("w2", "Привет"))
    again = await fast_hub.inbox.receive(_whatsapp("w2", "Привет"))
    await fast_hub.jobs.drain()
    third = await fast_hub.inbox.receive(_whatsapp("w2", "Привет"))
    await fast_hub.jobs.drain()

    assert (again.message_id, again.duplicate) == (first.message_id, True)
    assert third.duplicate is True
    assert len([e for e in events.events if isinstance(e, MessageReceived)]) == 1
    _, total = await fast_hub.leads.list(LeadFilter())
    assert total == 1


async def test_the_next_message_joins_the_open_lead(fast_hub: Hub) -> None:
    await fast_hub.inbox.receive(_whatsapp("w3", "Турция"))
    await fast_hub.inbox.receive(_whatsapp("w4", "в июне на 10 ночей"))
    await fast_hub.jobs.drain()

    leads, total = await fast_hub.leads.list(LeadFilter())
    assert total == 1
    messages = await fast_hub.conversations.lead_messages(leads[0].id)
    assert [m.text for m in messages] == ["Турция", "в июне на 10 ночей"]


async def test_a_message_without_an_address_is_refused(fast_hub: Hub) -> None:
    with pytest.raises(InvalidValue, match="chat_address"):
        await fast_hub.inbox.receive(
            InboundMessage(channel="fake", external_id="x", chat_address=" ", text="hi")
        )


async def _lead_conversation(hub: Hub, external_id: str = "w9") -> int:
    await hub.inbox.receive(_whatsapp(external_id, "Хочу тур"))
    await hub.jobs.drain()
    leads, _ = await hub.leads.list(LeadFilter())
    [conversation] = await hub.conversations.for_lead(leads[0].id)
    return conversation.id


async def test_a_reply_is_queued_then_sent_once(fast_hub: Hub, fakes: _ChannelPlugin) -> None:
    conversation_id = await _lead_conversation(fast_hub)

    queued = await fast_hub.conversations.reply(conversation_id, "Здравствуйте!", author="anna")
    assert queued.status is DeliveryStatus.QUEUED
    await fast_hub.jobs.drain()

    sent = [m for m in fakes.channel.sent if m.text == "Здравствуйте!"]
    assert len(sent) == 1
    assert sent[0].idempotency_key == f"cb-{queued.id}"
    message = (await fast_hub.conversations.messages(conversation_id))[-1]
    assert (message.status, message.author) == (DeliveryStatus.SENT, "anna")
    assert message.external_id


async def test_an_outage_is_retried_until_delivery(fast_hub: Hub, fakes: _ChannelPlugin) -> None:
    conversation_id = await _lead_conversation(fast_hub)
    fakes.channel.fail_with(IntegrationUnavailable("down", integration="fake"), times=2)

    queued = await fast_hub.conversations.reply(conversation_id, "Есть варианты", author="anna")
    await fast_hub.jobs.drain()

    assert [m.text for m in fakes.channel.sent].count("Есть варианты") == 1
    message = await fast_hub.conversations.repo.get_message(queued.id)
    assert message.status is DeliveryStatus.SENT


async def test_a_refused_message_is_failed_with_the_reason_and_can_be_retried(
    fast_hub: Hub, fakes: _ChannelPlugin
) -> None:
    conversation_id = await _lead_conversation(fast_hub)
    fakes.channel.fail_with(
        IntegrationRejected("the 24-hour window is closed", integration="fake"), times=1
    )

    queued = await fast_hub.conversations.reply(conversation_id, "Ответ", author="anna")
    await fast_hub.jobs.drain()
    failed = await fast_hub.conversations.repo.get_message(queued.id)
    assert failed.status is DeliveryStatus.FAILED
    assert failed.error == "fake: the 24-hour window is closed"

    retried = await fast_hub.conversations.retry(queued.id, author="anna")
    assert retried.status is DeliveryStatus.QUEUED
    await fast_hub.jobs.drain()
    assert (await fast_hub.conversations.repo.get_message(queued.id)).status is DeliveryStatus.SENT
    with pytest.raises(InvalidValue, match="failed"):
        await fast_hub.conversations.retry(queued.id, author="anna")


async def test_auto_mode_replies_and_hands_over_when_asked_for_a_person(
    fast_hub: Hub, fakes: _ChannelPlugin
) -> None:
    conversation_id = await _lead_conversation(fast_hub, "a1")
    await fast_hub.conversations.set_mode(conversation_id, ConversationMode.AUTO, actor="anna")

    await fast_hub.inbox.receive(_whatsapp("a2", "Хотим в Турцию в июне на 7 ночей вдвоём"))
    await fast_hub.jobs.drain()
    auto = list(fakes.channel.sent)
    assert auto, "the assistant answered in auto mode"

    await fast_hub.inbox.receive(_whatsapp("a3", "Соедините меня с менеджером, пожалуйста"))
    await fast_hub.jobs.drain()
    conversation = await fast_hub.conversations.get(conversation_id)
    assert conversation.mode is ConversationMode.MANUAL
    assert len(fakes.channel.sent) == len(auto), "no automatic answer after the hand-over"


async def test_a_complaint_in_auto_mode_goes_to_a_person_and_is_logged(
    fast_hub: Hub, fakes: _ChannelPlugin
) -> None:
    conversation_id = await _lead_conversation(fast_hub, "c1")
    await fast_hub.conversations.set_mode(conversation_id, ConversationMode.AUTO, actor="anna")
    sent_before = len(fakes.sent)

    await fast_hub.inbox.receive(
        _whatsapp("c2", "Это безобразие! Жалоба: в отеле грязно, верните деньги")
    )
    await fast_hub.jobs.drain()

    conversation = await fast_hub.conversations.get(conversation_id)
    assert conversation.mode is ConversationMode.MANUAL
    assert len(fakes.sent) == sent_before
    log = await fast_hub.leads.activity(conversation.lead_id)
    steps = [msgspec.json.decode(e.note or "{}") for e in log if e.action == "assistant"]
    assert steps[-1]["intent"] in {"complaint", "payment"}
    assert steps[-1]["action"].startswith("handover")
    assert steps[-1]["assistant"] == "rules"
    assert {"score", "missing", "offers", "language"} <= set(steps[-1])


class _BrokenModel:
    """A model-backed assistant whose vendor is down."""

    name = "model"

    async def analyse(self, conversation: object) -> object:
        del conversation
        raise IntegrationUnavailable("model API is down", integration="model")

    async def draft_reply(self, conversation: object, context: object) -> object:
        del conversation, context
        raise IntegrationUnavailable("model API is down", integration="model")


async def test_when_the_model_fails_the_rules_assistant_answers(
    register_plugin: Callable[..., None],
    fakes: _ChannelPlugin,
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    del fakes

    class _Plugin:
        @hookimpl
        def register_assistants(self) -> list[object]:
            return [_BrokenModel()]

    register_plugin(_Plugin(), name="broken-model")
    async with hub_factory(FAST, run_jobs=True) as hub:
        await hub.inbox.receive(_whatsapp("f1", "Хотим в Турцию в июне вдвоём"))
        await hub.jobs.drain()
        leads, _ = await hub.leads.list(LeadFilter())
        stored = await hub.assistant_flow.latest(leads[0].id)

    assert stored is not None
    assert stored.assistant == "rules"
    assert stored.fallback_reason == "model: model API is down"
    assert stored.analysis.brief.country in {"Турция", "Turkey"}
