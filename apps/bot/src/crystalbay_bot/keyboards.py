"""Keyboards: inline buttons for menus, steps, results and offers; reply keyboards too.

Reply keyboards (one tap sends a message) are used for the name and the shared phone.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from crystalbay_bot.callbacks import (
    BookCb,
    DateAction,
    DateCb,
    LangCb,
    MenuAction,
    MenuCb,
    NavCb,
    PickCb,
    ResultsAction,
    ResultsCb,
    Step,
)
from crystalbay_bot.search.dates import QUICK, in_horizon, month_grid
from crystalbay_bot.texts import CATALOGUES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crystalbay_bot.search.draft import SearchDraft
    from crystalbay_bot.texts import Texts

__all__ = [
    "calendar",
    "choices",
    "dates",
    "languages",
    "menu",
    "name_keyboard",
    "offer",
    "phone_keyboard",
    "results",
]

_NOOP = DateCb(action=DateAction.NOOP).pack()
_ONE_DAY = timedelta(days=1)


def menu(texts: Texts) -> InlineKeyboardMarkup:
    """The main menu."""
    entries = (
        (MenuAction.SEARCH, texts.menu_search),
        (MenuAction.BOOKINGS, texts.menu_bookings),
        (MenuAction.MANAGER, texts.menu_manager),
        (MenuAction.LANGUAGE, texts.menu_language),
    )
    return _markup([[_menu_button(label, action)] for action, label in entries])


def languages() -> InlineKeyboardMarkup:
    """One button per catalogue, named in its own language."""
    return _markup(
        [[_button(t.language_name, LangCb(code=code).pack()) for code, t in CATALOGUES.items()]]
    )


def choices(
    texts: Texts, step: Step, labels: Sequence[str], *, columns: int = 2, back: bool = True
) -> InlineKeyboardMarkup:
    """One button per option (by index), ``columns`` to a row, then Back."""
    buttons = [
        _button(label, PickCb(step=step, index=index).pack()) for index, label in enumerate(labels)
    ]
    rows = [buttons[start : start + columns] for start in range(0, len(buttons), columns)]
    return _markup([*rows, [_back(texts)]] if back else rows)


def dates(texts: Texts) -> InlineKeyboardMarkup:
    """Quick choices, the calendar, Back."""
    labels = {
        "two_weeks": texts.dates_two_weeks,
        "next_month": texts.dates_next_month,
        "in_two_months": texts.dates_in_two_months,
    }
    rows = [
        [_button(labels[choice], DateCb(action=DateAction.QUICK, value=choice).pack())]
        for choice in QUICK
    ]
    rows.append([_button(texts.dates_calendar, DateCb(action=DateAction.MONTH).pack())])
    return _markup([*rows, [_back(texts)]])


def calendar(texts: Texts, first: date, today: date) -> InlineKeyboardMarkup:
    """A month: title, weekdays, days (past days blank), previous/next month, Back."""
    rows = [
        [_noop(f"{texts.months[first.month - 1]} {first.year}")],
        [_noop(name) for name in texts.weekdays],
    ]
    rows.extend([_day_button(cell) for cell in week] for week in month_grid(first, today))
    previous = (first.replace(day=1) - _ONE_DAY).replace(day=1)
    following = (first.replace(day=28) + 4 * _ONE_DAY).replace(day=1)
    nav = [_month_button("◀", previous) if previous >= today.replace(day=1) else _noop(" ")]
    nav.append(_month_button("▶", following) if in_horizon(following, today) else _noop(" "))
    rows += [nav, [_back(texts)]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def results(texts: Texts, draft: SearchDraft) -> InlineKeyboardMarkup:
    """Offer numbers, paging, Back and New search."""
    rows = [
        [
            InlineKeyboardButton(
                text=str(n), callback_data=ResultsCb(action=ResultsAction.OFFER, value=n - 1).pack()
            )
            for n in range(1, len(draft.offers) + 1)
        ]
    ]
    nav = []
    if draft.page > 1:
        nav.append(_page_button(texts.previous_page, draft.page - 1))
    if draft.has_more:
        nav.append(_page_button(texts.next_page, draft.page + 1))
    rows += [nav, [_back(texts)], [_menu_button(texts.new_search, MenuAction.SEARCH)]]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def offer(texts: Texts, index: int) -> InlineKeyboardMarkup:
    """Request booking, back to the results, talk to a manager."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(texts.request_booking, BookCb(index=index).pack())],
            [_page_button(texts.back_to_results, 0, ResultsAction.LIST)],
            [_menu_button(texts.menu_manager, MenuAction.MANAGER)],
        ]
    )


def name_keyboard(name: str) -> ReplyKeyboardMarkup:
    """Offer the name Telegram knows as a one-tap answer."""
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=name)]], resize_keyboard=True, one_time_keyboard=True
    )


def phone_keyboard(texts: Texts) -> ReplyKeyboardMarkup:
    """The share-my-phone button."""
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=texts.share_phone, request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    """Rows of buttons (built directly: aiogram's builder deep-copies every button)."""
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _back(texts: Texts) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=texts.back, callback_data=NavCb().pack())


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def _day_button(cell: DateCb | int) -> InlineKeyboardButton:
    if isinstance(cell, DateCb):
        return _button(str(int(cell.value[-2:])), cell.pack())
    return _noop(" ")


def _noop(text: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=_NOOP)


def _month_button(text: str, first: date) -> InlineKeyboardButton:
    value = first.strftime("%Y-%m")
    return InlineKeyboardButton(
        text=text, callback_data=DateCb(action=DateAction.MONTH, value=value).pack()
    )


def _page_button(
    text: str, page: int, action: ResultsAction = ResultsAction.PAGE
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=ResultsCb(action=action, value=page).pack()
    )


def _menu_button(text: str, action: MenuAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MenuCb(action=action).pack())
