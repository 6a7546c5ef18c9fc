"""Choosing the customer's language."""

from __future__ import annotations

from crystalbay_bot.texts.catalogue import Texts
from crystalbay_bot.texts.en import EN
from crystalbay_bot.texts.ru import RU

__all__ = ["CATALOGUES", "DEFAULT_LANGUAGE", "language_for", "texts_for"]

CATALOGUES: dict[str, Texts] = {"ru": RU, "en": EN}
DEFAULT_LANGUAGE = "ru"

# People whose Telegram is set to these languages usually read Russian best.
_RUSSIAN_READERS = frozenset({"ru", "uk", "be", "kk", "ky", "uz", "tg", "hy", "az"})


def language_for(telegram_code: str | None) -> str:
    """The catalogue for a Telegram ``language_code`` (``"en-GB"``, ``"ru"``, ``None``).

    Russian for Russian readers and when Telegram says nothing; English for everyone else.
    """
    if not telegram_code:
        return DEFAULT_LANGUAGE
    base = telegram_code.split("-", 1)[0].lower()
    return "ru" if base in _RUSSIAN_READERS else "en"


def texts_for(code: str) -> Texts:
    """The catalogue for ``code``, Russian when unknown."""
    return CATALOGUES.get(code, CATALOGUES[DEFAULT_LANGUAGE])
