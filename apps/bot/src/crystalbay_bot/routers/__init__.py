"""One router per conversation flow, plus the errors and outdated-buttons routers.

Each module's ``router()`` builds a fresh router, because a router belongs to one dispatcher.
"""

from crystalbay_bot.routers import (
    booking,
    bookings,
    errors,
    inbox,
    manager,
    media,
    outdated,
    results,
    search,
    start,
)

__all__ = [
    "booking",
    "bookings",
    "errors",
    "inbox",
    "manager",
    "media",
    "outdated",
    "results",
    "search",
    "start",
]
