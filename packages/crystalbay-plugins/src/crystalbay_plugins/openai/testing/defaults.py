"""What the fake answers when nothing is scripted: deterministic, plausible, schema-true.

``analysis`` gets a keyword scan of the customer's last message; ``draft_reply`` a short
reply quoting the first offers exactly and asking for ``ask_for``; any other schema its
minimal instance. Tests that assert content should script answers instead.
"""

from __future__ import annotations

import json
import re
from typing import Any

from crystalbay_plugins.openai.testing.schema_check import minimal_instance

__all__ = ["default_answer"]

_INTENTS = (
    ("human", ("менеджер", "оператор", "живой", "manager", "human", "person")),
    ("complaint", ("жалоб", "ужас", "недовол", "complain", "terrible", "awful")),
    ("payment", ("оплат", "счёт", "счет", "pay", "invoice", "refund", "возврат")),
    ("booking_question", ("ваучер", "трансфер", "моя бронь", "voucher", "transfer", "my booking")),
    ("booking", ("заброни", "бронир", "book")),
    ("tour_search", ("тур", "отдых", "поехать", "хотим в", "хочу в", "tour", "trip", "holiday")),
    ("small_talk", ("привет", "спасибо", "здравств", "hello", "thanks", "hi ")),
)
_COUNTRIES = {
    "турц": "Turkey", "turkey": "Turkey", "егип": "Egypt", "egypt": "Egypt",
    "оаэ": "UAE", "дуба": "UAE", "uae": "UAE", "dubai": "UAE",
    "тайл": "Thailand", "thailand": "Thailand",
}  # fmt: skip
_ADULTS = re.compile(r"(\d+)\s*(?:взросл|adult)", re.IGNORECASE)
_NIGHTS = re.compile(r"(\d+)\s*(?:ноч|night)", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def default_answer(name: str, schema: dict[str, Any], user_content: str) -> object:
    """The answer for schema ``name`` given the request's last user message."""
    data = _json(user_content)
    if name == "analysis":
        return _analysis(_customer_text(data, user_content))
    if name == "draft_reply" and data is not None:
        return _draft(data)
    return minimal_instance(schema, schema)


def _json(content: str) -> dict[str, Any] | None:
    try:
        data = json.loads(content)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _customer_text(data: dict[str, Any] | None, fallback: str) -> str:
    turns = (data or {}).get("conversation") or []
    said = [
        str(t.get("text", "")) for t in turns if isinstance(t, dict) and t.get("from") == "customer"
    ]
    return said[-1] if said else fallback


def _analysis(text: str) -> dict[str, object]:
    lowered = f"{text.lower()} "
    intent = next((i for i, words in _INTENTS if any(w in lowered for w in words)), "other")
    country = next((c for stem, c in _COUNTRIES.items() if stem in lowered), None)
    adults = _ADULTS.search(text)
    nights = int(found[1]) if (found := _NIGHTS.search(text)) else None
    brief: dict[str, object] = dict.fromkeys(
        ("departure_city", "resort", "date_from", "date_to", "meal", "stars", "budget_amount")
    )
    brief |= {"budget_currency": None, "country": country, "child_ages": []}
    brief |= {"nights_min": nights, "nights_max": nights}
    brief["adults"] = int(adults[1]) if adults else None
    filled = [k for k, v in brief.items() if v not in (None, [])]
    return {
        "intent": intent,
        "brief": brief,
        "confidence": [{"field": k, "confidence": 0.9} for k in filled],
        "language": "ru" if _CYRILLIC.search(text) else "en",
        "score": min(20 + 15 * len(filled) + (20 if intent == "tour_search" else 0), 100),
        "score_reasons": [f"known: {', '.join(filled)}"] if filled else ["nothing known yet"],
        "urgency": {
            "complaint": "high",
            "human": "high",
            "payment": "high",
            "small_talk": "low",
        }.get(intent, "normal"),
    }


def _draft(data: dict[str, Any]) -> dict[str, object]:
    russian = data.get("reply_language", "ru") != "en"
    offers = [o for o in data.get("offers", []) if isinstance(o, dict)][:2]
    ask_for = [str(f) for f in data.get("ask_for", [])][:2]
    lines = [f"{o['hotel']}, {o['check_in']}: {o['price']} {o['currency']}" for o in offers]
    parts = ["Нашли варианты:" if russian else "Here is what we found:", *lines] if lines else []
    if not lines:
        parts.append("Менеджер подберёт туры." if russian else "A manager will pick tours for you.")
    if ask_for:
        parts.append(
            ("Уточните, пожалуйста: " if russian else "Please tell us: ") + ", ".join(ask_for)
        )
    return {
        "text": "\n".join(parts),
        "language": "ru" if russian else "en",
        "cited_offer_ids": [str(o["offer_id"]) for o in offers],
        "asked_fields": ask_for,
    }
