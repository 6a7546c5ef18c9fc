"""Every FSM state of the bot: one ``StatesGroup`` per conversation."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

__all__ = ["Booking", "Search"]


class Search(StatesGroup):
    """The tour search wizard, one state per question, then the results."""

    city = State()
    country = State()
    dates = State()
    nights = State()
    adults = State()
    children = State()
    child_age = State()
    budget = State()
    results = State()


class Booking(StatesGroup):
    """A booking request for the chosen offer: who and how to reach them."""

    name = State()
    phone = State()
