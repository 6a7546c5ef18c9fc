"""The shape of the bot's text catalogue: every text the customer sees, one field each.

A catalogue per language is one :class:`Texts` value, so a missing text is a type error,
not a run-time surprise. Fields with ``{placeholders}`` are filled with ``str.format``.
"""

from __future__ import annotations

import msgspec

__all__ = ["Texts"]


class Texts(msgspec.Struct, frozen=True, kw_only=True):
    """All customer-facing texts in one language."""

    code: str
    language_name: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    # menu and commands
    greeting: str
    menu_search: str
    menu_bookings: str
    menu_manager: str
    menu_language: str
    command_start: str
    command_search: str
    command_bookings: str
    command_manager: str
    command_lang: str
    command_cancel: str
    choose_language: str
    language_set: str
    cancelled: str
    nothing_to_cancel: str
    use_buttons: str
    # wizard
    back: str
    ask_city: str
    ask_country: str
    ask_dates: str
    dates_two_weeks: str
    dates_next_month: str
    dates_in_two_months: str
    dates_calendar: str
    ask_day: str
    ask_nights: str
    nights_option: str
    ask_adults: str
    ask_children: str
    ask_child_age: str
    ask_budget: str
    budget_option: str
    budget_any: str
    budget_invalid: str
    nothing_offered: str
    # results and offers
    searching: str
    results_header: str
    results_line: str
    no_results: str
    previous_page: str
    next_page: str
    new_search: str
    back_to_results: str
    request_booking: str
    offer_card: str
    party_adults: str
    children_ages: str
    sandbox_note: str
    # booking
    ask_name: str
    name_invalid: str
    ask_phone: str
    share_phone: str
    phone_invalid: str
    not_your_contact: str
    booking_done: str
    # my bookings and statuses
    bookings_header: str
    bookings_line: str
    bookings_none: str
    status_requested: str
    status_sent_to_operator: str
    status_confirmed: str
    status_paid: str
    status_cancelled: str
    # manager hand-over and errors
    manager_called: str
    error_unavailable: str
    error_invalid: str
    error_general: str
    search_down: str
    # bad input: old buttons, abandoned flows, floods, files
    button_outdated: str
    button_outdated_menu: str
    flow_expired: str
    slow_down: str
    media_received: str
