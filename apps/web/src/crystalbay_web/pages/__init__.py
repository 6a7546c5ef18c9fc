"""Dashboard pages (HTML). ``core.py`` registers these lists.

* :data:`PAGE_HANDLERS` sit behind the login guard (``require_user``); add ``require_admin``
  to a handler or controller for admin-only pages. Add a page by importing its handler or
  controller here and appending it to the list (one entry per line keeps merges easy).
* :data:`PUBLIC_HANDLERS` need no session (login, logout, language switch).
"""

from litestar.types import ControllerRouterHandler

from crystalbay_web.live import events_stream
from crystalbay_web.pages.account import PUBLIC_HANDLERS, change_password, password_page
from crystalbay_web.pages.analytics import AnalyticsController
from crystalbay_web.pages.board import BoardController
from crystalbay_web.pages.bookings import BookingsController
from crystalbay_web.pages.lead import LeadPageController
from crystalbay_web.pages.lead_files import message_file
from crystalbay_web.pages.settings import SettingsController
from crystalbay_web.pages.settings_accounts import SettingsAccountsController
from crystalbay_web.pages.tours import TourPageController
from crystalbay_web.pages.tours_lead import LeadToursController

__all__ = ["PAGE_HANDLERS", "PUBLIC_HANDLERS"]

PAGE_HANDLERS: list[ControllerRouterHandler] = [
    BoardController,
    LeadPageController,
    message_file,
    events_stream,
    password_page,
    change_password,
    AnalyticsController,
    BookingsController,
    SettingsController,
    SettingsAccountsController,
    TourPageController,
    LeadToursController,
]
