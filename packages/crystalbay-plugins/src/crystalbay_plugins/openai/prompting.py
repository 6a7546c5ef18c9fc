"""The messages sent to the model: a system prompt from package files, a JSON user message.

Prompts live in ``prompts/<language>/<name>.md`` (Russian and English). The user message is
one JSON document (today's date, the known brief, offers, the conversation), so the model
reads the customer's words as data, not as instructions. Every customer and manager text is
passed through :func:`~crystalbay_plugins.openai.masking.mask_sensitive` first.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain import Direction
from crystalbay.rules.replies import format_price
from crystalbay_plugins.openai.masking import mask_sensitive

if TYPE_CHECKING:
    from datetime import date

    from openai.types.chat import ChatCompletionMessageParam

    from crystalbay.domain import ConversationContext, ReplyContext, TourOffer

__all__ = [
    "PROMPT_LANGUAGES",
    "analyse_messages",
    "draft_messages",
    "load_prompt",
    "prompt_language",
]

PROMPT_LANGUAGES = ("en", "ru")
"""Languages the prompts are written in; any other customer language gets the Russian one."""

PROMPT_NAMES = ("analyse", "draft_reply")


@functools.cache
def load_prompt(name: str, language: str) -> str:
    """The system prompt ``name`` in ``language`` (package data).

    Raises:
        ValueError: No such prompt.
    """
    if name not in PROMPT_NAMES or language not in PROMPT_LANGUAGES:
        raise ValueError(f"no prompt {name!r} in {language!r}")
    folder = importlib.resources.files("crystalbay_plugins.openai") / "prompts" / language
    return (folder / f"{name}.md").read_text(encoding="utf-8").strip()


def prompt_language(language: str | None) -> str:
    """The prompt language for a customer language (``en`` or ``ru``)."""
    return "en" if (language or "").lower().startswith("en") else "ru"


def analyse_messages(
    conversation: ConversationContext, today: date
) -> list[ChatCompletionMessageParam]:
    """System prompt and data for :meth:`OpenAIAssistant.analyse`."""
    data = {
        "today": today.isoformat(),
        "known_brief": msgspec.to_builtins(conversation.brief),
        "conversation": _turns(conversation),
    }
    return _messages("analyse", prompt_language(conversation.language), data)


def draft_messages(
    conversation: ConversationContext, context: ReplyContext, ask_for: tuple[str, ...], today: date
) -> list[ChatCompletionMessageParam]:
    """System prompt and data for :meth:`OpenAIAssistant.draft_reply`."""
    data = {
        "today": today.isoformat(),
        "reply_language": context.language,
        "known_brief": msgspec.to_builtins(conversation.brief),
        "offers": [_offer(offer) for offer in context.offers],
        "ask_for": list(ask_for),
        "conversation": _turns(conversation),
    }
    return _messages("draft_reply", prompt_language(context.language), data)


def _messages(name: str, language: str, data: object) -> list[ChatCompletionMessageParam]:
    return [
        {"role": "system", "content": load_prompt(name, language)},
        {"role": "user", "content": json.dumps(data, ensure_ascii=False, indent=1)},
    ]


def _turns(conversation: ConversationContext) -> list[dict[str, str]]:
    return [
        {
            "from": "customer" if turn.direction is Direction.INBOUND else "agency",
            "text": mask_sensitive(turn.text),
        }
        for turn in conversation.turns
    ]


def _offer(offer: TourOffer) -> dict[str, object]:
    """An offer as the model may quote it: prices as exact digit strings."""
    item: dict[str, object] = {
        "offer_id": offer.offer_id,
        "hotel": offer.hotel,
        "stars": offer.stars,
        "country": offer.country,
        "resort": offer.resort,
        "room": offer.room,
        "meal": offer.meal,
        "check_in": offer.check_in.isoformat(),
        "nights": offer.nights,
        "adults": offer.adults,
        "child_ages": list(offer.child_ages),
        "departure_city": offer.departure_city,
        "price": format_price(offer.price),
        "currency": offer.currency,
        "few_seats": offer.few_seats,
        "hotel_on_stop": offer.hotel_on_stop,
        "demo_only": offer.sandbox,
    }
    if offer.converted_price is not None and offer.converted_currency:
        item["converted_price"] = format_price(offer.converted_price)
        item["converted_currency"] = offer.converted_currency
    return item
