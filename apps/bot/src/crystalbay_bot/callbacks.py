"""Every ``CallbackData`` of the bot.

Packed values must fit Telegram's 64 bytes, so buttons carry short prefixes and small
indexes into lists kept in FSM data (dictionary keys and offer ids never travel in buttons).
``tests/bot/test_callbacks.py`` checks the limit for every value each class may take.
"""

from __future__ import annotations

import enum

from aiogram.filters.callback_data import CallbackData

__all__ = [
    "BookCb",
    "DateAction",
    "DateCb",
    "LangCb",
    "MenuAction",
    "MenuCb",
    "NavCb",
    "PickCb",
    "ResultsAction",
    "ResultsCb",
    "Step",
]


class MenuAction(enum.StrEnum):
    """Main menu entries."""

    SEARCH = "s"
    BOOKINGS = "b"
    MANAGER = "m"
    LANGUAGE = "l"


class Step(enum.StrEnum):
    """Wizard questions answered by picking one of the offered options."""

    CITY = "ci"
    COUNTRY = "co"
    NIGHTS = "n"
    ADULTS = "a"
    CHILDREN = "ch"
    AGE = "ag"
    BUDGET = "b"


class DateAction(enum.StrEnum):
    """What a button of the dates step does."""

    QUICK = "q"
    MONTH = "m"
    DAY = "d"
    NOOP = "x"


class ResultsAction(enum.StrEnum):
    """What a button under the results does."""

    PAGE = "p"
    OFFER = "o"
    LIST = "l"


class MenuCb(CallbackData, prefix="m"):
    """A main menu button."""

    action: MenuAction


class LangCb(CallbackData, prefix="l"):
    """Choose the language (``ru`` or ``en``)."""

    code: str


class NavCb(CallbackData, prefix="n"):
    """Back to the previous wizard question."""

    back: bool = True


class PickCb(CallbackData, prefix="p"):
    """Option ``index`` of the list offered at ``step``."""

    step: Step
    index: int


class DateCb(CallbackData, prefix="d"):
    """A dates-step button: a quick choice, a calendar month, or a day (ISO dates)."""

    action: DateAction
    value: str = ""


class ResultsCb(CallbackData, prefix="r"):
    """Turn to results page ``value``, open offer ``value`` of the page, or list the page."""

    action: ResultsAction
    value: int = 0


class BookCb(CallbackData, prefix="k"):
    """Request a booking of offer ``index`` of the current results page."""

    index: int
