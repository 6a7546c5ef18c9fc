"""In-memory fakes of the channel, CRM and assistant ports (tour provider: ``fake_tours``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.assistant import Analysis, Draft, Intent
from crystalbay.errors import IntegrationUnavailable
from crystalbay.hookspecs import hookimpl
from crystalbay.ports.common import Health

if TYPE_CHECKING:
    from crystalbay.domain.assistant import ConversationContext, ReplyContext
    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead
    from crystalbay.domain.messages import OutboundMessage
    from crystalbay.domain.pipeline import Stage
    from crystalbay.events import Event

__all__ = ["EventRecorder", "FakeAssistant", "FakeCRM", "FakeChannel"]


class FakeChannel:
    """A channel that records what it sends, once per idempotency key.

    Attributes:
        sent: Delivered messages in order.
        fail_next: Number of upcoming sends that fail as "unavailable".
    """

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.sent: list[OutboundMessage] = []
        self._ids: dict[str, str] = {}
        self.fail_next = 0
        self._failures: list[Exception] = []

    def fail_with(self, error: Exception, *, times: int = 1) -> None:
        """Make the next ``times`` sends raise ``error`` (e.g. IntegrationRejected)."""
        self._failures.extend([error] * times)

    async def send(self, message: OutboundMessage) -> str:
        """Record ``message`` unless its key was sent before; return the fake vendor id."""
        if self._failures:
            raise self._failures.pop(0)
        if self.fail_next:
            self.fail_next -= 1
            raise IntegrationUnavailable("simulated outage", integration=self.name, retry_after=0.0)
        if message.idempotency_key not in self._ids:
            self.sent.append(message)
            self._ids[message.idempotency_key] = f"{self.name}-{len(self.sent)}"
        return self._ids[message.idempotency_key]

    async def check(self) -> Health:
        """Healthy unless failures are queued."""
        return Health(ok=not self.fail_next, detail="fake channel")


class FakeCRM:
    """A CRM that keeps contacts, deals and comments in dictionaries."""

    def __init__(self, name: str = "fakecrm") -> None:
        self.name = name
        self.contacts: dict[str, Contact] = {}
        self.deals: dict[str, Lead] = {}
        self.stages: dict[str, Stage] = {}
        self.comments: dict[str, list[str]] = {}

    async def upsert_contact(self, contact: Contact) -> str:
        """Store the contact under ``c<id>``."""
        ref = f"c{contact.id}"
        self.contacts[ref] = contact
        return ref

    async def upsert_lead(self, lead: Lead, *, contact_ref: str | None) -> str:
        """Store the lead under ``d<id>``."""
        del contact_ref
        ref = f"d{lead.id}"
        self.deals[ref] = lead
        self.stages[ref] = lead.stage
        return ref

    async def move_stage(self, ref: str, stage: Stage) -> None:
        """Record the stage."""
        self.stages[ref] = stage

    async def add_comment(self, ref: str, text: str) -> None:
        """Record the comment."""
        self.comments.setdefault(ref, []).append(text)

    async def check(self) -> Health:
        """Always healthy."""
        return Health(ok=True, detail="fake CRM")


class FakeAssistant:
    """An assistant that answers from a script and records what it was asked."""

    def __init__(self, analysis: Analysis | None = None, reply: str = "Здравствуйте!") -> None:
        self.name = "fake"
        self.analysis = analysis
        self.reply = reply
        self.seen: list[ConversationContext] = []

    async def analyse(self, conversation: ConversationContext) -> Analysis:
        """Return the scripted analysis (a tour-search intent with the known brief by default)."""
        self.seen.append(conversation)
        return self.analysis or Analysis(intent=Intent.TOUR_SEARCH, brief=conversation.brief)

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        """Return the scripted reply, citing every offer given."""
        self.seen.append(conversation)
        return Draft(
            text=self.reply,
            language=context.language,
            cited_offers=tuple(o.offer_id for o in context.offers),
        )


class EventRecorder:
    """A plugin that keeps every event the hub announces (register it before the hub starts)."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    @hookimpl
    def on_event(self, event: Event) -> None:
        """Record ``event``."""
        self.events.append(event)
