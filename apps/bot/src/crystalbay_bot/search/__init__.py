"""The tour search wizard's model: the draft, date windows and fixed options."""

from crystalbay_bot.search.dates import (
    HORIZON_DAYS,
    QUICK,
    chosen_window,
    day_window,
    in_horizon,
    month_grid,
    parse_month,
    quick_window,
)
from crystalbay_bot.search.draft import PAGE_SIZE, Choice, SearchDraft, load, save
from crystalbay_bot.search.errors import SearchUnavailable
from crystalbay_bot.search.options import ADULTS, AGES, BUDGETS, CHILDREN, NIGHTS, parse_budget

__all__ = [
    "ADULTS",
    "AGES",
    "BUDGETS",
    "CHILDREN",
    "HORIZON_DAYS",
    "NIGHTS",
    "PAGE_SIZE",
    "QUICK",
    "Choice",
    "SearchDraft",
    "SearchUnavailable",
    "chosen_window",
    "day_window",
    "in_horizon",
    "load",
    "month_grid",
    "parse_budget",
    "parse_month",
    "quick_window",
    "save",
]
