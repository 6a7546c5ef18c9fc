"""Find known words and phrases in normalised text, tolerating declensions and typos.

Aliases are written in normalised form and separated by ``|``. A trailing ``*`` on a word makes
it a stem that accepts up to four more letters (``турци*`` matches ``турцию``, ``турции`` and the
Kazakh ``турцияга``); a word without ``*`` must match whole. Stems and whole words of six letters
or more also match with one typo, provided the first letter is right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from crystalbay.rules.text import edit_distance

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["Lexicon", "Mention"]

T = TypeVar("T")

_MAX_SUFFIX = 4
_FUZZY_STEM = 6
_FUZZY_WORD = 6


@dataclass(frozen=True, slots=True)
class Mention(Generic[T]):
    """A lexicon entry found at words ``start`` to ``end`` (exclusive)."""

    value: T
    start: int
    end: int
    fuzzy: bool


@dataclass(frozen=True, slots=True)
class _Alias(Generic[T]):
    value: T
    parts: tuple[str, ...]


def _typo(word: str, base: str, *, stem: bool) -> bool:
    """True when ``word`` is ``base`` (or, for a stem, starts with it) but for one typo."""
    if not stem:
        return len(base) >= _FUZZY_WORD and edit_distance(word, base) <= 1
    if len(base) < _FUZZY_STEM:
        return False
    cuts = (cut for cut in (len(base) - 1, len(base), len(base) + 1) if cut <= len(word))
    return any(
        len(word) - cut <= _MAX_SUFFIX and edit_distance(word[:cut], base) <= 1 for cut in cuts
    )


def _match_part(word: str, part: str) -> int | None:
    """0 for an exact match, 1 for a match with one typo, ``None`` for no match."""
    stem = part.endswith("*")
    base = part.rstrip("*")
    exact = word.startswith(base) and len(word) - len(base) <= _MAX_SUFFIX if stem else word == base
    if exact:
        return 0
    if word[:1] == base[:1] and _typo(word, base, stem=stem):
        return 1
    return None


class Lexicon(Generic[T]):
    """A set of aliases for values, searched in a list of normalised words."""

    def __init__(self, entries: Mapping[T, str]) -> None:
        self._by_letter: dict[str, list[_Alias[T]]] = defaultdict(list)
        for value, spelled in entries.items():
            for alias in spelled.split("|"):
                parts = tuple(alias.split())
                self._by_letter[parts[0][0]].append(_Alias(value, parts))
        for aliases in self._by_letter.values():
            aliases.sort(key=lambda alias: -len(alias.parts))

    def match_at(self, words: Sequence[str], start: int) -> Mention[T] | None:
        """The longest alias starting at ``words[start]``, exact matches first."""
        best: Mention[T] | None = None
        for alias in self._by_letter.get(words[start][:1], ()):
            end = start + len(alias.parts)
            if end > len(words):
                continue
            typos = [_match_part(w, p) for w, p in zip(words[start:end], alias.parts, strict=True)]
            if None in typos:
                continue
            fuzzy = any(typos)
            if best is None or (best.fuzzy and not fuzzy and best.end <= end):
                best = Mention(alias.value, start, end, fuzzy)
            if not fuzzy:
                return best
        return best

    def find(self, words: Sequence[str]) -> list[Mention[T]]:
        """Every non-overlapping mention, left to right."""
        found: list[Mention[T]] = []
        index = 0
        while index < len(words):
            mention = self.match_at(words, index)
            if mention is None:
                index += 1
                continue
            found.append(mention)
            index = mention.end
        return found

    def lookup(self, word: str) -> T | None:
        """The value of a single word, or ``None``."""
        mention = self.match_at([word], 0) if word else None
        return None if mention is None else mention.value
