"""Place and meal names as operators write them, and the keys they are matched by.

Small operators write names their own way (``Алматы``, ``Алма-Ата``, ``ALMATY``). Offers and
dictionaries show one canonical (English) name per place, so that they sit next to SAMO's and
the sandbox's; queries match by :func:`key`, which ignores case, punctuation and ``ё``.
Extend :data:`ALIASES` when an operator uses a spelling that is not listed.
"""

from __future__ import annotations

import re

__all__ = ["ALIASES", "MEALS", "canonical", "key", "meal_code"]

_NON_WORD = re.compile(r"[\W_]+")

ALIASES: dict[str, str] = {
    "алматы": "Almaty",
    "алмаата": "Almaty",
    "астана": "Astana",
    "нурсултан": "Astana",
    "шымкент": "Shymkent",
    "москва": "Moscow",
    "турция": "Turkey",
    "египет": "Egypt",
    "оаэ": "UAE",
    "таиланд": "Thailand",
    "вьетнам": "Vietnam",
    "анталья": "Antalya",
    "кемер": "Kemer",
    "аланья": "Alanya",
    "белек": "Belek",
    "сиде": "Side",
    "хургада": "Hurghada",
    "шармэльшейх": "Sharm El Sheikh",
    "дубай": "Dubai",
    "шарджа": "Sharjah",
}
"""Normalised spelling -> canonical name (unlisted names are shown as the operator wrote them)."""

MEALS: dict[str, str] = {
    "ro": "RO",
    "безпитания": "RO",
    "bb": "BB",
    "завтраки": "BB",
    "hb": "HB",
    "полупансион": "HB",
    "fb": "FB",
    "полныйпансион": "FB",
    "ai": "AI",
    "всевключено": "AI",
    "uai": "UAI",
    "ультравсевключено": "UAI",
}
"""Normalised meal plan -> the usual code."""


def key(name: str) -> str:
    """The matching key of a name: ``"Алма-Ата"`` and ``"almaty"`` both give ``"almaty"``."""
    normal = _NON_WORD.sub("", name.casefold().replace("ё", "е"))
    canonical_name = ALIASES.get(normal)
    return _NON_WORD.sub("", canonical_name.casefold()) if canonical_name else normal


def canonical(name: str) -> str:
    """The name to show: the canonical spelling when known, else the operator's, trimmed."""
    normal = _NON_WORD.sub("", name.casefold().replace("ё", "е"))
    return ALIASES.get(normal, " ".join(name.split()))


def meal_code(name: str) -> str:
    """``"Всё включено"`` -> ``"AI"``; unknown plans are kept as written, upper-cased."""
    normal = _NON_WORD.sub("", name.casefold().replace("ё", "е"))
    return MEALS.get(normal, " ".join(name.split()).upper())
