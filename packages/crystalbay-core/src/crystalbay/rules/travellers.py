"""Who travels: adults and children's ages.

Readings, strongest first: an explicit adult count ("2 взрослых", "2 adults"), the ``2+1`` form,
a head count that includes the children ("нас трое", "семья из трёх", "втроём", "4 человека"),
companions ("я с мужем", "me and my wife"), travelling alone, and a couple. "Вдвоём с
ребёнком" reads as one adult and the child (the two of them); "вдвоём + ребёнок" as two adults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crystalbay.rules.children import CHILD, Children, find_children
from crystalbay.rules.found import Found
from crystalbay.rules.numbers import COUNT, to_int
from crystalbay.rules.text import normalize

__all__ = ["Party", "find_travellers"]

_ADULTS = re.compile(
    rf"\b({COUNT})\s*(?:-?х\s*)?(?:взросл\w*|взр\b\.?|adults?|ересек\w*|улкен адам\w*|pax)"
)
_ADULTS_AFTER = re.compile(r"\b(?:взросл\w*|adults?)\s*[:\-]?\s*(\d)\b")
_PLUS = re.compile(r"(?<![\d.*])\b([1-6])\s*\+\s*([1-4])\b(?![\d*.])")
_HEAD_COUNT = re.compile(
    rf"\b(?:нас|we are|we're|there are|there will be)\s*(?:будет\s*)?({COUNT})\b"
    r"(?!\s*(?:ноч|night|дн|day))"
    rf"|\b({COUNT})\s*(?:человек\w*|чел\b\.?|people|persons?|туриста?\b|туристов|travell?ers?|адам)"
    rf"|\bна\s*(двоих|троих|четверых|пятерых|шестерых)\b|\b(?:the\s+)?({COUNT}) of us\b"
)
_FAMILY = re.compile(rf"\b(?:семь[яеиюй]\w* из|family of)\s*({COUNT})\b")
_GROUP_WORDS = {"вдвоем": 2, "втроем": 3, "вчетвером": 4, "впятером": 5, "вшестером": 6}
_GROUP = re.compile(r"\b(вдвоем|втроем|вчетвером|впятером|вшестером)\b")
_GROUP_PLUS_CHILD = re.compile(rf"^\s*(?:\+|и|плюс|and|plus)\s*(?:{COUNT}\s*)?{CHILD}")
_COMPANION = (
    r"муж\b|мужем|мужа|жена|женой|жену|супруг\w*|подруг\w*|друг|другом|друга|другу|парн(?:ем|я)"
    r"|парень|девушк\w*|мам\w*|пап\w*|сестр\w*|брат|братом|брата|свекр\w*|тещ\w*|бабушк\w*"
    r"|дедушк\w*|коллег\w*|wife|husband|girlfriend|boyfriend|friend|partner|mom|mum|dad|mother"
    r"|father|sister|brother|куйеу\w*|айел\w*"
)
_COMPANIONS = re.compile(
    rf"(?:\bс|\bсо|\bwith|\band|\bи|\bme,? and|\bme,)\s+(?:my\s+|мо\w+\s+|сво\w+\s+)?"
    rf"({_COMPANION})\b"
    rf"|\b({_COMPANION})\s+(?:и я|and i|and me)\b"
)
_PLURAL_COMPANIONS = re.compile(r"\b(?:родител\w*|друзья\w*|подругами|parents|friends)\b")
_ALONE = re.compile(
    r"\b(?:я|еду|поеду|лечу|полечу|буду)\s+(?:один|одна)\b|\b(?:один|одна)\s+(?:еду|поеду|лечу)\b"
    r"|\bsolo\b|\balone\b|\bjust me\b"
    r"|\bonly me\b|\b(?:один|одна)\s*[.!)]*\s*$|\bдля себя одн\w*|\bжалгыз\b|\b1 человек\b"
)
_COUPLE = re.compile(
    r"\b(?:пара|парой|для пары|молодожен\w*|honeymoon|медов\w* месяц\w*|couple)\b"
    r"(?! of)(?!\s*недел)"
)
_ME_WITH_CHILD = re.compile(
    rf"\b(?:я|i|i'm|i am)\s+(?:\w+\s+)?(?:с|со|with)\s+(?:my\s+)?(?:{COUNT}\s+)?{CHILD}"
)


@dataclass(frozen=True, slots=True)
class Party:
    """Adults (``None`` when unknown), the children's known ages, and how many children."""

    adults: int | None
    child_ages: tuple[int, ...] = ()
    children: int = 0


def _last_int(pattern: re.Pattern[str], text: str) -> int | None:
    values = [to_int(next(g for g in m.groups() if g)) for m in pattern.finditer(text)]
    found = [v for v in values if v]
    return found[-1] if found else None


def _head_count(text: str, kids: int) -> Found[int] | None:
    """Adults from a head count that includes the children."""
    if (family := _last_int(_FAMILY, text)) is not None:
        return Found(max(family - kids, 1) if kids else min(family, 2), 0.7 if kids else 0.5)
    total = _last_int(_HEAD_COUNT, text)
    group = _GROUP.search(text)
    if total is None and group is not None:
        total = _GROUP_WORDS[group.group(1)]
        if _GROUP_PLUS_CHILD.match(text[group.end() :]):
            return Found(total, 0.75)
    if total is None:
        return None
    return Found(max(total - kids, 1) if kids < total else total, 0.8)


def _adults(text: str, kids: int) -> Found[int] | None:
    if (explicit := _last_int(_ADULTS, text) or _last_int(_ADULTS_AFTER, text)) is not None:
        return Found(explicit, 0.9)
    if plus := _PLUS.search(text):
        return Found(int(plus.group(1)), 0.85)
    if head := _head_count(text, kids):
        return head
    companions = len({m.group(0) for m in _COMPANIONS.finditer(text)})
    companions += 2 * len(_PLURAL_COMPANIONS.findall(text))
    if companions:
        return Found(1 + companions, 0.75)
    if _ALONE.search(text) or (kids and _ME_WITH_CHILD.search(text)):
        return Found(1, 0.7)
    return Found(2, 0.6) if _COUPLE.search(text) else None


def find_travellers(text: str) -> Found[Party] | None:
    """Find the party: adults, children's ages and the number of children.

    Returns:
        The party, or ``None`` when the text says nothing about who travels.
    """
    normal = normalize(text)
    children = find_children(normal) or Children(0, ())
    plus = _PLUS.search(normal)
    count = max(children.count, int(plus.group(2)) if plus else 0)
    adults = _adults(normal, count)
    if adults is None and count == 0:
        return None
    family = _last_int(_FAMILY, normal)
    if family and adults and not count:
        count = max(family - adults.value, 0)
    party = Party(adults.value if adults else None, children.ages, max(count, len(children.ages)))
    return Found(party, adults.confidence if adults else 0.7)
