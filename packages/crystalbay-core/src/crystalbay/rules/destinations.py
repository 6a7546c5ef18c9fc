"""Where the customer wants to go, and where they fly from."""

from __future__ import annotations

from dataclasses import dataclass

from crystalbay.rules.found import Found
from crystalbay.rules.gazetteer import CITIES, COUNTRIES, RESORT_COUNTRY, RESORTS
from crystalbay.rules.text import normalize, words

__all__ = ["Destination", "find_departure", "find_destination"]

_NEGATIONS = frozenset({"не", "not", "кроме", "except", "без", "no", "nor", "вместо", "instead"})
_FROM = frozenset(
    {"из", "с", "со", "from", "вылет", "вылетом", "вылетаем", "вылетаю", "departure", "ex", "от"}
)
_ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен")


@dataclass(frozen=True, slots=True)
class Destination:
    """A destination country and, when named, the resort in it."""

    country: str
    resort: str | None = None


def _negated(tokens: list[str], start: int) -> bool:
    return any(token in _NEGATIONS for token in tokens[max(0, start - 3) : start])


def find_destination(text: str) -> Found[Destination] | None:
    """Find the destination; the last country or resort named wins.

    A resort also gives its country; naming another country later drops the resort, and
    naming several resorts leaves the resort open. Places after a negation (``не в Турцию``)
    are skipped.

    Returns:
        The destination, or ``None`` when no known place is named.
    """
    tokens = words(normalize(text))
    mentions = [(m.start, m.value, False, m.fuzzy) for m in COUNTRIES.find(tokens)]
    mentions += [(m.start, m.value, True, m.fuzzy) for m in RESORTS.find(tokens)]
    exact = {m[0] for m in mentions if not m[3]}
    mentions = [m for m in mentions if not _negated(tokens, m[0]) and not (m[3] and m[0] in exact)]
    if not mentions:
        return None
    mentions.sort()
    first = mentions[0]
    country = RESORT_COUNTRY[first[1]] if first[2] else first[1]
    resort: str | None = None
    for _, name, is_resort, _ in mentions:
        if is_resort:
            resort, country = name, RESORT_COUNTRY[name]
        elif country != name:
            resort = resort if resort and RESORT_COUNTRY[resort] == name else None
            country = name
    resorts = {name for _, name, is_resort, _ in mentions if is_resort}
    if len(resorts) > 1:
        resort = None  # "Пхукет или Паттайя": any resort of the country
    countries = {RESORT_COUNTRY[n] if r else n for _, n, r, _ in mentions}
    confidence = 0.65 if any(fuzzy for *_, fuzzy in mentions) else 0.9
    if len(countries) > 1:
        confidence = 0.6
    return Found(Destination(country, resort), confidence)


def _marked(tokens: list[str], start: int, end: int) -> bool:
    if start > 0 and tokens[start - 1] in _FROM:
        return True
    return tokens[end - 1].endswith(_ABLATIVE)


def find_departure(text: str) -> Found[str] | None:
    """Find the departure city: the last one after ``из``/``from``/``вылет``, else the last named.

    Returns:
        The canonical city name (``"Almaty"``), or ``None``.
    """
    tokens = words(normalize(text))
    best: tuple[bool, Found[str]] | None = None
    for mention in CITIES.find(tokens):
        if _negated(tokens, mention.start):
            continue
        marked = _marked(tokens, mention.start, mention.end)
        confidence = (0.9 if marked else 0.7) - (0.2 if mention.fuzzy else 0.0)
        if best is None or marked or not best[0]:
            best = (marked, Found(mention.value, confidence))
    return None if best is None else best[1]
