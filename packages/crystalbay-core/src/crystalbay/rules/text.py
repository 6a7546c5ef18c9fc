"""Text normalisation shared by the extractors.

Every extractor reads :func:`normalize` output: lower case, ``ё`` as ``е``, Kazakh letters folded
onto their Russian neighbours (``Турцияға`` becomes ``турцияга``), one kind of dash, and Latin
look-alike letters inside Cyrillic words turned Cyrillic (a common typo in mixed keyboards).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["WORD", "edit_distance", "normalize", "words"]

WORD = re.compile(r"[a-zа-я]+")
"""One word of normalised text (digits and punctuation split words)."""

_FOLD = str.maketrans(
    {
        "ё": "е",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "«": '"',
        "»": '"',
        "é": "e",
        "è": "e",
        "ü": "u",
        "ö": "o",
        "ç": "c",
        "ş": "s",
        "ğ": "g",
        "ı": "i",
    }
)
_LOOKALIKE = str.maketrans("aceopxykmtbh", "асеорхукмтвн")
_MIXED = re.compile(r"[a-zа-я]*(?:[a-z][а-я]|[а-я][a-z])[a-zа-я]*")


def _cyrillic_lookalikes(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = sum("а" <= ch <= "я" for ch in word)
    if cyrillic * 2 < len(word):
        return word
    return word.translate(_LOOKALIKE)


def normalize(text: str) -> str:
    """Return ``text`` folded for matching (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    folded = _MIXED.sub(_cyrillic_lookalikes, folded)
    return re.sub(r"\s+", " ", folded).strip()


def words(text: str) -> list[str]:
    """Split normalised ``text`` into words."""
    return WORD.findall(text)


def edit_distance(left: str, right: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    if left == right:
        return 0
    previous2: list[int] = []
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, start=1):
        current = [i] + [0] * len(right)
        for j, b in enumerate(right, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == right[j - 2] and left[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
