"""Read a whole conversation into one trip brief; later messages override earlier ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain import Direction, TripBrief
from crystalbay.rules.gazetteer import RESORT_COUNTRY
from crystalbay.rules.intents import TurnIntent, turn_intent
from crystalbay.rules.turns import TurnReading, read_answer, read_turn

if TYPE_CHECKING:
    from datetime import date

    from crystalbay.domain import ConversationContext

__all__ = ["ConversationReading", "read_conversation"]

_IMPLIED_NIGHTS = 0.6


@dataclass(slots=True)
class ConversationReading:
    """The brief so far, per-field confidence, and what each inbound message was about.

    Attributes:
        ages_unknown: Children named whose age nobody gave yet.
    """

    brief: TripBrief
    confidence: dict[str, float] = field(default_factory=dict)
    intents: list[TurnIntent] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    ages_unknown: int = 0

    def set(self, confidence: float, **values: object) -> None:
        """Set brief fields, all with the same confidence."""
        self.brief = msgspec.structs.replace(self.brief, **values)
        for name, value in values.items():
            if value is None or value == ():
                self.confidence.pop(name, None)
            else:
                self.confidence[name] = confidence

    def apply(self, reading: TurnReading) -> None:
        """Lay one message's reading over the brief."""
        self._place(reading)
        self._dates(reading)
        self._party(reading)
        for name in ("budget", "meal", "stars"):
            found = getattr(reading, name)
            if found is not None:
                self.set(found.confidence, **{name: found.value})

    def _place(self, reading: TurnReading) -> None:
        if (destination := reading.destination) is not None:
            place = destination.value
            resort = place.resort
            if resort is None and RESORT_COUNTRY.get(self.brief.resort or "") == place.country:
                resort = self.brief.resort
            kept = self.confidence.get("resort", destination.confidence)
            self.set(destination.confidence, country=place.country)
            self.set(destination.confidence if place.resort else kept, resort=resort)
        if (departure := reading.departure) is not None:
            self.set(departure.confidence, departure_city=departure.value)

    def _dates(self, reading: TurnReading) -> None:
        if (dates := reading.dates) is not None:
            window = dates.value
            self.set(dates.confidence, date_from=window.start, date_to=window.end)
            implied = self.confidence.get("nights_min", 0.0) <= _IMPLIED_NIGHTS
            if window.nights and reading.nights is None and implied:
                self.set(_IMPLIED_NIGHTS, nights_min=window.nights, nights_max=window.nights)
        if (nights := reading.nights) is not None:
            low, high = nights.value
            self.set(nights.confidence, nights_min=low, nights_max=high)

    def _party(self, reading: TurnReading) -> None:
        if (found := reading.party) is None:
            return
        party = found.value
        if party.adults is not None:
            self.set(found.confidence, adults=party.adults)
        if party.children:
            self.set(found.confidence, child_ages=party.child_ages)
            self.ages_unknown = party.children - len(party.child_ages)


def _start(conversation: ConversationContext) -> ConversationReading:
    brief = conversation.brief
    known = msgspec.structs.asdict(brief)
    confidence = {k: 1.0 for k, v in known.items() if v is not None and v != ()}
    return ConversationReading(brief, confidence)


def read_conversation(conversation: ConversationContext, today: date) -> ConversationReading:
    """Read every inbound message, oldest first, starting from ``conversation.brief``."""
    reading = _start(conversation)
    question = ""
    for turn in conversation.turns:
        if turn.direction is not Direction.INBOUND:
            question = turn.text
            continue
        found = read_turn(turn.text, today)
        if found.count() == 0 and question:
            found = read_answer(turn.text, question) or found
        question = ""
        reading.apply(found)
        reading.intents.append(turn_intent(turn.text, brief_fields=found.count()))
        reading.texts.append(turn.text)
    return reading
