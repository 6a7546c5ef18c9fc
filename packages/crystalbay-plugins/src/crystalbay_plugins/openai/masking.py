"""Mask payment and identity data before customer text is sent to the model.

Masked: card numbers (13-19 digits passing the Luhn check, in any grouping), CVV/CVC codes
named as such, passport numbers (after a passport keyword, or in the unmistakable
``45 12 345678`` / ``N12345678`` forms), IBAN-like strings and 20-digit bank accounts.

Phone numbers are deliberately kept: the lead needs them, and they are not payment data. A
number written with a leading ``+`` never counts as a card; a bare 13-15 digit phone that
happens to pass the Luhn check is masked (over-masking is the safe side). Expiry dates are
left as they are: without the number they identify nothing.
"""

from __future__ import annotations

import re

__all__ = ["ACCOUNT", "CARD", "CVV", "IBAN", "PASSPORT", "luhn_valid", "mask_sensitive"]

CARD = "[CARD]"
CVV = "[CVV]"
PASSPORT = "[PASSPORT]"
IBAN = "[IBAN]"
ACCOUNT = "[ACCOUNT]"

_CARD_MIN, _CARD_MAX = 13, 19
_FIRST_GROUP, _OTHER_GROUP = 4, 3
_PHONE_MAX = 15
_IBAN_MIN_DIGITS = 8
_SEP = "[ \u00a0\u202f-]"
_RUN = re.compile(rf"(?<!\d)(?<!\d{_SEP})\d+(?:{_SEP}\d+)*")
_PLUS_RUN = re.compile(rf"\+{_SEP}?$")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b", re.IGNORECASE)
_ACCOUNT_RE = re.compile(r"(?<!\d)\d{20}(?!\d)")
_CVV_RE = re.compile(
    r"(?i)\b(?:cvv2?|cvc2?|cvn|cid|security\s+code|код\s+безопасности|секретный\s+код)"
    r"[\s:=№#.-]*(\d{3,4})(?!\d)"
)
_PASSPORT_NUMBER = r"\d{2}[ ]?\d{2}[ ]?\d{6}|\d{2}[ ]?\d{7}|[A-ZА-Я]{1,2}[ ]?\d{6,9}|\d{6,10}"
_PASSPORT_KEYWORD_RE = re.compile(
    r"(?i)\b(?:загран\w*|паспорт\w*|passport|серия\s+и\s+номер)"
    r"(?:[\s:№#.,-]|номер\w*|серия|number|no\b)*"
    rf"({_PASSPORT_NUMBER})(?!\d)"
)
# Without a keyword only unmistakable shapes: "45 12 345678" (a Russian passport's series and
# number; no phone is written 2-2-6) and one or two Latin capitals before 7-8 digits
# (Kazakh N12345678, Uzbek AA1234567). "4512 345678" needs a keyword: phones look like it.
_PASSPORT_SHAPE_RE = re.compile(r"(?<![\d+])\d{2} \d{2} \d{6}(?!\d)|\b[A-Z]{1,2}\d{7,8}\b")


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (digits only) passes the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2  # noqa: PLR2004
        total += value
    return bool(digits) and total % 10 == 0


def mask_sensitive(text: str) -> str:
    """``text`` with cards, CVVs, passports, IBANs and bank accounts replaced by markers."""
    text = _IBAN_RE.sub(_iban, text)
    text = _ACCOUNT_RE.sub(ACCOUNT, text)
    text = _RUN.sub(lambda m: _cards(m, text), text)
    text = _CVV_RE.sub(lambda m: _replace_group(m, CVV), text)
    text = _PASSPORT_KEYWORD_RE.sub(lambda m: _replace_group(m, PASSPORT), text)
    return _PASSPORT_SHAPE_RE.sub(PASSPORT, text)


def _iban(match: re.Match[str]) -> str:
    value = match.group()
    return IBAN if sum(c.isdigit() for c in value) >= _IBAN_MIN_DIGITS else value


def _replace_group(match: re.Match[str], marker: str) -> str:
    start, end = match.span(1)
    whole = match.group()
    offset = match.start()
    return whole[: start - offset] + marker + whole[end - offset :]


def _cards(match: re.Match[str], text: str) -> str:
    """Mask Luhn-valid 13-19 digit stretches of a digit run.

    A stretch is a sequence of whole groups shaped like a card (the first group has four or
    more digits, the others three or more), so a phone and a card in one run stay apart. A
    whole run of 13-19 digits that passes Luhn is masked in any grouping.
    """
    run = match.group()
    spans = [m.span() for m in re.finditer(r"\d+", run)]
    groups = [run[a:b] for a, b in spans]
    # After a "+" the first digits are a phone (at most 15 digits, E.164), not a card.
    shortest = _PHONE_MAX + 1 if _PLUS_RUN.search(text[: match.start()]) else _CARD_MIN
    if _is_card(groups, shortest):
        return CARD
    out, done, i = [], 0, 0
    while i < len(groups):
        end = _card_end(groups, i, shortest if i == 0 else _CARD_MIN)
        if end is None:
            i += 1
            continue
        out += [run[done : spans[i][0]], CARD]
        done, i = spans[end - 1][1], end
    return "".join([*out, run[done:]])


def _card_end(groups: list[str], start: int, shortest: int) -> int | None:
    if len(groups[start]) < _FIRST_GROUP:
        return None
    end = start + 1
    while end < len(groups) and len(groups[end]) >= _OTHER_GROUP:
        end += 1
    for stop in range(end, start, -1):
        if _is_card(groups[start:stop], shortest):
            return stop
    return None


def _is_card(groups: list[str], shortest: int) -> bool:
    digits = "".join(groups)
    return shortest <= len(digits) <= _CARD_MAX and luhn_valid(digits)
